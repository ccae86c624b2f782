import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InternalError, UserError } from '../domain/errors.js';
import { dbMessages } from '../domain/messages.js';
import { packageRoot } from '../root.js';
import { type Db, sqlFile } from './db.js';

const migrationsDir = resolve(packageRoot, 'src/sql/migrations');

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Forward migrations `NNN_name.sql`, applied in order; a database is never rebuilt from scratch. */
export function migrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: readFileSync(resolve(migrationsDir, f), 'utf8'),
    }));
}

export const SCHEMA_VERSION = migrations().at(-1)?.version ?? 0;

export async function schemaVersion(db: Db): Promise<number> {
  const exists = await db.one<{ n: number }>(sqlFile('schema/version_table'));
  if (!exists?.n) return 0;
  const row = await db.one<{ v: number | null }>(sqlFile('schema/version'));
  return row?.v ?? 0;
}

/** Brings the database to `target` (default: latest): a new one in one transaction, else a migration at a time. */
export async function migrate(db: Db, target = SCHEMA_VERSION): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new UserError(dbMessages.newerSchema(db.path, from, SCHEMA_VERSION), { hint: dbMessages.newerSchemaHint });
  }
  // Every migration not yet applied, not only those above the highest: branches numbered apart (a 007 merged after a
  // 011 reached users) would otherwise never run on a database already at the higher number.
  const applied = from === 0 ? new Set<number>() : await appliedVersions(db);
  const pending = migrations().filter((m) => m.version <= target && !applied.has(m.version));
  if (pending.length === 0) return { from, to: from };
  if (db.readOnly) {
    throw new UserError(dbMessages.needsMigration(db.path, from, target), { cli: ['migrate'] });
  }
  // A new database takes every migration in one transaction (the same statements in the same order, so the same
  // schema, test/migrate-fresh.test.ts): one commit instead of one per migration, ~40% less CPU (issue 13, round 11).
  // An existing one takes each in its own, so a failure leaves it at the last version that applied.
  const apply = async (m: Migration) => {
    if (m.version === 1) await db.run(sqlFile('schema/create'));
    await db.run(m.sql);
    await db.run(sqlFile('schema/applied'), { v: m.version, n: m.name });
  };
  if (from === 0) {
    await db.transaction(async () => {
      for (const m of pending) await apply(m);
    });
  } else {
    for (const m of pending) await db.transaction(() => apply(m));
  }
  const to = await schemaVersion(db);
  if (to !== Math.max(target, from)) throw new InternalError(`migration ended at version ${to}, expected ${target}`);
  return { from, to };
}

async function appliedVersions(db: Db): Promise<Set<number>> {
  const rows = await db.all<{ v: number }>(sqlFile('schema/versions'));
  return new Set(rows.map((r) => r.v));
}
