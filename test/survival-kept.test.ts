// survival_kept (migration 017): the survival observations that never move (completions, abandoned and failed attempts)
// counted per quest and time, kept by the state refresh; what a snapshot on a date after every event reads instead of
// grouping every attempt (survival/risk_kept.sql). Hand-written events, exact rows, and after every refresh the kept
// rows equal the counts over the whole state (what a rebuild gives).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import type { Db } from '../src/engine/db.js';
import { migrate } from '../src/engine/migrate.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { refreshState } from '../src/engine/state.js';
import { getSurvival, getSurvivalCurve } from '../src/engine/survival.js';
import { type Ev, loadEvents } from './fixtures/stats/load.js';
import { freshDb, tempDir } from './helpers.js';

/** [quest, seconds, completions, censored attempts] */
type Row = [string, number, number, number];

const SELECT = 'SELECT quest_id, t, completed::INTEGER AS d, censored::INTEGER AS c FROM';

async function kept(db: Db): Promise<Row[]> {
  const rows = await db.all<{ quest_id: string; t: number; d: number; c: number }>(
    `${SELECT} survival_kept ORDER BY ALL`,
  );
  return rows.map((r) => [r.quest_id, r.t, r.d, r.c]);
}

/** The kept rows equal the counts over the whole state, as a rebuild (or migration 017) would keep them. */
async function expectRebuilt(db: Db): Promise<void> {
  const all = await db.all(`${SELECT} ql_survival_fixed('state_current') ORDER BY ALL`);
  expect(await db.all(`${SELECT} survival_kept ORDER BY ALL`)).toEqual(all);
}

// Day 1, 2026-11-28 (UTC; the snapshot ends at 11-29 00:00), times from the latest acceptance:
//   a  accepted 10:00, completed 10:10    event     600 s   kept
//   b  accepted 10:00, completed 10:20    event    1200 s   kept
//   c  accepted 10:00, abandoned 10:20    censored 1200 s   kept (ties with b's completion)
//   d  accepted 10:00, completed 10:40    event    2400 s   kept
//   g  accepted 10:00, failed 10:05       censored  300 s   kept
//   e  accepted 23:30, in progress        censored 1800 s on day 1 (day end − acceptance): moves, not kept
//   f  accepted 23:00, in progress        censored 3600 s on day 1: not kept
//   h  declined; i completed with no acceptance: not in the estimate, not kept
//   k  quest R, accepted 11-27 12:00, completed 12:40: event 2400 s, kept
const DAY1: Ev[] = [
  ['a', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['a', 'Q', 'completed', '2026-11-28 10:10:00'],
  ['b', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['b', 'Q', 'completed', '2026-11-28 10:20:00'],
  ['c', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['c', 'Q', 'abandoned', '2026-11-28 10:20:00'],
  ['d', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['d', 'Q', 'completed', '2026-11-28 10:40:00'],
  ['g', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['g', 'Q', 'failed', '2026-11-28 10:05:00'],
  ['e', 'Q', 'accepted', '2026-11-28 23:30:00'],
  ['f', 'Q', 'accepted', '2026-11-28 23:00:00'],
  ['h', 'Q', 'declined', '2026-11-28 10:00:00'],
  ['i', 'Q', 'completed', '2026-11-28 10:00:00'],
  ['k', 'R', 'accepted', '2026-11-27 12:00:00'],
  ['k', 'R', 'completed', '2026-11-27 12:40:00'],
];
const KEPT1: Row[] = [
  ['Q', 300, 0, 1],
  ['Q', 600, 1, 0],
  ['Q', 1200, 1, 1],
  ['Q', 2400, 1, 0],
  ['R', 2400, 1, 0],
];

// Day 2, 2026-11-29: every pair continued from its state (no recompute).
//   e  completed 00:10                    event 2400 s (from 23:30): joins d's time
//   f  abandoned 01:00                    censored 7200 s (from 23:00)
//   g  accepted again 09:00               in progress: its failed attempt (300 s) leaves, and that time with it
//   c  accepted again 09:00, completed 09:30: its abandon (1200 s) leaves, an event at 1800 s arrives
//   m  quest R, accepted 08:00            in progress: not kept
//   p, q  accepted 23:50 and 23:55        in progress: not kept (on day 2, censored at 600 s, tied with a's
//                                         completion, and at 300 s, the quest's shortest time)
const DAY2: Ev[] = [
  ['e', 'Q', 'completed', '2026-11-29 00:10:00'],
  ['f', 'Q', 'abandoned', '2026-11-29 01:00:00'],
  ['g', 'Q', 'accepted', '2026-11-29 09:00:00'],
  ['c', 'Q', 'accepted', '2026-11-29 09:00:00'],
  ['c', 'Q', 'completed', '2026-11-29 09:30:00'],
  ['m', 'R', 'accepted', '2026-11-29 08:00:00'],
  ['p', 'Q', 'accepted', '2026-11-29 23:50:00'],
  ['q', 'Q', 'accepted', '2026-11-29 23:55:00'],
];
const KEPT2: Row[] = [
  ['Q', 600, 1, 0],
  ['Q', 1200, 1, 0],
  ['Q', 1800, 1, 0],
  ['Q', 2400, 2, 0],
  ['Q', 7200, 0, 1],
  ['R', 2400, 1, 0],
];

async function twoDays(): Promise<Db> {
  const db = await freshDb();
  await loadEvents(db, DAY1);
  await refreshState(db, silent);
  await loadEvents(db, DAY2);
  expect((await refreshState(db, silent)).recomputed).toBe(0);
  return db;
}

const survivalRows = async (db: Db, date: string) => ({
  survival: await getSurvival(db, date),
  curve: await getSurvivalCurve(db, date),
});

describe('survival_kept', () => {
  it("counts a first build's completions and ended attempts per time, not the attempts in progress", async () => {
    const db = await freshDb();
    await loadEvents(db, DAY1);
    await refreshState(db, silent);
    expect(await kept(db)).toEqual(KEPT1);
    await expectRebuilt(db);
    db.close();
  });

  it("takes back the continued pairs' ended attempts and adds the new ones; a time left empty goes", async () => {
    const db = await twoDays();
    expect(await kept(db)).toEqual(KEPT2);
    await expectRebuilt(db);
    db.close();
  });

  it("takes back a recomputed player's completion: a late acceptance shortens b's time to 600 s", async () => {
    const db = await twoDays();
    // Not later than b's state (completed at 10:20): b is recomputed from all its events.
    await loadEvents(db, [['b', 'Q', 'accepted', '2026-11-28 10:10:00']]);
    expect((await refreshState(db, silent)).recomputed).toBe(1);
    expect(await kept(db)).toEqual([
      ['Q', 600, 2, 0],
      ['Q', 1800, 1, 0],
      ['Q', 2400, 2, 0],
      ['Q', 7200, 0, 1],
      ['R', 2400, 1, 0],
    ]);
    await expectRebuilt(db);
    db.close();
  });

  it('is filled from the state by migration 017', async () => {
    const db = await twoDays();
    await db.run('DROP TABLE survival_kept');
    await db.run('DELETE FROM schema_version WHERE version = 17');
    await migrate(db);
    expect(await kept(db)).toEqual(KEPT2);
    db.close();
  });
});

// Day 2's snapshot (11-29, ends 11-30 00:00) by hand, Q: events a 600, b 1200, c 1800, d and e 2400; censored q 300
// and p 600 (in progress, from the day end: p ties with a's completion and stays at risk at 600 s), f 7200, g in
// progress since 11-29 09:00: 54,000 s. 9 attempts, 4 censored. At risk n at the event times: 8, 6, 5, 4.
//   S(600) = 7/8, S(1200) = 7/8 · 5/6 = 35/48, S(1800) = 35/48 · 4/5 = 7/12, S(2400) = 7/12 · 2/4 = 7/24:
//   median 2400 s, p90 null (S never reaches 0.1).
//   Greenwood Σ: 1/56, + 1/30, + 1/20, + 2/8 = 0.351190. Lower band at 600: se = sqrt(1/56)/|ln 7/8| = 1.000743,
//   (7/8)^exp(1.959964·se) = 0.387000 ≤ 0.5, so the median's low is 600; upper band at 2400: se = 0.592613/1.232144
//   = 0.480961, (7/24)^exp(−1.959964·se) = 0.618766 > 0.5: the median's high is null.
describe('a snapshot on a date after every event reads survival_kept', () => {
  it('gives the hand-worked curve', async () => {
    const db = await twoDays();
    await computeSnapshots(db, { asOf: '2026-11-29' }, silent);
    const [q] = await getSurvival(db, '2026-11-29');
    expect(q).toEqual({
      snapshot_date: '2026-11-29',
      quest_id: 'Q',
      at_risk: 9,
      censored: 4,
      survival_median_seconds: 2400,
      survival_median_low_seconds: 600,
      survival_median_high_seconds: null,
      survival_p90_seconds: null,
    });
    const curve = await getSurvivalCurve(db, '2026-11-29', 'Q');
    expect(curve.map((p) => p.seconds)).toEqual([600, 1200, 1800, 2400]);
    for (const [i, s] of [7 / 8, 35 / 48, 7 / 12, 7 / 24].entries()) expect(curve[i]?.surviving).toBeCloseTo(s, 12);
    expect(curve[0]?.surviving_low).toBeCloseTo(0.387, 6);
    expect(curve[3]?.surviving_high).toBeCloseTo(0.618766, 6);
    db.close();
  });

  it('stores the rows a backfill computes from the day-end state', async () => {
    const db = await twoDays();
    await computeSnapshots(db, { asOf: '2026-11-29' }, silent);
    const all = await freshDb();
    await loadEvents(all, [...DAY1, ...DAY2]);
    await computeSnapshots(all, { backfill: true }, silent);
    expect(await survivalRows(db, '2026-11-29')).toEqual(await survivalRows(all, '2026-11-29'));
    all.close();
    db.close();
  });

  it('and only then: a past date, a roster or a run of days reads the day-end state', async () => {
    const db = await twoDays();
    await computeSnapshots(db, { asOf: '2026-11-29' }, silent);
    const expected = await survivalRows(db, '2026-11-29');
    // A planted time (not in the state) shows wherever survival_kept is read.
    await db.run("INSERT INTO survival_kept VALUES ('R', 60, 0, 1)");
    await computeSnapshots(db, { asOf: '2026-11-29' }, silent);
    expect((await getSurvival(db, '2026-11-29')).find((r) => r.quest_id === 'R')?.at_risk).toBe(3);
    // Day 1 is before day 2's events: its day-end state is not state_current's. Hand-worked (the survival.test.ts
    // curve, with g's failure at 300 s one more censoring): 7 attempts, 4 censored, median 2400 s.
    await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
    expect((await getSurvival(db, '2026-11-28')).find((r) => r.quest_id === 'Q')).toMatchObject({
      at_risk: 7,
      censored: 4,
      survival_median_seconds: 2400,
    });
    expect((await getSurvival(db, '2026-11-28')).find((r) => r.quest_id === 'R')?.at_risk).toBe(1);
    const roster = join(tempDir(), 'roster.csv');
    writeFileSync(roster, `player_id\n${'abcdefghikmpq'.split('').join('\n')}\n`);
    await computeSnapshots(db, { asOf: '2026-11-29', roster }, silent);
    expect(await survivalRows(db, '2026-11-29')).toEqual(expected);
    await computeSnapshots(db, { asOf: '2026-11-29', backfill: true }, silent);
    expect(await survivalRows(db, '2026-11-29')).toEqual(expected);
    db.close();
  });
});
