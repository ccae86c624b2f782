// What changed between stored snapshots, and which alerts fire (src/sql/changes/, src/domain/alerts.ts): conversion
// (completed / players who met the quest) with its 95% interval, never completion rate (completed / all players).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts, movers } from '../src/domain/alerts.js';
import { silent } from '../src/domain/effects.js';
import { statsMessages } from '../src/domain/messages.js';
import type { AlertRule } from '../src/domain/types.js';
import { getChangeHistory, getChanges, loadChanges } from '../src/engine/changes.js';
import type { Db } from '../src/engine/db.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { changeDay } from './fixtures/changes-days.js';
import { loadEvents } from './fixtures/stats/load.js';
import { freshDb } from './helpers.js';

// The days of fixtures/changes-days.ts, worked by hand (Wilson: 95%, z = 1.959964; two-proportion z pooled):
//   A: 30 of 30 who met it completed on both days: conversion 1 → 1, no z (pooled rate 1), no change. Its completion
//      rate halves (30/40 → 30/80) only because 40 players joined who have not reached it: that is not a drop.
//   B: 16/20 = 0.8 [0.583983, 0.919342] → 20/40 = 0.5 [0.351995, 0.648005], change −0.3. Pooled 36/60 = 0.6,
//      se = sqrt(0.6 · 0.4 · (1/40 + 1/20)) = 0.134164, z = −0.3 / 0.134164 = −2.236068: beyond ±1.959964, a drop.
//   C: nobody completes it (0/10 → 0/50): no z (pooled rate 0), not significant.
//   D: 8/10 = 0.8 → 15/20 = 0.75, change −0.05. Pooled 23/30, se = sqrt(23/30 · 7/30 · (1/20 + 1/10)) = 0.163809,
//      z = −0.05 / 0.163809 = −0.305234: inside the noise, though as large as a 0.05 threshold.
//   Survival medians stay 1800 s (every completion takes 1800 s) with overlapping intervals: nothing moves.
let db: Db;
beforeAll(async () => {
  db = await freshDb();
  await loadEvents(db, [...changeDay('2026-11-27'), ...changeDay('2026-11-28')]);
  await computeSnapshots(db, { backfill: true }, silent);
});
afterAll(() => db.close());

const B_DROP = {
  quest_id: 'B',
  name: 'B',
  metric: 'conversion_rate',
  before: 0.8,
  after: 0.5,
  change: 0.5 - 0.8,
  relative_change: (0.5 - 0.8) / 0.8,
  worse: true,
};

describe('changes since the previous snapshot', () => {
  it('tests each conversion change against its noise', async () => {
    const changes = await getChanges(db);
    expect(changes.snapshot_date).toBe('2026-11-28');
    expect(changes.previous_date).toBe('2026-11-27');
    const rows = changes.quests.map((q) => [
      q.quest_id,
      q.players,
      q.players_before,
      q.encountered,
      q.encountered_before,
      q.conversion_rate,
      q.conversion_rate_before,
      q.conversion_rate_change === null ? null : Number(q.conversion_rate_change.toFixed(12)),
      q.conversion_rate_z === null ? null : Number(q.conversion_rate_z.toFixed(6)),
      q.conversion_rate_significant,
      q.survival_median_seconds,
      q.survival_median_seconds_before,
      q.survival_median_significant,
    ]);
    expect(rows).toEqual([
      ['A', 80, 40, 30, 30, 1, 1, 0, null, false, 1800, 1800, false],
      ['B', 80, 40, 40, 20, 0.5, 0.8, -0.3, -2.236068, true, 1800, 1800, false],
      ['C', 80, 40, 50, 10, 0, 0, 0, null, false, null, null, false],
      ['D', 80, 40, 20, 10, 0.75, 0.8, -0.05, -0.305234, false, 1800, 1800, false],
    ]);
    const b = changes.quests[1];
    expect(
      [
        b?.conversion_rate_low,
        b?.conversion_rate_high,
        b?.conversion_rate_low_before,
        b?.conversion_rate_high_before,
      ].map((x) => Number((x as number).toFixed(6))),
    ).toEqual([0.351995, 0.648005, 0.583983, 0.919342]);
    const found = movers(changes);
    expect(found.map((m) => ({ ...m, low: round6(m.low), high: round6(m.high) }))).toEqual([
      {
        ...B_DROP,
        low: 0.351995,
        high: 0.648005,
        low_before: b?.conversion_rate_low_before,
        high_before: b?.conversion_rate_high_before,
      },
    ]);
  });

  it('fires an alert on a real drop and not on a change inside the noise or a fall in completion rate', async () => {
    const changes = await getChanges(db);
    const rule = (scope: string, direction: AlertRule['direction'] = 'down'): AlertRule => ({
      metric: 'conversion_rate',
      direction,
      min_change: 0.05,
      scope,
    });
    // A: completion rate −37.5 points, conversion unchanged; D: −5 points of conversion, inside the noise.
    const fired = evaluateAlerts([rule('any quest'), rule('A'), rule('D'), rule('B', 'up')], changes);
    expect(fired.map((f) => [f.rule.scope, f.mover.quest_id, Number(f.mover.change.toFixed(12))])).toEqual([
      ['any quest', 'B', -0.3],
    ]);
    // A larger threshold than the drop: no alert.
    expect(evaluateAlerts([{ ...rule('B'), min_change: 0.31 }], changes)).toEqual([]);
  });

  it('compares any stored date with --since, and lists the history newest first, in one query', async () => {
    const first = await getChanges(db, { date: '2026-11-27' });
    expect(first).toEqual({ snapshot_date: '2026-11-27', previous_date: null, quests: [] });
    const same = await getChanges(db, { date: '2026-11-28', since: '2026-11-28' });
    expect(movers(same)).toEqual([]);
    await expect(getChanges(db, { since: '2026-11-01' })).rejects.toThrow(statsMessages.noSnapshot('2026-11-01'));
    const history = await getChangeHistory(db, '2026-11-28', 10);
    expect(history.map((h) => [h.snapshot_date, h.previous_date, h.quests.length])).toEqual([
      ['2026-11-28', '2026-11-27', 4],
    ]);
    const data = await loadChanges(db, { history: 14 });
    expect(data.latest).toEqual(await getChanges(db));
    expect(data.history).toEqual([]);
    expect(data.movers.map((m) => [m.quest_id, m.metric])).toEqual([['B', 'conversion_rate']]);
  });
});

const round6 = (x: number | null) => (x === null ? null : Number(x.toFixed(6)));
