import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbMessages } from '../src/domain/messages.js';
import { Db } from '../src/engine/db.js';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../src/engine/migrate.js';
import { tempDir } from './helpers.js';

describe('schema migrations', () => {
  it('creates the latest schema on a new database', async () => {
    const db = await Db.open(join(tempDir(), 'new.duckdb'));
    expect(await migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(await schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(await migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    db.close();
  });

  it('migrates a version-1 database forward and keeps its data', async () => {
    const path = join(tempDir(), 'old.duckdb');
    const old = await Db.open(path);
    await migrate(old, 1);
    await old.run(
      `INSERT INTO files VALUES (DEFAULT, 'a.csv', 'h', 'seed', NULL, 10, 1, 1, 0, 0, TIMESTAMP '2026-01-01')`,
    );
    await old.run(
      `INSERT INTO events VALUES (1, 1, TIMESTAMP '2026-01-01 08:00:00', 'p1', 'Q1', 'accepted', NULL, NULL, NULL)`,
    );
    old.close();

    const db = await Db.open(path);
    expect(await migrate(db)).toEqual({ from: 1, to: SCHEMA_VERSION });
    expect(await db.all('SELECT player_id FROM events')).toEqual([{ player_id: 'p1' }]);
    // Players loaded before state existed must be recomputed by the next stats run.
    expect(await db.all('SELECT player_id FROM dirty_players')).toEqual([{ player_id: 'p1' }]);
    db.close();
  });

  it("version 13 puts each open state row's pair values (pair_first) on the row", async () => {
    const path = join(tempDir(), 'v12.duckdb');
    const old = await Db.open(path);
    await migrate(old, 12);
    await old.run(
      `INSERT INTO state_current VALUES
         ('p1', 'Q1', TIMESTAMP '2026-01-01 08:00:00', 'accepted', NULL, 1, false, TIMESTAMP '2026-01-01 08:00:00'),
         ('p1', 'Q2', TIMESTAMP '2026-01-02 08:00:00', 'declined', NULL, 0, false, NULL),
         ('p2', 'Q1', TIMESTAMP '2026-01-03 08:00:00', 'completed', 60, 1, false, TIMESTAMP '2026-01-03 07:59:00')`,
    );
    await old.run(
      `INSERT INTO pair_first VALUES
         ('p1', 'Q1', TIMESTAMP '2026-01-01 08:00:00', 1, 1, '1.4', 'ios'),
         ('p1', 'Q2', TIMESTAMP '2026-01-02 08:00:00', 1, 2, '1.5', NULL),
         ('p2', 'Q1', TIMESTAMP '2026-01-03 07:59:00', 2, 1, NULL, 'android')`,
    );
    old.close();

    const db = await Db.open(path);
    expect(await migrate(db)).toEqual({ from: 12, to: SCHEMA_VERSION });
    expect(
      await db.all('SELECT player_id, quest_id, pair_build, pair_platform FROM state_current ORDER BY ALL'),
    ).toEqual([
      { player_id: 'p1', quest_id: 'Q1', pair_build: '1.4', pair_platform: 'ios' },
      { player_id: 'p1', quest_id: 'Q2', pair_build: '1.5', pair_platform: null },
      { player_id: 'p2', quest_id: 'Q1', pair_build: null, pair_platform: 'android' },
    ]);
    db.close();
  });

  it("version 14 puts each open state row's player values (player_values, player_first) on the row", async () => {
    const path = join(tempDir(), 'v13.duckdb');
    const old = await Db.open(path);
    await migrate(old, 13);
    await old.run(
      `INSERT INTO state_current VALUES
         ('p1', 'Q1', TIMESTAMP '2026-01-01 08:00:00', 'accepted', NULL, 1, false, TIMESTAMP '2026-01-01 08:00:00',
          '1.4', 'ios'),
         ('p1', 'Q2', TIMESTAMP '2026-01-02 08:00:00', 'declined', NULL, 0, false, NULL, '1.5', NULL),
         ('p2', 'Q1', TIMESTAMP '2026-01-03 08:00:00', 'completed', 60, 1, false, TIMESTAMP '2026-01-03 07:59:00',
          NULL, 'android')`,
    );
    await old.run(
      `INSERT INTO player_values VALUES
         ('p1', TIMESTAMP '2026-01-01 08:00:00', 1, 1, '1.4', 'ios'),
         ('p2', TIMESTAMP '2026-01-03 07:59:00', 2, 1, NULL, 'android')`,
    );
    await old.run(
      `INSERT INTO player_first VALUES ('p1', TIMESTAMP '2025-12-31 23:00:00'), ('p2', TIMESTAMP '2026-01-03 07:00:00')`,
    );
    old.close();

    const db = await Db.open(path);
    expect(await migrate(db)).toEqual({ from: 13, to: SCHEMA_VERSION });
    expect(
      await db.all(
        'SELECT player_id, quest_id, own_build, own_platform, seen::VARCHAR AS seen FROM state_current ORDER BY ALL',
      ),
    ).toEqual([
      { player_id: 'p1', quest_id: 'Q1', own_build: '1.4', own_platform: 'ios', seen: '2025-12-31 23:00:00' },
      { player_id: 'p1', quest_id: 'Q2', own_build: '1.4', own_platform: 'ios', seen: '2025-12-31 23:00:00' },
      { player_id: 'p2', quest_id: 'Q1', own_build: null, own_platform: 'android', seen: '2026-01-03 07:00:00' },
    ]);
    db.close();
  });

  it("version 15 keeps the completed state rows' sums per quest and segment value (segment_completed)", async () => {
    const path = join(tempDir(), 'v14.duckdb');
    const old = await Db.open(path);
    await migrate(old, 14);
    // p1 and p2 completed Q1 on 1.5 (p2 with no time: no acceptance, an anomaly); p3's Q1 is only accepted. p1 was
    // first seen on Monday 05:00 UTC (within 14 hours of the week's start: its quarter hour is the cohort key), p2 on
    // a Wednesday (the week's middle, Thursday 12:00, is).
    await old.run(
      `INSERT INTO state_current VALUES
         ('p1', 'Q1', TIMESTAMP '2026-01-07 10:00:00', 'completed', 600, 2, false, TIMESTAMP '2026-01-07 09:50:00',
          '1.5', 'pc', '1.4', 'pc', TIMESTAMP '2026-01-05 05:07:00'),
         ('p2', 'Q1', TIMESTAMP '2026-01-08 10:00:00', 'completed', NULL, 0, true, NULL,
          '1.5', NULL, '1.5', NULL, TIMESTAMP '2026-01-07 08:00:00'),
         ('p3', 'Q1', TIMESTAMP '2026-01-08 11:00:00', 'accepted', NULL, 1, false, TIMESTAMP '2026-01-08 11:00:00',
          '1.5', 'pc', '1.5', 'pc', TIMESTAMP '2026-01-07 08:00:00')`,
    );
    old.close();

    const db = await Db.open(path);
    expect(await migrate(db)).toEqual({ from: 14, to: SCHEMA_VERSION });
    expect(
      await db.all(
        `SELECT dimension, value, cohort_key::VARCHAR AS cohort_key, completed::INTEGER AS completed,
           seconds_n::INTEGER AS seconds_n, seconds_sum::DOUBLE AS seconds_sum, seconds_min, seconds_max, attempts_sum::INTEGER AS attempts,
           anomalies::INTEGER AS anomalies, last_from::VARCHAR AS last_from
         FROM segment_completed WHERE quest_id = 'Q1' ORDER BY ALL`,
      ),
    ).toEqual([
      ...[
        ['build', '1.5', null, 2, 1, 600, 600, 600, 2, 1, '2026-01-08 10:00:00'],
        ['cohort', null, '2026-01-05 05:00:00', 1, 1, 600, 600, 600, 2, 0, '2026-01-07 10:00:00'],
        ['cohort', null, '2026-01-08 12:00:00', 1, 0, 0, null, null, 0, 1, '2026-01-08 10:00:00'],
        ['own_build', '1.4', null, 1, 1, 600, 600, 600, 2, 0, '2026-01-07 10:00:00'],
        ['own_build', '1.5', null, 1, 0, 0, null, null, 0, 1, '2026-01-08 10:00:00'],
        ['own_platform', 'pc', null, 1, 1, 600, 600, 600, 2, 0, '2026-01-07 10:00:00'],
        ['own_platform', null, null, 1, 0, 0, null, null, 0, 1, '2026-01-08 10:00:00'],
        ['platform', 'pc', null, 1, 1, 600, 600, 600, 2, 0, '2026-01-07 10:00:00'],
        ['platform', null, null, 1, 0, 0, null, null, 0, 1, '2026-01-08 10:00:00'],
      ].map(
        ([
          dimension,
          value,
          cohort_key,
          completed,
          seconds_n,
          seconds_sum,
          seconds_min,
          seconds_max,
          attempts,
          anomalies,
          last_from,
        ]) => ({
          dimension,
          value,
          cohort_key,
          completed,
          seconds_n,
          seconds_sum,
          seconds_min,
          seconds_max,
          attempts,
          anomalies,
          last_from,
        }),
      ),
    ]);
    db.close();
  });

  it('version 16 counts the other open state rows per quest, segment value and bucket (segment_open)', async () => {
    const path = join(tempDir(), 'v15.duckdb');
    const old = await Db.open(path);
    await migrate(old, 15);
    // p1 completed Q1 (segment_completed's, not counted here); p2 and p3 accepted it on 1.5, p3 with no platform; p2
    // was first seen on Monday 05:07 UTC (near the week's start: its quarter hour is the cohort key), p3 on a
    // Wednesday (the week's middle, Thursday 12:00, is).
    await old.run(
      `INSERT INTO state_current VALUES
         ('p1', 'Q1', TIMESTAMP '2026-01-07 10:00:00', 'completed', 600, 2, false, TIMESTAMP '2026-01-07 09:50:00',
          '1.5', 'pc', '1.4', 'pc', TIMESTAMP '2026-01-05 05:07:00'),
         ('p2', 'Q1', TIMESTAMP '2026-01-08 10:00:00', 'accepted', NULL, 1, false, TIMESTAMP '2026-01-08 10:00:00',
          '1.5', 'pc', '1.4', 'pc', TIMESTAMP '2026-01-05 05:07:00'),
         ('p3', 'Q1', TIMESTAMP '2026-01-08 11:00:00', 'accepted', NULL, 1, false, TIMESTAMP '2026-01-08 11:00:00',
          '1.5', NULL, '1.5', NULL, TIMESTAMP '2026-01-07 08:00:00')`,
    );
    old.close();

    const db = await Db.open(path);
    expect(await migrate(db)).toEqual({ from: 15, to: SCHEMA_VERSION });
    expect(
      await db.all(
        `SELECT dimension, value, cohort_key::VARCHAR AS cohort_key, bucket::VARCHAR AS bucket, n::INTEGER AS n
         FROM segment_open WHERE quest_id = 'Q1' ORDER BY ALL`,
      ),
    ).toEqual(
      [
        ['build', '1.5', null, 'accepted', 2],
        ['cohort', null, '2026-01-05 05:00:00', 'accepted', 1],
        ['cohort', null, '2026-01-08 12:00:00', 'accepted', 1],
        ['own_build', '1.4', null, null, 1],
        ['own_build', '1.5', null, null, 1],
        ['own_platform', 'pc', null, null, 1],
        ['own_platform', null, null, null, 1],
        ['platform', 'pc', null, 'accepted', 1],
        ['platform', null, null, 'accepted', 1],
      ].map(([dimension, value, cohort_key, bucket, n]) => ({ dimension, value, cohort_key, bucket, n })),
    );
    db.close();
  });

  it('version 17 keeps a kept quantile row as it was, with no times (it goes when its group changes)', async () => {
    const path = join(tempDir(), 'v16.duckdb');
    const old = await Db.open(path);
    await migrate(old, 16);
    await old.run(
      `INSERT INTO segment_quantiles VALUES ('Q1', 'build', '1.5', '', [600, 600]), ('Q1', 'overall', '', '', [600, 600])`,
    );
    old.close();

    const db = await Db.open(path);
    expect(await migrate(db)).toEqual({ from: 16, to: SCHEMA_VERSION });
    const rows = 'SELECT quest_id, dimension, value, tz, q, times FROM segment_quantiles ORDER BY ALL';
    expect(await db.all(rows)).toEqual([
      { quest_id: 'Q1', dimension: 'build', value: '1.5', tz: '', q: [600, 600], times: null },
      { quest_id: 'Q1', dimension: 'overall', value: '', tz: '', q: [600, 600], times: null },
    ]);
    db.close();
  });

  it('refuses a database newer than the code', async () => {
    const path = join(tempDir(), 'future.duckdb');
    const db = await Db.open(path);
    await migrate(db);
    await db.run(`INSERT INTO schema_version VALUES (999, 'future', now()::TIMESTAMP)`);
    await expect(migrate(db)).rejects.toThrow(dbMessages.newerSchema(path, 999, SCHEMA_VERSION));
    db.close();
  });
});
