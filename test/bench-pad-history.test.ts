// The bench's history padding (bench/lib/pad-history.js): a year of snapshot dates without a year of events, each
// padded date a copy of the latest with a few completions moved to `accepted`, rates recomputed; or the oldest dropped.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { padHistory } from '../bench/lib/pad-history.js';
import { Db } from '../src/engine/db.js';
import { migrate } from '../src/engine/migrate.js';
import { tempDir } from './helpers.js';

async function twoDates(): Promise<Db> {
  const db = await Db.open(join(tempDir(), 'pad.duckdb'));
  await migrate(db);
  await db.run(
    `INSERT INTO snapshot_runs VALUES
       ('2026-03-01', '2026-03-02 03:00:00', 10, 100, '2026-03-01 23:00:00', '2026-03-02 00:00:00', 'UTC'),
       ('2026-03-02', '2026-03-03 03:00:00', 10, 200, '2026-03-02 23:00:00', '2026-03-03 00:00:00', 'UTC')`,
  );
  await db.run(
    `INSERT INTO snapshots (snapshot_date, quest_id, players, accepted, declined, completed, abandoned, failed,
       not_encountered, completion_rate, mean_seconds, min_seconds, max_seconds, median_seconds, p90_seconds,
       mean_attempts, anomalies)
     VALUES ('2026-03-01', 'A', 10, 2, 0, 2, 0, 0, 6, 0.2, 60, 60, 60, 60, 60, 1, 0),
            ('2026-03-02', 'A', 10, 1, 1, 3, 0, 0, 5, 0.3, 60, 60, 60, 60, 60, 1, 0),
            ('2026-03-02', 'B', 10, 0, 0, 0, 0, 0, 10, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0)`,
  );
  return db;
}

describe('padHistory', () => {
  it('adds dates before the first, copying the latest figures with completions moved to accepted', async () => {
    const db = await twoDates();
    expect(await padHistory(db, 4)).toBe(2);
    const runs = await db.all(
      `SELECT snapshot_date::VARCHAR AS d, computed_at::VARCHAR AS c, events::INTEGER AS events FROM snapshot_runs ORDER BY snapshot_date`,
    );
    expect(runs).toEqual([
      { d: '2026-02-27', c: '2026-02-28 03:00:00', events: 200 },
      { d: '2026-02-28', c: '2026-03-01 03:00:00', events: 200 },
      { d: '2026-03-01', c: '2026-03-02 03:00:00', events: 100 },
      { d: '2026-03-02', c: '2026-03-03 03:00:00', events: 200 },
    ]);
    const rows = await db.all<{ d: string; q: string; accepted: number; completed: number; sum: number }>(
      `SELECT snapshot_date::VARCHAR AS d, quest_id AS q, accepted, completed,
              (accepted + declined + completed + abandoned + failed + not_encountered)::INTEGER AS sum
       FROM snapshots WHERE snapshot_date < DATE '2026-03-01' ORDER BY snapshot_date, quest_id`,
    );
    expect(rows.map((r) => [r.d, r.q, r.sum])).toEqual([
      ['2026-02-27', 'A', 10],
      ['2026-02-27', 'B', 10],
      ['2026-02-28', 'A', 10],
      ['2026-02-28', 'B', 10],
    ]);
    // A's 3 completions: some moved to accepted (never below zero), a different number on each padded day.
    const a = rows.filter((r) => r.q === 'A');
    for (const r of a) expect(r.accepted + r.completed).toBe(4);
    expect(new Set(a.map((r) => r.completed)).size).toBe(2);
    expect(rows.filter((r) => r.q === 'B').map((r) => [r.accepted, r.completed])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    db.close();
  });

  it('drops the oldest dates when there are more than asked, and does nothing when there are exactly as many', async () => {
    const db = await twoDates();
    expect(await padHistory(db, 2)).toBe(0);
    expect(await padHistory(db, 1)).toBe(-1);
    const dates = await db.all(
      `SELECT DISTINCT snapshot_date::VARCHAR AS d FROM snapshots UNION SELECT snapshot_date::VARCHAR FROM snapshot_runs ORDER BY d`,
    );
    expect(dates).toEqual([{ d: '2026-03-02' }]);
    db.close();
  });
});
