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

  it('refuses a database newer than the code', async () => {
    const path = join(tempDir(), 'future.duckdb');
    const db = await Db.open(path);
    await migrate(db);
    await db.run(`INSERT INTO schema_version VALUES (999, 'future', now()::TIMESTAMP)`);
    await expect(migrate(db)).rejects.toThrow(/newer than this questlog/);
    db.close();
  });
});
