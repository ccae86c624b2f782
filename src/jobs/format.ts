// Plain-text output of the jobs: every result as a table for people, or as JSON or CSV for scripts, from one list of
// fields per result. Field names are the snapshot's own (README "Vocabulary"); tables print durations for reading,
// JSON and CSV give seconds as numbers.
import { UserError } from '../domain/errors.js';
import { cliMessages } from '../domain/messages.js';
import type { Coverage, QuestStats, Snapshot } from '../domain/types.js';
import { formatDuration, formatPercent } from '../publish/report.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseFormat(value: string | undefined): OutputFormat {
  const f = value ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new UserError(cliMessages.badFormat(f));
  return f as OutputFormat;
}

export type Record_ = Record<string, unknown>;

/** One column of a table: its header and how a value prints (default: as it is, null as '-'). */
export interface Column {
  field: string;
  header?: string;
  cell?: (row: Record_) => string;
  /** Text columns are left-aligned, the rest right-aligned. */
  text?: boolean;
}

/** Rows as a fixed-width text table (headers, then one line per row). */
export function table(rows: Record_[], columns: Column[]): string[] {
  const cells = rows.map((r) => columns.map((c) => (c.cell ? c.cell(r) : plain(r[c.field]))));
  const heads = columns.map((c) => c.header ?? c.field);
  const widths = heads.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) =>
    row
      .map((c, i) => (columns[i]?.text ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(heads), ...cells.map(line)];
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '–';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** RFC 4180 CSV: a header of field names, then the rows; numbers as numbers, null as an empty cell. */
export function csv(rows: Record_[], fields: readonly string[]): string[] {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [fields.join(','), ...rows.map((r) => fields.map((f) => cell(r[f])).join(','))];
}

/** The rows as one JSON array, each row with exactly `fields` in that order. */
export function json(rows: Record_[], fields: readonly string[]): string[] {
  const picked = rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
  return [JSON.stringify(picked, null, 2)];
}

/** A result in the requested format: `tableLines` for people, JSON or CSV of `fields` for scripts. */
export function render(
  format: OutputFormat,
  rows: Record_[],
  fields: readonly string[],
  tableLines: () => string[],
): string[] {
  if (format === 'json') return json(rows, fields);
  if (format === 'csv') return csv(rows, fields);
  return tableLines();
}

// --- stats ---

/** Per-quest fields of `stats --format json|csv`: the snapshot's own names (issue 14 adds its segment fields here). */
export const STATS_FIELDS = [
  'snapshot_date',
  'quest_id',
  'name',
  'chain',
  'players',
  'accepted',
  'declined',
  'completed',
  'abandoned',
  'failed',
  'not_encountered',
  'completion_rate',
  'mean_seconds',
  'median_seconds',
  'p90_seconds',
  'min_seconds',
  'max_seconds',
  'mean_attempts',
  'anomalies',
] as const;

const dur = (field: keyof QuestStats) => (r: Record_) => formatDuration(r[field] as number | null);
const name = (r: Record_) => {
  const n = String(r.name ?? '');
  return n.length > 32 ? `${n.slice(0, 31)}…` : n;
};

/** The per-quest table: ids and names both, counts, the rate as a percentage, durations for reading. */
export const STATS_COLUMNS: Column[] = [
  { field: 'quest_id', text: true },
  { field: 'name', text: true, cell: name },
  ...['players', 'accepted', 'declined', 'completed', 'abandoned', 'failed', 'not_encountered'].map((field) => ({
    field,
  })),
  { field: 'completion_rate', cell: (r) => formatPercent(r.completion_rate as number | null) },
  { field: 'mean_seconds', header: 'mean', cell: dur('mean_seconds') },
  { field: 'median_seconds', header: 'median', cell: dur('median_seconds') },
  { field: 'p90_seconds', header: 'p90', cell: dur('p90_seconds') },
];

/** The per-quest table `questlog stats` (and the demo job) ends with: a title line, headers, one line per quest. */
export function formatStatsTable(snapshot: Snapshot): string[] {
  const { meta, quests } = snapshot;
  const through = meta.data_through ? `, data through ${meta.data_through}` : '';
  const title = `snapshot ${meta.snapshot_date}: ${meta.players} players, ${meta.events} events${through}`;
  return [title, ...table(quests as unknown as Record_[], STATS_COLUMNS)];
}

export function formatStats(format: OutputFormat, snapshot: Snapshot, coverage: Coverage): string[] {
  return render(format, snapshot.quests as unknown as Record_[], STATS_FIELDS, () => [
    formatCoverage(coverage),
    '',
    ...formatStatsTable(snapshot),
  ]);
}

export function formatCoverage(c: Coverage): string {
  const list = (ids: string[]) =>
    ids.length ? ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : '';
  return (
    `coverage: ${c.unknown_ids.length} unknown quest ids${list(c.unknown_ids)}, ` +
    `${c.never_seen.length} catalogue quests never seen${list(c.never_seen)}, ${c.rejected_lines} rejected lines`
  );
}
