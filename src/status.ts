import { Db, sqlFile } from './db.js';
import type { Effects } from './effects.js';
import { migrate, SCHEMA_VERSION, schemaVersion } from './model.js';
import type { QuestStats, Snapshot } from './stats.js';

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
  const row = await db.one<Omit<StatusInfo, 'database' | 'schema_version'>>(sqlFile('status'));
  if (!row) throw new Error('status query returned no row');
  return { database: db.path, schema_version: await schemaVersion(db), ...row };
}

/** `questlog status`: what is loaded. Read-only unless `migrate`, so it can run beside readers. */
export async function statusCommand(opts: { db: string; migrate?: boolean }, effects: Effects): Promise<StatusInfo> {
  const db = await Db.open(opts.db, { readOnly: !opts.migrate });
  try {
    await migrate(db);
    const s = await getStatus(db);
    for (const line of formatStatus(s)) effects.log(line);
    return s;
  } finally {
    db.close();
  }
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

const COLUMNS: [string, (q: QuestStats) => string][] = [
  ['players', (q) => String(q.players)],
  ['accepted', (q) => String(q.accepted)],
  ['declined', (q) => String(q.declined)],
  ['completed', (q) => String(q.completed)],
  ['abandoned', (q) => String(q.abandoned)],
  ['failed', (q) => String(q.failed)],
  ['not_enc', (q) => String(q.not_encountered)],
  ['rate_%', (q) => (q.completion_rate === null ? '-' : (q.completion_rate * 100).toFixed(1))],
  ['mean_s', (q) => seconds(q.mean_seconds)],
  ['median_s', (q) => seconds(q.median_seconds)],
];

/** The per-quest table `questlog stats` (and the demo job) ends with: fixed-width text, one line per quest. */
export function formatStatsTable(snapshot: Snapshot): string[] {
  const { meta, quests } = snapshot;
  const through = meta.data_through ? `, data through ${meta.data_through}` : '';
  const title = `snapshot ${meta.snapshot_date}: ${meta.players} players, ${meta.events} events${through}`;
  const names = quests.map((q) => (q.name.length > 32 ? `${q.name.slice(0, 31)}…` : q.name));
  const nameWidth = Math.max(5, ...names.map((n) => n.length));
  const cells = quests.map((q) => COLUMNS.map(([, cell]) => cell(q)));
  const widths = COLUMNS.map(([head], i) => Math.max(head.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (name: string, row: string[]) =>
    [name.padEnd(nameWidth), ...row.map((c, i) => c.padStart(widths[i] ?? 0))].join('  ').trimEnd();
  return [
    title,
    line(
      'quest',
      COLUMNS.map(([head]) => head),
    ),
    ...quests.map((_, i) => line(names[i] ?? '', cells[i] ?? [])),
  ];
}

function seconds(s: number | null): string {
  return s === null ? '-' : String(Math.round(s));
}
