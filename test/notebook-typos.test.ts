// What an analyst's typo gets back: a quest id that is not there names the ids nearest to it (or every id when there
// are few), a limit that is not a count is refused, and a quest nobody met is not said to be missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearest } from '../src/domain/nearest.js';
import { open, type Questlog } from '../src/notebook.js';
import { tempDir } from './helpers.js';
import { tinyDb } from './notebook-helpers.js';

let ql: Questlog;
beforeAll(async () => {
  ql = await open(await tinyDb(tempDir()), { display: () => {} });
});
afterAll(() => ql.close());

const ID_HINT =
  'the quest ids are the quest_id column of `ql.stats()` (or ql.rows`SELECT quest_id, name FROM catalogue`)';

describe('a misspelt quest id', () => {
  it('names the nearest ids in every call that takes one', async () => {
    const near = { hint: `did you mean FET0001? ${ID_HINT}` };
    await expect(ql.history('FET001')).rejects.toMatchObject({ message: 'no snapshot has quest FET001', ...near });
    await expect(ql.history('fet0001')).rejects.toMatchObject(near);
    await expect(ql.chart('trend', { quest: 'FET001' })).rejects.toMatchObject(near);
    await expect(ql.chart('funnel', { quest: 'FTE0001' })).rejects.toMatchObject({
      message: 'quest FTE0001 is not in the snapshot',
      hint: `did you mean FET0001? ${ID_HINT}`,
    });
    await expect(ql.stats({ by: 'build', quest: 'FET001' })).rejects.toMatchObject({
      message: 'quest FET001 is not in the snapshot of 2026-11-28',
      ...near,
    });
    await expect(ql.chart('segments', { quest: 'KIL002', by: 'build' })).rejects.toMatchObject({
      hint: `did you mean KIL0002? ${ID_HINT}`,
    });
  });

  it('lists the ids when none is near and there are few', async () => {
    await expect(ql.chart('histogram', { quest: 'NOPE' })).rejects.toMatchObject({
      hint: 'its quests: FET0001, KIL0002',
    });
  });

  it('is an error in questHistory too, not an empty list a chart would draw as nothing', async () => {
    await expect(ql.questHistory('FET001')).rejects.toMatchObject({
      message: 'no snapshot has quest FET001',
      hint: `did you mean FET0001? ${ID_HINT}`,
    });
    expect((await ql.questHistory('FET0001')).map((q) => q.snapshot_date)).toEqual(['2026-11-27', '2026-11-28']);
  });
});

describe('nearest', () => {
  it('keeps only the closest names, case aside, in their order', () => {
    const ids = ['FET0001', 'FET0006', 'FET0011', 'KIL0002'];
    expect(nearest('fet0001', ids)).toEqual(['FET0001']);
    expect(nearest('FET001', ids)).toEqual(['FET0001', 'FET0011']);
    expect(nearest('XYZ', ids)).toEqual([]);
  });
});

describe('other slips', () => {
  it('a stats limit that is not a positive integer is refused (slice read -1 as all but the last)', async () => {
    for (const limit of [-1, 0, 2.5]) {
      await expect(ql.stats({ limit })).rejects.toThrow(`stats limit must be a positive integer, got ${limit}`);
    }
  });

  it('the segments chart of a catalogue quest nobody met says so, not that the quest is missing', async () => {
    await expect(ql.chart('segments', { quest: 'KIL0002', by: 'build' })).rejects.toThrow(
      'nobody has met quest KIL0002: no build has a conversion rate to draw',
    );
  });
});

describe('an option key a call does not take', () => {
  // tslab's type check refuses these only in object literals; from a variable (or JavaScript) they ran on the defaults.
  const opts = (o: object) => o as never;
  it('is refused at run time, naming the key, the nearest ones and every one the call takes', async () => {
    await expect(ql.stats(opts({ dat: '2026-11-27' }))).rejects.toThrow(
      'stats: unknown option "dat" (did you mean date?); its options: by, date, quest, minPlayers, limit',
    );
    await expect(ql.stats(opts({ by: 'build', min_players: 5 }))).rejects.toThrow(
      'stats: unknown option "min_players" (did you mean minPlayers?); its options: by, date, quest, minPlayers, limit',
    );
    await expect(ql.segments(opts({ by: 'build', Quest: 'FET0001' }))).rejects.toThrow(
      'segments: unknown option "Quest" (did you mean quest?); its options: by, date, quest, minPlayers',
    );
    await expect(ql.chart('trend', opts({ questId: 'FET0001' }))).rejects.toThrow(
      'chart: unknown option "questId" (did you mean quest?); its options: date, quest, by, chain, limit, title',
    );
    await expect(ql.chart('buckets', opts({ color: 'red' }))).rejects.toThrow(
      'chart: unknown option "color"; its options: date, quest, by, chain, limit, title',
    );
    await expect(ql.chartSpec('funnel', opts({ quest: 'FET0001', dates: '2026-11-27' }))).rejects.toThrow(
      'chartSpec: unknown option "dates" (did you mean date?); its options: date, quest, by, chain, limit, title',
    );
    expect(() => ql.show([{ a: 1 }], opts({ limits: 5 }))).toThrow(
      'show: unknown option "limits" (did you mean limit?); its options: limit, total, columns, caption, rest',
    );
    await expect(open('x.duckdb', opts({ readonly: true }))).rejects.toThrow(
      'open: unknown option "readonly" (did you mean readOnly?); its options: readOnly, display',
    );
    // The keys they do take still work, a date string included.
    await expect(ql.stats('2026-11-27')).resolves.toBeUndefined();
    await expect(
      ql.stats({ by: 'build', date: '2026-11-28', quest: 'FET0001', minPlayers: 0, limit: 5 }),
    ).resolves.toBeUndefined();
  });
});
