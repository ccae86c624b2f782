// Kaplan–Meier survival times (src/sql/survival/), against hand-worked curves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import { type Db, sqlFile } from '../src/engine/db.js';
import { getSnapshot } from '../src/engine/read.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { getSurvival, getSurvivalCurve } from '../src/engine/survival.js';
import { buildChart } from '../src/notebook/charts.js';
import { type Ev, loadEvents } from './fixtures/stats/load.js';
import { freshDb } from './helpers.js';

// Snapshot 2026-11-28 (UTC) ends at 2026-11-29 00:00.
//
// Quest Q, from the latest acceptance:
//   a  accepted 10:00, completed 10:10          event     600 s
//   b  accepted 10:00, completed 10:20          event    1200 s
//   c  accepted 10:00, abandoned 10:20          censored 1200 s  (ties with b's completion)
//   e  accepted 23:30, still in progress        censored 1800 s  (day end − acceptance)
//   d  accepted 10:00, completed 10:40          event    2400 s
//   f  accepted 23:00, still in progress        censored 3600 s
//   h  declined only; i  completed with no acceptance: no attempt to time, not in the estimate.
// Kaplan–Meier, at risk = observations with time ≥ t (the censored c is still at risk at the 1200 s tie):
//   t =  600: n = 6, d = 1, S = 5/6                = 0.833333
//   t = 1200: n = 5, d = 1, S = 5/6 · 4/5 = 2/3    = 0.666667   (censoring first would give n = 4, S = 0.625)
//   t = 2400: n = 2, d = 1, S = 2/3 · 1/2 = 1/3    = 0.333333
// Median: first t with S ≤ 0.5 = 2400 s; the completers-only median of 600, 1200, 2400 is 1200 s. p90: S never
// reaches 0.1, so null.
// Greenwood Σ d/(n(n−d)): 1/30 = 0.033333, + 1/20 = 0.083333, + 1/2 = 0.583333. Log-log band,
// se = sqrt(Σ)/|ln S|, S^exp(±1.959964·se):
//   600: se = 0.182574/0.182322 = 1.001384 -> low 0.273123, high 0.974712
//  1200: se = 0.288675/0.405465 = 0.711961 -> low 0.194617, high 0.904434
//  2400: se = 0.763763/1.098612 = 0.695206 -> low 0.013685, high 0.754844
// Median interval: the low band is ≤ 0.5 from 600 s; the high band never reaches 0.5, so the upper bound is null.
//
// Quest R across two days (backfill), the closed-interval path:
//   j  accepted 11-27 10:00, abandoned 11-27 10:30; accepted 11-28 09:00, completed 11-28 09:10
//   k  accepted 11-27 12:00, completed 11-27 12:40
//   11-27: j censored at 1800 s (its abandoned row is closed by 11-28's events: the acceptance is found from the
//          pair's earlier interval), k an event at 2400 s with n = 1: S = 0, median 2400, band [0, 0].
//   11-28: j an event at 600 s (from the latest acceptance), k at 2400: S(600) = 1/2, median 600 (the completers'
//          median is (600 + 2400)/2 = 1500).
const events: Ev[] = [
  ['a', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['a', 'Q', 'completed', '2026-11-28 10:10:00'],
  ['b', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['b', 'Q', 'completed', '2026-11-28 10:20:00'],
  ['c', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['c', 'Q', 'abandoned', '2026-11-28 10:20:00'],
  ['d', 'Q', 'accepted', '2026-11-28 10:00:00'],
  ['d', 'Q', 'completed', '2026-11-28 10:40:00'],
  ['e', 'Q', 'accepted', '2026-11-28 23:30:00'],
  ['f', 'Q', 'accepted', '2026-11-28 23:00:00'],
  ['h', 'Q', 'declined', '2026-11-28 10:00:00'],
  ['i', 'Q', 'completed', '2026-11-28 10:00:00'],
  ['j', 'R', 'accepted', '2026-11-27 10:00:00'],
  ['j', 'R', 'abandoned', '2026-11-27 10:30:00'],
  ['j', 'R', 'accepted', '2026-11-28 09:00:00'],
  ['j', 'R', 'completed', '2026-11-28 09:10:00'],
  ['k', 'R', 'accepted', '2026-11-27 12:00:00'],
  ['k', 'R', 'completed', '2026-11-27 12:40:00'],
];

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  await loadEvents(db, events);
  await computeSnapshots(db, { backfill: true }, silent);
});
afterAll(() => db.close());

describe('Kaplan–Meier survival times', () => {
  it('censors in-progress and abandoned attempts, and differs from the completers-only median', async () => {
    const [q, r] = await getSurvival(db, '2026-11-28');
    expect(q).toMatchObject({ quest_id: 'Q', at_risk: 6, censored: 3, survival_median_seconds: 2400 });
    expect(q?.survival_p90_seconds).toBeNull();
    expect(q?.survival_median_low_seconds).toBe(600);
    expect(q?.survival_median_high_seconds).toBeNull();
    const stats = (await getSnapshot(db, '2026-11-28')).quests.find((s) => s.quest_id === 'Q');
    expect(stats?.median_seconds).toBe(1200);
    expect(r).toMatchObject({ quest_id: 'R', at_risk: 2, censored: 0, survival_median_seconds: 600 });
    expect((await getSnapshot(db, '2026-11-28')).quests.find((s) => s.quest_id === 'R')?.median_seconds).toBe(1500);
  });

  it('counts a censoring tied with a completion as still at risk', async () => {
    const curve = await getSurvivalCurve(db, '2026-11-28', 'Q');
    expect(curve.map((p) => p.seconds)).toEqual([600, 1200, 2400]);
    const expected = [
      [5 / 6, 0.273123, 0.974712],
      [2 / 3, 0.194617, 0.904434],
      [1 / 3, 0.013685, 0.754844],
    ];
    for (const [i, [s, lo, hi]] of expected.entries()) {
      expect(curve[i]?.surviving).toBeCloseTo(s as number, 9);
      expect(curve[i]?.surviving_low).toBeCloseTo(lo as number, 5);
      expect(curve[i]?.surviving_high).toBeCloseTo(hi as number, 5);
    }
  });

  it('finds the latest acceptance of an attempt whose interval a later event closed', async () => {
    const [r] = (await getSurvival(db, '2026-11-27')).filter((s) => s.quest_id === 'R');
    expect(r).toEqual({
      snapshot_date: '2026-11-27',
      quest_id: 'R',
      at_risk: 2,
      censored: 1,
      survival_median_seconds: 2400,
      survival_median_low_seconds: 2400,
      survival_median_high_seconds: 2400,
      survival_p90_seconds: 2400,
    });
    expect(await getSurvivalCurve(db, '2026-11-27', 'R')).toEqual([
      { quest_id: 'R', seconds: 2400, surviving: 0, surviving_low: 0, surviving_high: 0 },
    ]);
  });

  it("draws the curve for ql.chart('survival'), from 100% at 0 minutes", async () => {
    const chart = await buildChart(db, 'survival', { quest: 'Q', date: '2026-11-28' });
    expect(chart.spec.data.values.map((v) => [v.minutes, v.surviving])).toEqual([
      [0, 100],
      [10, 83.33],
      [20, 66.67],
      [40, 33.33],
    ]);
    await expect(buildChart(db, 'survival', {})).rejects.toThrow("chart 'survival' needs a quest");
  });
});

// The chart's curve (survival_bands.sql, then survival_curve.sql) from hand-written survival_times rows: the first time S enters each 5-point
// band, band k = ceil(20·S − 1e-9) holding S in ((k−1)/20, k/20], plus each quest's last event time.
//   T   30 s  d = 0, S = 1       the shortest time, no completion: never drawn (d > 0 only)
//       60 s  S = 0.97  band 20  first of band 20                          kept
//      120 s  S = 0.96  band 20                                            dropped
//      180 s  S = 0.95  band 19  first S ≤ 0.95 (the edge is in the band)  kept
//      240 s  S = 0.93  band 19                                            dropped
//      300 s  S = 0.9000000000000001 (a few ulps above 0.9: 20·S − 1e-9 = 17.999999999…) band 18, first   kept
//      360 s  S = 0.89  band 18                                            dropped
//      420 s  S = 0.86  band 18, but the last time: the curve's end        kept
//   U  100 s  S = 0.5 band 10 (the median's time); 200 s S = 0 band 0, also the last time: kept once
//   V   50 s  S = 0.4, the only completion: first and last of its band, kept once
// With 2-point bands instead (ceil(50·S − 1e-9)) T would keep 60, 120, 240, 300, 420; without the end 60, 180, 300.
describe('the curve for charts', () => {
  let thin: Db;
  beforeAll(async () => {
    thin = await freshDb();
    await thin.run(
      `CREATE TEMP TABLE survival_times (snapshot_date DATE, quest_id VARCHAR, t DOUBLE, d INTEGER, n INTEGER,
         s DOUBLE, s_low DOUBLE, s_high DOUBLE)`,
    );
    const rows: [string, number, number, number][] = [
      ['T', 30, 0, 1],
      ['T', 60, 1, 0.97],
      ['T', 120, 1, 0.96],
      ['T', 180, 1, 0.95],
      ['T', 240, 1, 0.93],
      ['T', 300, 1, 0.9000000000000001],
      ['T', 360, 1, 0.89],
      ['T', 420, 1, 0.86],
      ['U', 100, 1, 0.5],
      ['U', 200, 1, 0],
      ['V', 50, 1, 0.4],
    ];
    for (const [quest, t, d, s] of rows) {
      await thin.run(`INSERT INTO survival_times VALUES ('2026-11-28', $quest, $t, $d, 10, $s, $t / 1000, $t / 100)`, {
        quest,
        t,
        d,
        s,
      });
    }
    await thin.run(sqlFile('survival/survival_bands'));
    await thin.run(sqlFile('survival/survival_curve'));
  });
  afterAll(() => thin.close());

  it('keeps the first time S enters each 5-point band and the last time', async () => {
    const curve = await getSurvivalCurve(thin, '2026-11-28');
    expect(curve.map((p) => [p.quest_id, p.seconds, p.surviving])).toEqual([
      ['T', 60, 0.97],
      ['T', 180, 0.95],
      ['T', 300, 0.9000000000000001],
      ['T', 420, 0.86],
      ['U', 100, 0.5],
      ['U', 200, 0],
      ['V', 50, 0.4],
    ]);
    // Each point keeps its own band (the fixture's band is t / 1000 .. t / 100, to tell the rows apart).
    expect(curve[3]).toEqual({
      quest_id: 'T',
      seconds: 420,
      surviving: 0.86,
      surviving_low: 0.42,
      surviving_high: 4.2,
    });
  });
});

// survival_bands.sql groups the times by band before survival.sql and survival_curve.sql read them, so a band holding
// only a quest's shortest time (a censoring, S = 1 there, d = 0) must still give at_risk and no curve point.
// Snapshot 2026-11-28 (day end 2026-11-29 00:00):
//   U  m accepted 20:00, abandoned 20:10 (censored 600 s); n accepted 23:00, in progress (censored 3600 s).
//      Nobody completed: at_risk 2, censored 2, no median, no curve point.
//   V  o accepted 10:00, abandoned 10:05 (censored 300 s: the shortest time, S = 1, alone in band 20)
//      p accepted 10:00, completed 10:10 (event 600 s): n = 2 (o is no longer at risk), d = 1, S = 1/2 (band 10)
//      q accepted 10:00, completed 10:20 (event 1200 s): n = 1, d = 1, S = 0 (band 0)
//      at_risk 3 (every observation: only the 300 s time's n counts them all), censored 1, median 600, p90 1200.
//      Greenwood at 600: 1/(2·1) = 0.5, se = sqrt(0.5)/ln 2 = 1.020139: low = 0.5^exp(1.959964·1.020139) = 0.005983
//      (≤ 0.5: the median's low bound is 600), high = 0.5^exp(−1.959964·1.020139) = 0.910410 (> 0.5); at 1200 S = 0
//      and both bands are 0, so the high bound is 1200. Curve: 600 s at 0.5 and 1200 s at 0, nothing at 300 s.
describe('a band holding only the shortest time', () => {
  let bands: Db;
  beforeAll(async () => {
    bands = await freshDb();
    await loadEvents(bands, [
      ['m', 'U', 'accepted', '2026-11-28 20:00:00'],
      ['m', 'U', 'abandoned', '2026-11-28 20:10:00'],
      ['n', 'U', 'accepted', '2026-11-28 23:00:00'],
      ['o', 'V', 'accepted', '2026-11-28 10:00:00'],
      ['o', 'V', 'abandoned', '2026-11-28 10:05:00'],
      ['p', 'V', 'accepted', '2026-11-28 10:00:00'],
      ['p', 'V', 'completed', '2026-11-28 10:10:00'],
      ['q', 'V', 'accepted', '2026-11-28 10:00:00'],
      ['q', 'V', 'completed', '2026-11-28 10:20:00'],
    ]);
    await computeSnapshots(bands, { asOf: '2026-11-28' }, silent);
  });
  afterAll(() => bands.close());

  it('counts it at risk and draws no point for it', async () => {
    const none = { survival_median_low_seconds: null, survival_median_high_seconds: null, survival_p90_seconds: null };
    expect(await getSurvival(bands, '2026-11-28')).toEqual([
      { snapshot_date: '2026-11-28', quest_id: 'U', at_risk: 2, censored: 2, survival_median_seconds: null, ...none },
      {
        snapshot_date: '2026-11-28',
        quest_id: 'V',
        at_risk: 3,
        censored: 1,
        survival_median_seconds: 600,
        survival_median_low_seconds: 600,
        survival_median_high_seconds: 1200,
        survival_p90_seconds: 1200,
      },
    ]);
    const curve = await getSurvivalCurve(bands, '2026-11-28');
    expect(curve.map((p) => [p.quest_id, p.seconds, p.surviving])).toEqual([
      ['V', 600, 0.5],
      ['V', 1200, 0],
    ]);
    expect(curve[0]?.surviving_low).toBeCloseTo(0.005983, 6);
    expect(curve[0]?.surviving_high).toBeCloseTo(0.91041, 6);
  });
});
