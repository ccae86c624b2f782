// `questlog status` (what is loaded, and how each job last ended) and `questlog runs` (the run history).
import { type Effects, emit } from '../domain/effects.js';
import { InternalError } from '../domain/errors.js';
import { formatDuration } from '../domain/format.js';
import { runMessages } from '../domain/messages.js';
import { type Db, sqlFile } from '../engine/db.js';
import { SCHEMA_VERSION, schemaVersion } from '../engine/migrate.js';
import { listRuns, RUN_FIELDS, type RunRow } from '../engine/runs.js';
import { stableJson } from '../publish/json.js';
import { type OutputFormat, type Record_, render, table } from './format.js';
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
  /** Each job's latest run, by job name. */
  last_runs: RunRow[];
}

export async function getStatus(db: Db): Promise<StatusInfo> {
  const row = await db.one<Omit<StatusInfo, 'database' | 'schema_version' | 'last_runs'>>(sqlFile('read/status'));
  if (!row) throw new InternalError('status query returned no row');
  const last_runs = await listRuns(db, { latest: true, limit: 1000 });
  return { database: db.path, schema_version: await schemaVersion(db), ...row, last_runs };
}

/** `questlog status`: what is loaded. Read-only unless `migrate`, so it can run beside readers. */
export async function statusCommand(
  opts: { db: string; migrate?: boolean; format?: OutputFormat },
  effects: Effects,
): Promise<StatusInfo> {
  return withDb(
    opts.db,
    async (db) => {
      const s = await getStatus(db);
      const format = opts.format ?? 'table';
      // JSON is the whole status as one object; CSV has no room for nesting, so it is the key/value lines.
      if (format === 'json') emit(effects, stableJson(s));
      else
        emit(
          effects,
          render(format, statusPairs(s), ['key', 'value'], () => formatStatus(s)),
        );
      return s;
    },
    { readOnly: !opts.migrate },
  );
}

function statusPairs(s: StatusInfo): Record_[] {
  const { last_runs, ...flat } = s;
  const pairs: Record_[] = Object.entries(flat).map(([key, value]) => ({ key, value }));
  for (const r of last_runs) pairs.push({ key: `last_${r.job.replaceAll(' ', '_')}`, value: describeRun(r) });
  return pairs;
}

/** One run in a line: when, how it ended, what it did. */
function describeRun(r: RunRow): string {
  const took = r.ms === null ? '' : ` in ${formatDuration(r.ms / 1000)}`;
  const ended = r.ended_at === null ? 'no end recorded (running, or killed)' : `${r.outcome}${took}`;
  const code = r.exit_code !== null && r.exit_code !== 0 ? `, exit ${r.exit_code}` : '';
  const parts: string[] = [];
  if (r.files_loaded !== null) parts.push(`${r.files_loaded} files loaded, ${r.files_skipped ?? 0} unchanged`);
  if (r.files_failed) parts.push(`${r.files_failed} failed`);
  if (r.lines_rejected) parts.push(`${r.lines_rejected} lines rejected`);
  if (r.snapshots !== null) parts.push(`${r.snapshots} snapshot(s) to ${r.snapshot_date ?? '–'}`);
  else if (r.snapshot_date !== null) parts.push(`snapshot ${r.snapshot_date}`);
  const what = parts.length ? `; ${parts.join(', ')}` : '';
  const why = r.message ? `: ${r.message.split('\n')[0]}` : '';
  return `${r.started_at} UTC, ${ended}${code}${what}${why}`;
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
  if (s.last_runs.length === 0) lines.push(`last runs: ${runMessages.none()}`);
  else lines.push('last runs:', ...s.last_runs.map((r) => `  ${r.job}: ${describeRun(r)}`));
  return lines;
}

const RUN_COLUMNS = [
  { field: 'run_id' },
  { field: 'job', text: true },
  { field: 'started_at', text: true },
  { field: 'outcome', text: true },
  { field: 'exit_code' },
  {
    field: 'ms',
    header: 'took',
    cell: (r: Record_) => (r.ms === null ? '-' : formatDuration((r.ms as number) / 1000)),
  },
  { field: 'files_loaded', header: 'loaded' },
  { field: 'files_skipped', header: 'skipped' },
  { field: 'files_failed', header: 'failed' },
  { field: 'snapshot_date', header: 'snapshot', text: true },
  // The first line of a message: a table row stays one line.
  { field: 'message', text: true, cell: (r: Record_) => String(r.message ?? '–').split('\n')[0] ?? '' },
];

/** `questlog runs`: the latest runs, newest first. */
export async function runsCommand(
  opts: { db: string; job?: string; limit?: number; format?: OutputFormat },
  effects: Effects,
): Promise<RunRow[]> {
  return withDb(
    opts.db,
    async (db) => {
      const rows = await listRuns(db, { job: opts.job, limit: opts.limit });
      const jobs = rows.length === 0 && opts.job !== undefined ? await listRuns(db, { latest: true }) : [];
      const none =
        opts.job === undefined
          ? runMessages.none()
          : runMessages.noneOfJob(
              opts.job,
              jobs.map((r) => r.job),
            );
      const text = () => (rows.length === 0 ? [none] : table(rows as unknown as Record_[], RUN_COLUMNS));
      emit(effects, render(opts.format ?? 'table', rows as unknown as Record_[], RUN_FIELDS, text));
      return rows;
    },
    { readOnly: true },
  );
}
