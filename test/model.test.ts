import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('refuses a database newer than the code', async () => {
    const path = join(tempDir(), 'future.duckdb');
    const db = await Db.open(path);
    await migrate(db);
    await db.run(`INSERT INTO schema_version VALUES (999, 'future', now()::TIMESTAMP)`);
    await expect(migrate(db)).rejects.toThrow(/newer than this questlog/);
    db.close();
  });
});
