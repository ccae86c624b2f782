// What changed between stored snapshots, and which alerts fire (src/sql/changes/, src/domain/alerts.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts, movers } from '../src/domain/alerts.js';
import { silent } from '../src/domain/effects.js';
import type { AlertRule } from '../src/domain/types.js';
import { getChangeHistory, getChanges } from '../src/engine/changes.js';
import type { Db } from '../src/engine/db.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { type Ev, loadEvents } from './fixtures/stats/load.js';
import { freshDb } from './helpers.js';

// 11-27: players p00..p39; p00..p29 complete A (30/40 = 0.75), p00..p09 complete B (10/40 = 0.25), the rest only
//        accept C (so they are seen).
// 11-28: 40 new players p40..p79 accept C; p40..p45 complete B. Every completion takes 1800 s.
//   A: 30/80 = 0.375 against 0.75, change −0.375. Pooled 60/120 = 0.5, se = sqrt(0.25 · (1/80 + 1/40)) = 0.0968246,
//      z = −0.375 / 0.0968246 = −3.872983: beyond ±1.959964, a real drop.
//   B: 16/80 = 0.2 against 0.25, change −0.05. Pooled 26/120 = 0.216667, se = sqrt(0.216667 · 0.783333 · 0.0375)
//      = 0.0797783, z = −0.05 / 0.0797783 = −0.626740: inside the noise, though as large as a 0.05 threshold.
//   C: nobody completes it on either day: no z (pooled rate 0), not significant.
//   Survival medians stay 1800 s with the interval [1800, 1800]: nothing moves.
const pad = (i: number) => `p${String(i).padStart(2, '0')}`;
const events: Ev[] = [];
for (let i = 0; i < 80; i++) {
  const day = i < 40 ? '2026-11-27' : '2026-11-28';
  if (i < 30) events.push([pad(i), 'A', 'accepted', `${day} 10:00:00`], [pad(i), 'A', 'completed', `${day} 10:30:00`]);
  else events.push([pad(i), 'C', 'accepted', `${day} 10:00:00`]);
  if (i < 10 || (i >= 40 && i < 46)) {
    events.push([pad(i), 'B', 'accepted', `${day} 11:00:00`], [pad(i), 'B', 'completed', `${day} 11:30:00`]);
  }
}

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  await loadEvents(db, events);
  await computeSnapshots(db, { backfill: true }, silent);
});
afterAll(() => db.close());

describe('changes since the previous snapshot', () => {
  it('tests each completion rate change against its noise', async () => {
    const changes = await getChanges(db);
    expect(changes.snapshot_date).toBe('2026-11-28');
    expect(changes.previous_date).toBe('2026-11-27');
    const [a, b, c] = changes.quests;
    expect(a).toMatchObject({ quest_id: 'A', players: 80, players_before: 40, players_change: 40 });
    expect(a?.completion_rate_change).toBeCloseTo(-0.375, 12);
    expect(a?.completion_rate_z).toBeCloseTo(-3.872983, 6);
    expect(a?.completion_rate_significant).toBe(true);
    expect(b?.completion_rate_change).toBeCloseTo(-0.05, 12);
    expect(b?.completion_rate_z).toBeCloseTo(-0.62674, 5);
    expect(b?.completion_rate_significant).toBe(false);
    expect(c).toMatchObject({ quest_id: 'C', completion_rate_z: null, completion_rate_significant: false });
    for (const q of changes.quests) {
      expect(q.survival_median_significant).toBe(false);
    }
    expect(movers(changes)).toEqual([
      {
        quest_id: 'A',
        name: 'A',
        metric: 'completion_rate',
        before: 0.75,
        after: 0.375,
        change: -0.375,
        relative_change: -0.5,
        worse: true,
      },
    ]);
  });

  it('fires an alert on a real drop and not on a change inside the noise', async () => {
    const changes = await getChanges(db);
    const rule = (scope: string, direction: AlertRule['direction'] = 'down'): AlertRule => ({
      metric: 'completion_rate',
      direction,
      min_change: 0.05,
      scope,
    });
    const fired = evaluateAlerts([rule('any quest'), rule('B'), rule('A', 'up')], changes);
    expect(fired.map((f) => [f.rule.scope, f.mover.quest_id, f.mover.change])).toEqual([['any quest', 'A', -0.375]]);
    // A larger threshold than the drop: no alert.
    expect(evaluateAlerts([{ ...rule('A'), min_change: 0.4 }], changes)).toEqual([]);
  });

  it('compares any stored date with --since, and lists the history newest first', async () => {
    const first = await getChanges(db, { date: '2026-11-27' });
    expect(first).toEqual({ snapshot_date: '2026-11-27', previous_date: null, quests: [] });
    const same = await getChanges(db, { date: '2026-11-28', since: '2026-11-28' });
    expect(movers(same)).toEqual([]);
    await expect(getChanges(db, { since: '2026-11-01' })).rejects.toThrow('no snapshot stored for 2026-11-01');
    const history = await getChangeHistory(db, '2026-11-28', 10);
    expect(history.map((h) => [h.snapshot_date, h.previous_date])).toEqual([['2026-11-28', '2026-11-27']]);
  });
});
