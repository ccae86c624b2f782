// `questlog status`: what is loaded.
import type { Effects } from '../domain/effects.js';
import { InternalError } from '../domain/errors.js';
import { type Db, sqlFile } from '../engine/db.js';
import { SCHEMA_VERSION, schemaVersion } from '../engine/migrate.js';
import { withDb } from './run.js';

export interface StatusInfo {
  database: string;
  schema_version: number;
  files: number;
  events: number;
  rejects: number;
  players: number;
  quests: number;
  catalogue_quests: number;
  snapshots: number;
  last_snapshot: string | null;
  last_computed_at: string | null;
  /** Players with events newer than their quest state (the next stats run recomputes them). */
  dirty_players: number;
}

export async function getStatus(db: Db): Promise<StatusInfo> {
  const row = await db.one<Omit<StatusInfo, 'database' | 'schema_version'>>(sqlFile('read/status'));
  if (!row) throw new InternalError('status query returned no row');
  return { database: db.path, schema_version: await schemaVersion(db), ...row };
}

/** `questlog status`: what is loaded. Read-only unless `migrate`, so it can run beside readers. */
export async function statusCommand(opts: { db: string; migrate?: boolean }, effects: Effects): Promise<StatusInfo> {
  return withDb(
    opts.db,
    async (db) => {
      const s = await getStatus(db);
      for (const line of formatStatus(s)) effects.log(line);
      return s;
    },
    { readOnly: !opts.migrate },
  );
}

export function formatStatus(s: StatusInfo): string[] {
  const last = s.last_snapshot ? `, last ${s.last_snapshot} (computed ${s.last_computed_at} UTC)` : '';
  const lines = [
    `database: ${s.database} (schema version ${s.schema_version} of ${SCHEMA_VERSION})`,
    `files: ${s.files}`,
    `events: ${s.events}`,
    `rejects: ${s.rejects}`,
    `players: ${s.players}`,
    `quests: ${s.quests} in logs, ${s.catalogue_quests} in catalogue`,
    `snapshots: ${s.snapshots}${last}`,
  ];
  if (s.dirty_players > 0) lines.push(`pending: ${s.dirty_players} players have new events; run \`questlog stats\``);
  return lines;
}
