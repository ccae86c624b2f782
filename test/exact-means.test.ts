// Mean completion times are exact sums over counts (stats/macros.sql ql_seconds_sum, ql_mean_seconds), so a mean does
// not depend on the order its times are added in: not between a full computation and the nightly's kept sums, not
// between segments and the quest, not between two databases of the same logs (round 14, bench/results/qa/NOTES.md).
import { describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import type { Db } from '../src/engine/db.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { type Ev, loadEvents } from './fixtures/stats/load.js';
import { freshDb } from './helpers.js';

// Three completions of Q1 in 0.1, 0.2 and 0.3 s, the last a day later. In DOUBLE, (0.1 + 0.2) + 0.3 is
// 0.6000000000000001 (its mean 0.20000000000000004) while 0.1 + (0.2 + 0.3) is 0.6: the sum depends on the order.
// Summed exactly, the total is 0.6 (as DOUBLE, 0.6) and the mean 0.6 / 3 = 0.19999999999999998, one answer.
const DAY1: Ev[] = [
  ['p1', 'Q1', 'accepted', '2026-11-20 10:00:00'],
  ['p1', 'Q1', 'completed', '2026-11-20 10:00:00.1'],
  ['p2', 'Q1', 'accepted', '2026-11-20 11:00:00'],
  ['p2', 'Q1', 'completed', '2026-11-20 11:00:00.2'],
];
const DAY2: Ev[] = [
  ['p3', 'Q1', 'accepted', '2026-11-21 09:00:00'],
  ['p3', 'Q1', 'completed', '2026-11-21 09:00:00.3'],
];
const MEAN = 0.6 / 3;

async function means(db: Db, date: string) {
  return {
    quest: await db.all(`SELECT mean_seconds FROM snapshots WHERE snapshot_date = '${date}' AND quest_id = 'Q1'`),
    segments: await db.all(
      `SELECT DISTINCT mean_seconds FROM segment_snapshots
       WHERE snapshot_date = '${date}' AND quest_id = 'Q1' AND completed = 3`,
    ),
  };
}

const stats = (db: Db, asOf: string) => computeSnapshots(db, { asOf }, silent);

describe('mean completion times', () => {
  it('are the exact sum over the count, in full and from the nightly kept sums alike', async () => {
    // Full: both days loaded, the 21st computed from the state rows.
    const full = await freshDb();
    await loadEvents(full, DAY1);
    await loadEvents(full, DAY2);
    await stats(full, '2026-11-21');
    // Nightly: the 20th, then the 21st's events and the 21st, whose figures come from the sums kept by the refresh.
    const nightly = await freshDb();
    await loadEvents(nightly, DAY1);
    await stats(nightly, '2026-11-20');
    await loadEvents(nightly, DAY2);
    await stats(nightly, '2026-11-21');
    // Loaded in the other order: the sums' terms come in another order.
    const reversed = await freshDb();
    await loadEvents(reversed, [...DAY2].reverse());
    await loadEvents(reversed, [...DAY1].reverse());
    await stats(reversed, '2026-11-21');
    const expected = { quest: [{ mean_seconds: MEAN }], segments: [{ mean_seconds: MEAN }] };
    for (const db of [full, nightly, reversed]) {
      expect(await means(db, '2026-11-21')).toEqual(expected);
      db.close();
    }
  });
});
