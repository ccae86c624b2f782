// A new database takes every migration in one transaction; it must end exactly where one migration at a time ends.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../src/engine/db.js';
import { migrate, migrations, SCHEMA_VERSION } from '../src/engine/migrate.js';
import { tempDir } from './helpers.js';

/** Everything DuckDB's catalogue says about the database's own objects, and every row of every table. */
async function describeDb(db: Db) {
  const mine = "database_name = current_database() AND NOT internal AND schema_name = 'main'";
  const catalogue = {
    tables: await db.all<{ table_name: string }>(
      `SELECT table_name, sql, column_count, has_primary_key FROM duckdb_tables() WHERE ${mine} ORDER BY table_name`,
    ),
    columns: await db.all(
      `SELECT table_name, column_index, column_name, data_type, column_default, is_nullable
       FROM duckdb_columns() WHERE ${mine} ORDER BY table_name, column_index`,
    ),
    constraints: await db.all(
      `SELECT table_name, constraint_type, constraint_text, constraint_column_names::VARCHAR AS cols
       FROM duckdb_constraints() WHERE database_name = current_database() AND schema_name = 'main'
       ORDER BY table_name, constraint_text, constraint_type`,
    ),
    indexes: await db.all(
      `SELECT index_name, table_name, sql FROM duckdb_indexes()
       WHERE database_name = current_database() AND schema_name = 'main' ORDER BY index_name`,
    ),
    views: await db.all(`SELECT view_name, sql FROM duckdb_views() WHERE ${mine} ORDER BY view_name`),
    sequences: await db.all(
      `SELECT sequence_name, sql, start_value, last_value FROM duckdb_sequences()
       WHERE database_name = current_database() AND schema_name = 'main' ORDER BY sequence_name`,
    ),
    types: await db.all(
      `SELECT type_name, logical_type, labels::VARCHAR AS labels FROM duckdb_types()
       WHERE database_name = current_database() AND NOT internal AND schema_name = 'main' ORDER BY type_name`,
    ),
    macros: await db.all(
      `SELECT function_name, function_type, macro_definition FROM duckdb_functions()
       WHERE database_name = current_database() AND NOT internal AND schema_name = 'main'
       ORDER BY function_name, macro_definition`,
    ),
  };
  const rows: Record<string, unknown[]> = {};
  for (const t of catalogue.tables) {
    // applied_at is when each migration ran: a clock, not the schema.
    const cols = t.table_name === 'schema_version' ? 'version, name' : '*';
    rows[t.table_name] = await db.all(`SELECT ${cols} FROM "${t.table_name}" ORDER BY ALL`);
  }
  return { ...catalogue, rows: [rows] };
}

describe('a new database', () => {
  it('ends with the same schema and rows as one migration at a time', async () => {
    const dir = tempDir();
    const fresh = await Db.open(join(dir, 'fresh.duckdb'));
    const stepped = await Db.open(join(dir, 'stepped.duckdb'));
    try {
      expect(await migrate(fresh)).toEqual({ from: 0, to: SCHEMA_VERSION });
      // From version 1 on, the database is no longer new: each later migration runs in its own transaction.
      let from = 0;
      for (const m of migrations()) {
        expect(await migrate(stepped, m.version)).toEqual({ from, to: m.version });
        from = m.version;
      }
      const a = await describeDb(fresh);
      const b = await describeDb(stepped);
      expect(a).toEqual(b);
      // What was compared is the whole schema, not two empty lists.
      expect(a.tables.map((t) => t.table_name)).toContain('events');
      expect(a.tables.length).toBeGreaterThan(20);
      expect(a.indexes.length + a.constraints.length).toBeGreaterThan(0);
      expect(a.types).toHaveLength(1);
      const versions = await fresh.all<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
      expect(versions.map((v) => v.version)).toEqual(migrations().map((m) => m.version));
    } finally {
      fresh.close();
      stepped.close();
    }
  });

  it('is left empty when a migration fails, so the next open starts from nothing again', async () => {
    const db = await Db.open(join(tempDir(), 'fail.duckdb'));
    try {
      // The table migration 001 creates already exists: 001 fails, and nothing of the batch is kept.
      await db.run('CREATE TABLE events (x INTEGER)');
      await expect(migrate(db)).rejects.toThrow(/events/);
      const tables = await db.all<{ table_name: string }>(
        'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name',
      );
      expect(tables).toEqual([{ table_name: 'events' }]);
      await db.run('DROP TABLE events');
      expect(await migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    } finally {
      db.close();
    }
  });
});
