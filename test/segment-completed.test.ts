// segment_completed (migration 015): the completed state rows summed per quest and segment value, kept by the state
// refresh and read by the one-date segment pass. Hand-written events (fixtures/segments/load.ts), exact rows, and
// after every refresh the kept rows equal the sums over the whole state (what a rebuild gives).
import { describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import type { Db } from '../src/engine/db.js';
import { refreshState } from '../src/engine/state.js';
import { FIXTURE, FIXTURE_SEEN, loadSegmentEvents, type SegEv } from './fixtures/segments/load.js';
import { freshDb } from './helpers.js';

interface Kept {
  quest_id: string;
  dimension: string;
  value: string | null;
  cohort_key: string | null;
  completed: number;
  seconds_n: number;
  seconds_sum: number;
  seconds_min: number | null;
  seconds_max: number | null;
  attempts_sum: number;
  anomalies: number;
  last_from: string;
}

const COLUMNS = `quest_id, dimension, value, cohort_key::VARCHAR AS cohort_key, completed::INTEGER AS completed,
  seconds_n::INTEGER AS seconds_n, seconds_sum::DOUBLE AS seconds_sum, seconds_min, seconds_max, attempts_sum::INTEGER AS attempts_sum,
  anomalies::INTEGER AS anomalies, last_from::VARCHAR AS last_from`;

async function kept(db: Db): Promise<Kept[]> {
  return db.all<Kept>(`SELECT ${COLUMNS} FROM segment_completed ORDER BY ALL`);
}

/** The kept rows equal the sums over the whole state, as a rebuild would keep them. */
async function expectRebuilt(db: Db): Promise<void> {
  expect(await kept(db)).toEqual(
    await db.all<Kept>(`SELECT ${COLUMNS} FROM ql_completed_sums('state_current') ORDER BY ALL`),
  );
}

// One completed row's kept rows (its five values), all with the same sums.
function rows(
  quest: string,
  v: { build: string | null; platform: string | null; ownBuild: string | null; ownPlatform: string | null },
  cohortKey: string,
  sums: Omit<Kept, 'quest_id' | 'dimension' | 'value' | 'cohort_key'>,
): Kept[] {
  const r = (dimension: string, value: string | null, key: string | null): Kept => ({
    quest_id: quest,
    dimension,
    value,
    cohort_key: key,
    ...sums,
  });
  return [
    r('build', v.build, null),
    r('cohort', null, cohortKey),
    r('own_build', v.ownBuild, null),
    r('own_platform', v.ownPlatform, null),
    r('platform', v.platform, null),
  ];
}
const sorted = (list: Kept[]) =>
  [...list].sort((x, y) => JSON.stringify(Object.values(x)).localeCompare(JSON.stringify(Object.values(y))));

// a's Q1 completion (1,800 s after its acceptance) and d's (no acceptance: no time, an anomaly), as the fixture has
// them. Cohort keys: a first seen Fri Nov 20 10:00, d Sat Nov 28 12:00, both far from a Monday: their weeks' middles.
const A = { completed: 1, seconds_n: 1, seconds_sum: 1800, seconds_min: 1800, seconds_max: 1800, attempts_sum: 1 };
const D = { completed: 1, seconds_n: 0, seconds_sum: 0, seconds_min: null, seconds_max: null, attempts_sum: 0 };

describe('segment_completed', () => {
  it('adds the completions of each refresh to the kept sums, exactly as summing the whole state', async () => {
    const db = await freshDb();
    // First refresh: everything but d's completion (a full build); the second continues d's state (incremental).
    await loadSegmentEvents(db, FIXTURE.slice(0, 5), FIXTURE_SEEN);
    await refreshState(db, silent);
    const a = { build: '1.5', platform: 'pc', ownBuild: '1.4', ownPlatform: 'pc' };
    expect(await kept(db)).toEqual(
      sorted(rows('Q1', a, '2026-11-19 12:00:00', { ...A, anomalies: 0, last_from: '2026-11-27 09:30:00' })),
    );
    await loadSegmentEvents(db, FIXTURE.slice(5));
    await refreshState(db, silent);
    // Own build 1.4 and the cohort keys differ for a and d: one row each; a row shared by both (own build 1.4) sums.
    const d = { build: '1.4', platform: 'ios', ownBuild: '1.4', ownPlatform: 'ios' };
    const dRows = rows('Q1', d, '2026-11-26 12:00:00', { ...D, anomalies: 1, last_from: '2026-11-28 12:00:00' });
    const aRows = rows('Q1', a, '2026-11-19 12:00:00', { ...A, anomalies: 0, last_from: '2026-11-27 09:30:00' });
    const shared: Kept = {
      quest_id: 'Q1',
      dimension: 'own_build',
      value: '1.4',
      cohort_key: null,
      completed: 2,
      seconds_n: 1,
      seconds_sum: 1800,
      seconds_min: 1800,
      seconds_max: 1800,
      attempts_sum: 1,
      anomalies: 1,
      last_from: '2026-11-28 12:00:00',
    };
    const own14 = (k: Kept) => k.dimension === 'own_build' && k.value === '1.4';
    expect(await kept(db)).toEqual(
      sorted([...aRows.filter((k) => !own14(k)), ...dRows.filter((k) => !own14(k)), shared]),
    );
    await expectRebuilt(db);
    db.close();
  });

  it('sums again the rows of a recomputed player: a late earlier event moves the pair to another build', async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await refreshState(db, silent);
    // A late file: a accepted Q1 on build 1.3 the day before. a's state is recomputed: the completion now counts
    // under 1.3 (the pair's first event) with two attempts, and nothing is left under 1.5.
    const late: SegEv[] = [['a', 'Q1', 'accepted', '2026-11-26 09:00:00', '1.3', 'pc']];
    await loadSegmentEvents(db, late);
    expect((await refreshState(db, silent)).recomputed).toBe(1);
    const byBuild = await db.all<Kept>(
      `SELECT ${COLUMNS} FROM segment_completed WHERE dimension = 'build' ORDER BY ALL`,
    );
    expect(byBuild).toEqual([
      {
        ...rows('Q1', { build: '1.3', platform: null, ownBuild: null, ownPlatform: null }, '', {
          ...A,
          attempts_sum: 2,
          anomalies: 0,
          last_from: '2026-11-27 09:30:00',
        })[0],
      },
      {
        ...rows('Q1', { build: '1.4', platform: null, ownBuild: null, ownPlatform: null }, '', {
          ...D,
          anomalies: 1,
          last_from: '2026-11-28 12:00:00',
        })[0],
      },
    ]);
    await expectRebuilt(db);
    db.close();
  });

  it('moves the rows of a player whose own values and cohort a late file moved, without recomputing them', async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await refreshState(db, silent);
    // A late file: d's first quest event, on Q3 (a quest d had not met, so d is not recomputed), on Monday Nov 16 at
    // 01:00 UTC, build 1.2 on pc: d's Q1 completion moves to own build 1.2, own platform pc, and to the cohort key of
    // that quarter hour (within 14 hours of a Monday: its week depends on the zone).
    const late: SegEv[] = [['d', 'Q3', 'accepted', '2026-11-16 01:00:00', '1.2', 'pc']];
    await loadSegmentEvents(db, late);
    expect((await refreshState(db, silent)).recomputed).toBe(0);
    // (dimension, value or cohort key, completions, of which anomalies): d's rows are the anomalies.
    expect(
      await db.all(
        `SELECT dimension, coalesce(value, cohort_key::VARCHAR) AS value, completed::INTEGER AS n,
          anomalies::INTEGER AS anomalies FROM segment_completed ORDER BY ALL`,
      ),
    ).toEqual([
      { dimension: 'build', value: '1.4', n: 1, anomalies: 1 },
      { dimension: 'build', value: '1.5', n: 1, anomalies: 0 },
      { dimension: 'cohort', value: '2026-11-16 01:00:00', n: 1, anomalies: 1 },
      { dimension: 'cohort', value: '2026-11-19 12:00:00', n: 1, anomalies: 0 },
      { dimension: 'own_build', value: '1.2', n: 1, anomalies: 1 },
      { dimension: 'own_build', value: '1.4', n: 1, anomalies: 0 },
      { dimension: 'own_platform', value: 'pc', n: 2, anomalies: 1 },
      { dimension: 'platform', value: 'ios', n: 1, anomalies: 1 },
      { dimension: 'platform', value: 'pc', n: 1, anomalies: 0 },
    ]);
    await expectRebuilt(db);
    db.close();
  });
});
