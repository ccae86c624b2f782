// Segments: membership rule, per-value figures in SQL, sums that add up, intervals. Real DuckDB, hand-worked rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/demo/generate.js';
import { silent } from '../src/domain/effects.js';
import type { SegmentRow } from '../src/domain/types.js';
import type { Db } from '../src/engine/db.js';
import { getSegmentRows } from '../src/engine/segments.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { ingest } from '../src/ingest/ingest.js';
import { expectSumsAddUp, FIXTURE, FIXTURE_SEEN, loadSegmentEvents } from './fixtures/segments/load.js';
import { freshDb, ROOT, tempDir } from './helpers.js';

type Counts = Pick<
  SegmentRow,
  'players' | 'accepted' | 'declined' | 'completed' | 'abandoned' | 'failed' | 'not_encountered'
>;
const counts = (r: SegmentRow): Counts & { quest: string; value: string | null } => ({
  quest: r.quest_id,
  value: r.value,
  players: r.players,
  accepted: r.accepted,
  declined: r.declined,
  completed: r.completed,
  abandoned: r.abandoned,
  failed: r.failed,
  not_encountered: r.not_encountered,
});
const c = (quest: string, value: string | null, players: number, f: Partial<Counts> = {}) => ({
  quest,
  value,
  players,
  accepted: 0,
  declined: 0,
  completed: 0,
  abandoned: 0,
  failed: 0,
  not_encountered: 0,
  ...f,
});

async function fixtureDb(): Promise<Db> {
  const db = await freshDb();
  await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
  await computeSnapshots(db, { asOf: '2026-11-28', backfill: true }, silent);
  return db;
}

describe('segments', () => {
  it('puts each player under the value of their first event for the quest, else their own first event', async () => {
    const db = await fixtureDb();
    const rows = await getSegmentRows(db, { date: '2026-11-28', dimension: 'build' });
    expect(rows.map(counts)).toEqual([
      c('Q1', null, 5, { completed: 2, declined: 1, not_encountered: 2 }),
      // a counts under 1.5 for Q1 (its first Q1 event) although a's first event ever was on 1.4; e has not met Q1
      // and counts under its own first event's build, 1.5; c never met a quest: (none).
      c('Q1', '(none)', 1, { not_encountered: 1 }),
      c('Q1', '1.4', 1, { completed: 1 }),
      c('Q1', '1.5', 3, { completed: 1, declined: 1, not_encountered: 1 }),
      c('Q2', null, 5, { accepted: 1, declined: 1, not_encountered: 3 }),
      c('Q2', '(none)', 1, { not_encountered: 1 }),
      // d has not met Q2: its own build 1.4 (its first event, Q1); b likewise under 1.5.
      c('Q2', '1.4', 2, { accepted: 1, not_encountered: 1 }),
      c('Q2', '1.5', 2, { declined: 1, not_encountered: 1 }),
    ]);
    const q1 = rows.filter((r) => r.quest_id === 'Q1');
    // Times by the completer's value: a's 1800 s under 1.5; d's completion has no acceptance (no time, an anomaly).
    expect(q1.map((r) => [r.value, r.mean_seconds, r.median_seconds, r.p90_seconds, r.anomalies])).toEqual([
      [null, 1800, 1800, 1800, 1],
      ['(none)', null, null, null, 0],
      ['1.4', null, null, null, 1],
      ['1.5', 1800, 1800, 1800, 0],
    ]);
    // A list of quests reads those quests' rows only, in the same order (an empty list reads none).
    expect(await getSegmentRows(db, { date: '2026-11-28', dimension: 'build', quests: ['Q2'] })).toEqual(
      rows.filter((r) => r.quest_id === 'Q2'),
    );
    expect(await getSegmentRows(db, { date: '2026-11-28', quests: ['Q2', 'Q1'] })).toEqual(
      await getSegmentRows(db, { date: '2026-11-28' }),
    );
    expect(await getSegmentRows(db, { date: '2026-11-28', quests: [] })).toEqual([]);
    db.close();
  });

  it('platform: a missing value is its own value; cohort: the ISO week of the first sighting', async () => {
    const db = await fixtureDb();
    const platform = await getSegmentRows(db, { date: '2026-11-28', dimension: 'platform', overall: false });
    expect(platform.filter((r) => r.quest_id === 'Q1').map(counts)).toEqual([
      // b played Q1 with no platform; c has none at all.
      c('Q1', '(none)', 2, { declined: 1, not_encountered: 1 }),
      c('Q1', 'ios', 2, { completed: 1, not_encountered: 1 }),
      c('Q1', 'pc', 1, { completed: 1 }),
    ]);
    const cohort = await getSegmentRows(db, { date: '2026-11-28', dimension: 'cohort', overall: false });
    expect(cohort.filter((r) => r.quest_id === 'Q1').map(counts)).toEqual([
      c('Q1', '2026-W47', 2, { completed: 1, not_encountered: 1 }),
      c('Q1', '2026-W48', 3, { completed: 1, declined: 1, not_encountered: 1 }),
    ]);
    db.close();
  });

  it('is stored per snapshot date: a day counts only the players seen by then', async () => {
    const db = await fixtureDb();
    const rows = await getSegmentRows(db, { date: '2026-11-27', dimension: 'build' });
    // On Nov 27 d and e are not seen yet: a, b, c.
    expect(rows.map(counts)).toEqual([
      c('Q1', null, 3, { completed: 1, declined: 1, not_encountered: 1 }),
      c('Q1', '(none)', 1, { not_encountered: 1 }),
      // a's own build 1.4 is a value that day, but a met Q1 on 1.5: a row of zeros.
      c('Q1', '1.4', 0),
      c('Q1', '1.5', 2, { completed: 1, declined: 1 }),
      c('Q2', null, 3, { accepted: 1, not_encountered: 2 }),
      c('Q2', '(none)', 1, { not_encountered: 1 }),
      c('Q2', '1.4', 1, { accepted: 1 }),
      c('Q2', '1.5', 1, { not_encountered: 1 }),
    ]);
    const dates = await db.all<{ d: string; n: number }>(
      'SELECT snapshot_date::VARCHAR AS d, count(*)::INTEGER AS n FROM segment_snapshots GROUP BY 1 ORDER BY 1',
    );
    expect(dates.map((r) => r.d)).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
    for (const d of dates) expectSumsAddUp(await getSegmentRows(db, { date: d.d }));
    db.close();
  });

  it('gives each rate a 95% Wilson interval', async () => {
    const db = await fixtureDb();
    const [q1] = await getSegmentRows(db, { date: '2026-11-28', dimension: 'build', quest: 'Q1' });
    // Q1 overall: 2 of 5 completed. Wilson, z = 1.96: centre (0.4 + 3.8415/10) / (1 + 3.8415/5) = 0.7841 / 1.7683
    // = 0.44345; half-width 1.96 * sqrt(0.4 * 0.6 / 5 + 3.8415 / 100) / 1.7683 = 1.96 * 0.29397 / 1.7683 = 0.32583:
    // [0.1176, 0.7693]. Reach 3/5 (0.6) mirrors it: [0.2307, 0.8824]. Conversion: 2 of the 3 who met it completed.
    expect(q1?.completion_rate).toBeCloseTo(0.4, 12);
    expect(q1?.completion_rate_low).toBeCloseTo(0.1176, 4);
    expect(q1?.completion_rate_high).toBeCloseTo(0.7693, 4);
    expect(q1?.reach_rate).toBeCloseTo(0.6, 12);
    expect(q1?.reach_rate_low).toBeCloseTo(0.2307, 4);
    expect(q1?.reach_rate_high).toBeCloseTo(0.8824, 4);
    expect(q1?.conversion_rate).toBeCloseTo(2 / 3, 12);
    db.close();
  });

  it('a late file with an earlier first event moves the pair to its value, as a rebuild does', async () => {
    const db = await fixtureDb();
    // a's Q1 played first on 1.3, in a file loaded after the rest.
    await loadSegmentEvents(db, [['a', 'Q1', 'accepted', '2026-11-26 09:00:00', '1.3', 'pc']]);
    await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
    const after = await getSegmentRows(db, { date: '2026-11-28', dimension: 'build', quest: 'Q1', overall: false });
    expect(after.map(counts)).toEqual([
      c('Q1', '(none)', 1, { not_encountered: 1 }),
      c('Q1', '1.3', 1, { completed: 1 }),
      c('Q1', '1.4', 1, { completed: 1 }),
      c('Q1', '1.5', 2, { declined: 1, not_encountered: 1 }),
    ]);
    const rebuilt = await freshDb();
    await loadSegmentEvents(rebuilt, FIXTURE, FIXTURE_SEEN);
    await loadSegmentEvents(rebuilt, [['a', 'Q1', 'accepted', '2026-11-26 09:00:00', '1.3', 'pc']]);
    await computeSnapshots(rebuilt, { asOf: '2026-11-28' }, silent);
    const pairs = 'SELECT player_id, quest_id, first_ts::VARCHAR AS t, build, platform FROM pair_first ORDER BY ALL';
    expect(await db.all(pairs)).toEqual(await rebuilt.all(pairs));
    expect(await getSegmentRows(rebuilt, { date: '2026-11-28' })).toEqual(
      await getSegmentRows(db, { date: '2026-11-28' }),
    );
    db.close();
    rebuilt.close();
  });

  it("a late file with a player's earlier first quest event moves their own values, as a rebuild does", async () => {
    const db = await fixtureDb();
    // e never met Q1 and counted under their first event's build 1.5; a late file brings an earlier Q3 event on 1.3.
    const late: Parameters<typeof loadSegmentEvents>[1] = [['e', 'Q3', 'accepted', '2026-11-26 09:00:00', '1.3', 'pc']];
    await loadSegmentEvents(db, late);
    await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
    const after = await getSegmentRows(db, { date: '2026-11-28', dimension: 'build', quest: 'Q1', overall: false });
    expect(after.map(counts)).toEqual([
      c('Q1', '(none)', 1, { not_encountered: 1 }),
      c('Q1', '1.3', 1, { not_encountered: 1 }),
      c('Q1', '1.4', 1, { completed: 1 }),
      c('Q1', '1.5', 2, { completed: 1, declined: 1 }),
    ]);
    const rebuilt = await freshDb();
    await loadSegmentEvents(rebuilt, FIXTURE, FIXTURE_SEEN);
    await loadSegmentEvents(rebuilt, late);
    await computeSnapshots(rebuilt, { asOf: '2026-11-28' }, silent);
    const own = 'SELECT player_id, first_ts::VARCHAR AS t, build, platform FROM player_values ORDER BY ALL';
    expect(await db.all(own)).toEqual(await rebuilt.all(own));
    expect(await db.all(own)).toContainEqual({
      player_id: 'e',
      t: '2026-11-26 09:00:00',
      build: '1.3',
      platform: 'pc',
    });
    expect(await getSegmentRows(rebuilt, { date: '2026-11-28' })).toEqual(
      await getSegmentRows(db, { date: '2026-11-28' }),
    );
    db.close();
    rebuilt.close();
  });

  it("a late file with a player's earlier sighting moves their cohort on the quests they met, as a rebuild does", async () => {
    const db = await fixtureDb();
    // b (first seen Nov 27, W48, declined Q1) turns up in a late file seen on Nov 18 (W47), with no quest line: b's
    // state is not recomputed, yet b's Q1 row moves to W47 with b.
    const seen: [string, string][] = [['b', '2026-11-18 10:00:00']];
    await loadSegmentEvents(db, [], seen);
    await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
    const after = await getSegmentRows(db, { date: '2026-11-28', dimension: 'cohort', quest: 'Q1', overall: false });
    expect(after.map(counts)).toEqual([
      c('Q1', '2026-W47', 3, { completed: 1, declined: 1, not_encountered: 1 }),
      c('Q1', '2026-W48', 2, { completed: 1, not_encountered: 1 }),
    ]);
    const rebuilt = await freshDb();
    await loadSegmentEvents(rebuilt, FIXTURE, FIXTURE_SEEN);
    await loadSegmentEvents(rebuilt, [], seen);
    await computeSnapshots(rebuilt, { asOf: '2026-11-28' }, silent);
    expect(await getSegmentRows(rebuilt, { date: '2026-11-28' })).toEqual(
      await getSegmentRows(db, { date: '2026-11-28' }),
    );
    db.close();
    rebuilt.close();
  });

  it('adds up on generated data with 1,000 quests, every dimension, every day', async () => {
    const dir = tempDir();
    const out = join(dir, 'data');
    await generateDemoData(
      { out, seed: 11, players: 600, quests: 1000, meanQuests: 4, days: 10, formats: ['parquet'] },
      silent,
    );
    const db = await freshDb(dir);
    await ingest(db, { paths: [join(out, 'parquet')] }, silent);
    const dates = await computeSnapshots(db, { backfill: true }, silent);
    expect(dates.length).toBeGreaterThanOrEqual(10);
    let checked = 0;
    for (const d of dates) checked += expectSumsAddUp(await getSegmentRows(db, { date: d }));
    // Every quest of every day, in each of the three dimensions.
    const quests = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM snapshots');
    expect(checked).toBe((quests?.n ?? 0) * 3);
    expect(quests?.n).toBeGreaterThan(1000);
    // The generator gives players five platforms and a build per week (10 days: two weeks): several values each.
    const values = await db.all<{ dimension: string; n: number }>(
      'SELECT dimension, count(DISTINCT value)::INTEGER AS n FROM segment_snapshots GROUP BY 1 ORDER BY 1',
    );
    expect(values.map((v) => v.dimension)).toEqual(['build', 'cohort', 'platform']);
    for (const v of values) expect(v.n).toBeGreaterThanOrEqual(2);
    db.close();
  });

  it('gives each day of a backfill the rows a one-day run gives it, across a change of clocks', async () => {
    // The backfill reads each state row once and puts it on its days (open rows from their first day on, closed ones
    // on the days whose end they span); a one-day run reads the day's state directly. New York leaves daylight time
    // on 2026-11-01, so one day has 25 hours and the day ends change their time of day.
    const dir = tempDir();
    const out = join(dir, 'data');
    await generateDemoData(
      { out, seed: 5, players: 300, quests: 12, meanQuests: 4, days: 10, start: '2026-10-27', formats: ['parquet'] },
      silent,
    );
    const db = await freshDb(dir);
    await ingest(db, { paths: [join(out, 'parquet')] }, silent);
    const timezone = 'America/New_York';
    const dates = await computeSnapshots(db, { backfill: true, timezone }, silent);
    expect(dates).toContain('2026-11-01');
    const all = 'SELECT * FROM segment_snapshots ORDER BY ALL';
    const backfilled = await db.all(all);
    // Closed intervals that span a day end are there to be counted (on UTC days; New York's are near enough).
    const spanning = await db.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM state_intervals
       WHERE valid_to IS NOT NULL AND date_trunc('day', valid_to) > valid_from`,
    );
    expect(spanning?.n).toBeGreaterThan(20);
    // The values add up to the overall figures (snapshot/figures.sql, which joins every state row with every day).
    for (const d of dates) expectSumsAddUp(await getSegmentRows(db, { date: d }));
    for (const asOf of dates) await computeSnapshots(db, { asOf, timezone }, silent);
    expect(await db.all(all)).toEqual(backfilled);
    db.close();
  });

  it('adds up on the committed sample, which has two builds and five platforms to compare', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    await ingest(db, { paths: [join(ROOT, 'data/sample/logs')] }, silent);
    const dates = await computeSnapshots(db, { backfill: true }, silent);
    for (const d of dates) expectSumsAddUp(await getSegmentRows(db, { date: d }));
    const values = await db.all<{ dimension: string; values: string }>(
      `SELECT dimension, string_agg(DISTINCT value, ' ' ORDER BY value) AS values
       FROM segment_snapshots WHERE dimension <> 'cohort' GROUP BY 1 ORDER BY 1`,
    );
    expect(values).toEqual([
      { dimension: 'build', values: '(none) 1.4.0 1.5.0' },
      { dimension: 'platform', values: '(none) android ios pc ps5 switch' },
    ]);
    db.close();
  });
});
