// segment_open (migration 016): the open state rows other than completed counted per quest, segment value and bucket,
// kept by the state refresh; with segment_completed, what a snapshot on a date after every event reads instead of
// the state (segments and per-quest figures). Hand-written events (fixtures/segments/load.ts), exact rows, and after
// every refresh the kept rows equal the counts over the whole state (what a rebuild gives).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/demo/generate.js';
import { silent } from '../src/domain/effects.js';
import type { Db } from '../src/engine/db.js';
import { keptCovers } from '../src/engine/segments.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { refreshState } from '../src/engine/state.js';
import { ingest } from '../src/ingest/ingest.js';
import { FIXTURE, FIXTURE_SEEN, loadSegmentEvents, type SegEv } from './fixtures/segments/load.js';
import { freshDb, tempDir } from './helpers.js';

/** [quest, dimension, value (a cohort's key), bucket (none for the player's own values), count] */
type Row = [string, string, string | null, string | null, number];

const SELECT = `SELECT quest_id, dimension, coalesce(value, cohort_key::VARCHAR) AS value, bucket::VARCHAR AS bucket,
  n::INTEGER AS n FROM`;

async function kept(db: Db): Promise<Row[]> {
  const rows = await db.all<Record<string, string | number | null>>(`${SELECT} segment_open ORDER BY ALL`);
  return rows.map((r) => [r.quest_id, r.dimension, r.value, r.bucket, r.n] as Row);
}

/** The kept rows equal the counts over the whole state, as a rebuild would keep them. */
async function expectRebuilt(db: Db): Promise<void> {
  const all = await db.all(`${SELECT} ql_open_counts('state_current') ORDER BY ALL`);
  expect(await db.all(`${SELECT} segment_open ORDER BY ALL`)).toEqual(all);
}

/** One open row's five kept rows (the fixture's players' cohort keys: their weeks' middles). */
function rows(quest: string, bucket: string, pair: string[], own: (string | null)[], key: string): Row[] {
  return [
    [quest, 'build', pair[0] ?? null, bucket, 1],
    [quest, 'cohort', key, bucket, 1],
    [quest, 'own_build', own[0] ?? null, null, 1],
    [quest, 'own_platform', own[1] ?? null, null, 1],
    [quest, 'platform', pair[1] ?? null, bucket, 1],
  ];
}
const W47 = '2026-11-19 12:00:00';
const W48 = '2026-11-26 12:00:00';
const A_Q2 = (bucket: string) => rows('Q2', bucket, ['1.4', 'pc'], ['1.4', 'pc'], W47);
const B_Q1 = (bucket: string, key = W48, own: (string | null)[] = ['1.5', null]) =>
  rows('Q1', bucket, ['1.5'], own, key);
const E_Q2 = rows('Q2', 'declined', ['1.5', 'ios'], ['1.5', 'ios'], W48);
const sorted = (list: Row[]) =>
  [...list].sort((x, y) => {
    for (let i = 0; i < x.length; i++) {
      const a = x[i] ?? '\uffff';
      const b = y[i] ?? '\uffff';
      if (a !== b) return String(a) < String(b) ? -1 : 1;
    }
    return 0;
  });

describe('segment_open', () => {
  it("counts a first build's open rows and moves the continued pairs' rows to their new bucket", async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE.slice(0, 5), FIXTURE_SEEN);
    await refreshState(db, silent);
    // a's Q1 completion is segment_completed's; c met no quest.
    expect(await kept(db)).toEqual(sorted([...B_Q1('declined'), ...A_Q2('accepted')]));
    await expectRebuilt(db);
    // Continued from their state (no recompute): a abandons Q2, b accepts Q1 again; d (a completion) and e are new.
    const next: SegEv[] = [
      ['a', 'Q2', 'abandoned', '2026-11-29 10:00:00', '1.4', 'pc'],
      ['b', 'Q1', 'accepted', '2026-11-29 11:00:00', '1.5', null],
      ...FIXTURE.slice(5),
    ];
    await loadSegmentEvents(db, next);
    expect((await refreshState(db, silent)).recomputed).toBe(0);
    // The accepted and declined groups they left are gone, not kept at zero.
    expect(await kept(db)).toEqual(sorted([...B_Q1('accepted'), ...A_Q2('abandoned'), ...E_Q2]));
    await expectRebuilt(db);
    db.close();
  });

  it("takes back a recomputed player's rows: a late event at the same instant turns b's decline into a failure", async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await refreshState(db, silent);
    // Not later than b's state (declined at 11:00): recomputed; failed sorts after declined at one instant.
    await loadSegmentEvents(db, [['b', 'Q1', 'failed', '2026-11-27 11:00:00', '1.5', null]]);
    expect((await refreshState(db, silent)).recomputed).toBe(1);
    expect(await kept(db)).toEqual(sorted([...B_Q1('failed'), ...A_Q2('accepted'), ...E_Q2]));
    await expectRebuilt(db);
    db.close();
  });

  it('moves the rows of a player whose own values and cohort a late file moved, without recomputing them', async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await refreshState(db, silent);
    // b's first quest event ever, on Q3 (not met before: no recompute), on Monday Nov 16 01:00 UTC on 1.2 / pc: b's
    // Q1 row moves to own build 1.2, own platform pc and that quarter hour's cohort key (near a Monday).
    // The same file continues b's Q1 (an abandon after the decline): that pair's old row leaves its group once.
    await loadSegmentEvents(db, [
      ['b', 'Q3', 'accepted', '2026-11-16 01:00:00', '1.2', 'pc'],
      ['b', 'Q1', 'abandoned', '2026-11-29 10:00:00', '1.5', null],
    ]);
    expect((await refreshState(db, silent)).recomputed).toBe(0);
    const key = '2026-11-16 01:00:00';
    expect(await kept(db)).toEqual(
      sorted([
        ...B_Q1('abandoned', key, ['1.2', 'pc']),
        ...A_Q2('accepted'),
        ...E_Q2,
        ...rows('Q3', 'accepted', ['1.2', 'pc'], ['1.2', 'pc'], key),
      ]),
    );
    await expectRebuilt(db);
    db.close();
  });

  it("sums again each group a recomputed player's completion left, with the other players' rows in it", async () => {
    const db = await freshDb();
    // a's Q1 completion is under build 1.5, platform pc, own build 1.4, own platform pc and cohort key W47; each of
    // f, g, h, i, j completed Q1 sharing exactly one of those groups with it (in that order: cohort, build, platform,
    // own build, own platform): each group summed again must count theirs too (segment_completed).
    const others: SegEv[] = [
      ['f', 'Q1', 'accepted', '2026-11-18 12:00:00', '1.3', 'android'],
      ['f', 'Q1', 'completed', '2026-11-18 12:30:00', '1.3', 'android'],
      ['g', 'Q1', 'accepted', '2026-12-02 10:00:00', '1.5', 'xbox'],
      ['g', 'Q1', 'completed', '2026-12-02 10:20:00', '1.5', 'xbox'],
      ['h', 'Q2', 'accepted', '2026-12-02 09:00:00', '1.2', 'ios'],
      ['h', 'Q1', 'accepted', '2026-12-02 10:00:00', '1.2', 'pc'],
      ['h', 'Q1', 'completed', '2026-12-02 10:30:00', '1.2', 'pc'],
      ['i', 'Q2', 'accepted', '2026-12-02 08:00:00', '1.4', 'switch'],
      ['i', 'Q1', 'accepted', '2026-12-02 11:00:00', '1.6', 'switch'],
      ['i', 'Q1', 'completed', '2026-12-02 11:30:00', '1.6', 'switch'],
      ['j', 'Q2', 'accepted', '2026-12-02 07:00:00', '1.7', 'pc'],
      ['j', 'Q1', 'accepted', '2026-12-02 12:00:00', '1.8', 'ps5'],
      ['j', 'Q1', 'completed', '2026-12-02 12:30:00', '1.8', 'ps5'],
    ];
    await loadSegmentEvents(db, [...FIXTURE, ...others], FIXTURE_SEEN);
    await refreshState(db, silent);
    // A late acceptance between a's acceptance and completion: a is recomputed (1,200 s, two attempts).
    await loadSegmentEvents(db, [['a', 'Q1', 'accepted', '2026-11-27 09:10:00', '1.5', 'pc']]);
    expect((await refreshState(db, silent)).recomputed).toBe(1);
    const sums = (from: string) =>
      db.all(`SELECT quest_id, dimension, value, cohort_key::VARCHAR AS k, completed::INTEGER AS n, seconds_sum,
        seconds_min, attempts_sum::INTEGER AS attempts FROM ${from} ORDER BY ALL`);
    const kept = await sums('segment_completed');
    expect(kept).toEqual(await sums("ql_completed_sums('state_current')"));
    // Each shared group holds both completions.
    expect(kept.filter((r) => (r as { n: number }).n === 2).length).toBe(5);
    db.close();
  });

  it('keeps the quantiles of unchanged groups, appends new times to the kept ones and computes new groups', async () => {
    const timezone = 'Asia/Kathmandu';
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await computeSnapshots(db, { asOf: '2026-11-28', timezone }, silent);
    const quantiles = 'SELECT quest_id, dimension, value, tz, q, times FROM segment_quantiles ORDER BY ALL';
    // a's Q1 completion (1,800 s; d's has no time): per quest, build, platform and cohort (a week in the zone); the
    // segment groups keep their times (migration 017), the per-quest row does not.
    const a = [1800, 1800];
    expect(await db.all(quantiles)).toEqual([
      { quest_id: 'Q1', dimension: 'build', value: '1.5', tz: '', q: a, times: [1800] },
      { quest_id: 'Q1', dimension: 'cohort', value: '2026-W47', tz: timezone, q: a, times: [1800] },
      { quest_id: 'Q1', dimension: 'overall', value: '', tz: '', q: a, times: null },
      { quest_id: 'Q1', dimension: 'platform', value: 'pc', tz: '', q: a, times: [1800] },
    ]);
    // c (seen in W47, no quest before) completes Q1 on 1.5 / ios in 3,600 s: build 1.5 and cohort W47 only gain a
    // time (appended, quantiles taken again), the per-quest row goes, platform ios is new (no row), pc is unchanged.
    const next: SegEv[] = [
      ['c', 'Q1', 'accepted', '2026-11-29 09:00:00', '1.5', 'ios'],
      ['c', 'Q1', 'completed', '2026-11-29 10:00:00', '1.5', 'ios'],
    ];
    await loadSegmentEvents(db, next);
    await refreshState(db, silent);
    const both = [2700, 3420];
    expect(await db.all(quantiles)).toEqual([
      { quest_id: 'Q1', dimension: 'build', value: '1.5', tz: '', q: both, times: [1800, 3600] },
      { quest_id: 'Q1', dimension: 'cohort', value: '2026-W47', tz: timezone, q: both, times: [1800, 3600] },
      { quest_id: 'Q1', dimension: 'platform', value: 'pc', tz: '', q: a, times: [1800] },
    ]);
    await computeSnapshots(db, { asOf: '2026-11-29', timezone }, silent);
    expect(await db.all(quantiles)).toEqual([
      { quest_id: 'Q1', dimension: 'build', value: '1.5', tz: '', q: both, times: [1800, 3600] },
      { quest_id: 'Q1', dimension: 'cohort', value: '2026-W47', tz: timezone, q: both, times: [1800, 3600] },
      { quest_id: 'Q1', dimension: 'overall', value: '', tz: '', q: both, times: null },
      { quest_id: 'Q1', dimension: 'platform', value: 'ios', tz: '', q: [3600, 3600], times: [3600] },
      { quest_id: 'Q1', dimension: 'platform', value: 'pc', tz: '', q: a, times: [1800] },
    ]);
    // The stored rows equal a rebuild's from all the events at once.
    const rebuilt = await freshDb();
    await loadSegmentEvents(rebuilt, [...FIXTURE, ...next], FIXTURE_SEEN);
    await computeSnapshots(rebuilt, { asOf: '2026-11-29', timezone }, silent);
    for (const t of ['snapshots', 'segment_snapshots']) {
      const q = `SELECT * FROM ${t} WHERE snapshot_date = DATE '2026-11-29' ORDER BY ALL`;
      expect(await db.all(q), t).toEqual(await rebuilt.all(q));
    }
    db.close();
    rebuilt.close();
  });

  it("keeps the quantiles of a recomputed player's groups while their completion times stay the same", async () => {
    const timezone = 'Asia/Kathmandu';
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await computeSnapshots(db, { asOf: '2026-11-28', timezone }, silent);
    const quantiles = 'SELECT quest_id, dimension, value, tz, q FROM segment_quantiles ORDER BY ALL';
    const before = await db.all(quantiles);
    expect(before).toHaveLength(4);
    // A late Q2 event an hour before a's first: a is recomputed, and a's Q1 completion (1,800 s, same groups) with it.
    await loadSegmentEvents(db, [['a', 'Q2', 'declined', '2026-11-20 09:00:00', '1.4', 'pc']]);
    expect((await refreshState(db, silent)).recomputed).toBe(1);
    expect(await db.all(quantiles)).toEqual(before);
    // A late acceptance between a's acceptance and completion: a's time becomes 1,200 s, and its four groups go.
    const late: SegEv = ['a', 'Q1', 'accepted', '2026-11-27 09:10:00', '1.5', 'pc'];
    await loadSegmentEvents(db, [late]);
    expect((await refreshState(db, silent)).recomputed).toBe(1);
    expect(await db.all(quantiles)).toEqual([]);
    await computeSnapshots(db, { asOf: '2026-11-29', timezone }, silent);
    const rebuilt = await freshDb();
    await loadSegmentEvents(
      rebuilt,
      [...FIXTURE, ['a', 'Q2', 'declined', '2026-11-20 09:00:00', '1.4', 'pc'], late],
      FIXTURE_SEEN,
    );
    await computeSnapshots(rebuilt, { asOf: '2026-11-29', timezone }, silent);
    for (const t of ['snapshots', 'segment_snapshots']) {
      const q = `SELECT * FROM ${t} WHERE snapshot_date = DATE '2026-11-29' ORDER BY ALL`;
      expect(await db.all(q), t).toEqual(await rebuilt.all(q));
    }
    expect(await db.all(quantiles)).toEqual(await rebuilt.all(quantiles));
    db.close();
    rebuilt.close();
  });

  it('drops a kept quantile row without times (kept before migration 017) when its group gains a time', async () => {
    const timezone = 'Asia/Kathmandu';
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await computeSnapshots(db, { asOf: '2026-11-28', timezone }, silent);
    await db.run(`UPDATE segment_quantiles SET times = NULL WHERE dimension = 'build'`);
    const next: SegEv[] = [
      ['c', 'Q1', 'accepted', '2026-11-29 09:00:00', '1.5', 'ios'],
      ['c', 'Q1', 'completed', '2026-11-29 10:00:00', '1.5', 'ios'],
    ];
    await loadSegmentEvents(db, next);
    await refreshState(db, silent);
    const kept = 'SELECT dimension, value, times FROM segment_quantiles ORDER BY ALL';
    // build 1.5 had no times to append to: it went; cohort W47 got c's time, platform pc is unchanged.
    expect(await db.all(kept)).toEqual([
      { dimension: 'cohort', value: '2026-W47', times: [1800, 3600] },
      { dimension: 'platform', value: 'pc', times: [1800] },
    ]);
    await computeSnapshots(db, { asOf: '2026-11-29', timezone }, silent);
    const rebuilt = await freshDb();
    await loadSegmentEvents(rebuilt, [...FIXTURE, ...next], FIXTURE_SEEN);
    await computeSnapshots(rebuilt, { asOf: '2026-11-29', timezone }, silent);
    const quantiles =
      'SELECT quest_id, dimension, value, tz, q, list_sort(times) AS times FROM segment_quantiles ORDER BY ALL';
    expect(await db.all(quantiles)).toEqual(await rebuilt.all(quantiles));
    const q = `SELECT * FROM segment_snapshots WHERE snapshot_date = DATE '2026-11-29' ORDER BY ALL`;
    expect(await db.all(q)).toEqual(await rebuilt.all(q));
    db.close();
    rebuilt.close();
  });

  it('forgets every kept quantile when the state is rebuilt with no known starting point', async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
    const count = 'SELECT count(*)::INTEGER AS n FROM segment_quantiles';
    expect(await db.one(count)).toEqual({ n: 4 });
    await db.run('UPDATE state_meta SET through_file_id = NULL');
    await loadSegmentEvents(db, [['c', 'Q1', 'completed', '2026-11-29 10:00:00', '1.5', 'ios']]);
    await refreshState(db, silent);
    expect(await db.one(count)).toEqual({ n: 0 });
    await expectRebuilt(db);
    db.close();
  });

  it('gives a date after every event, read from the kept rows, the rows a backfill computes from the state', async () => {
    const dir = tempDir();
    const out = join(dir, 'data');
    await generateDemoData(
      { out, seed: 7, players: 300, quests: 12, meanQuests: 4, days: 6, start: '2026-11-20', formats: ['parquet'] },
      silent,
    );
    const db = await freshDb(dir);
    await ingest(db, { paths: [join(out, 'parquet')] }, silent);
    const timezone = 'Asia/Kathmandu';
    const dates = await computeSnapshots(db, { backfill: true, timezone }, silent);
    const last = dates.at(-1) ?? '';
    const tables = ['snapshots', 'segment_snapshots'].map(
      (t) => `SELECT * FROM ${t} WHERE snapshot_date = $d ORDER BY ALL`,
    );
    const backfilled = await Promise.all(tables.map((t) => db.all(t, { d: last })));
    expect(backfilled[0]?.length).toBeGreaterThan(10);
    // The backfill's last run, after every completion, kept that day's quantiles for the next nightly.
    const kq = await db.all<{ dimension: string }>('SELECT DISTINCT dimension FROM segment_quantiles ORDER BY 1');
    expect(kq.map((r) => r.dimension)).toEqual(['build', 'cohort', 'overall', 'platform']);
    await computeSnapshots(db, { asOf: last, timezone }, silent);
    // The one-day run read the kept rows (snapshot_days still holds its day).
    expect(await keptCovers(db, false)).toEqual({ completed: true, open: true });
    for (const [i, t] of tables.entries()) expect(await db.all(t, { d: last })).toEqual(backfilled[i]);
    // A date before some events counts from the state (its figures are not the kept ones).
    const before = dates.at(-3) ?? '';
    const earlier = await Promise.all(tables.map((t) => db.all(t, { d: before })));
    await computeSnapshots(db, { asOf: before, timezone }, silent);
    expect(await keptCovers(db, false)).toEqual({ completed: false, open: false });
    for (const [i, t] of tables.entries()) expect(await db.all(t, { d: before })).toEqual(earlier[i]);
    db.close();
  });
});
