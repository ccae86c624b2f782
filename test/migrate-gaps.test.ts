// Migrations numbered apart by parallel branches: one merged below the database's highest version still runs.
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../src/engine/migrate.js';
import { freshDb } from './helpers.js';

describe('migrations applied out of number order', () => {
  it('applies a migration numbered below the highest one applied', async () => {
    const db = await freshDb();
    try {
      // A database migrated before 007 existed: its tables and its row are not there, later versions are.
      await db.run('DROP TABLE survival; DROP TABLE survival_curve; DROP TABLE chain_steps');
      await db.run('DELETE FROM schema_version WHERE version = 7');
      expect(await migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
      const rows = await db.all<{ version: number }>('SELECT version FROM schema_version WHERE version = 7');
      expect(rows).toEqual([{ version: 7 }]);
      const tables = await db.all<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_name IN ('survival', 'survival_curve', 'chain_steps') ORDER BY table_name`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(['chain_steps', 'survival', 'survival_curve']);
      // Nothing left to do: a second run changes nothing.
      expect(await migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    } finally {
      db.close();
    }
  });
});
