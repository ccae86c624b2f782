// Output of the jobs: every result as a table for people, or JSON or CSV for scripts (field names: README
// "Vocabulary"); the per-quest table and the coverage line.

import { formatDuration, formatPercent, formatRateInterval } from '../domain/format.js';
import type { Coverage, QuestStats, Snapshot } from '../domain/types.js';
import { stableJson } from '../publish/json.js';

/** One column of a table: its header and how a value prints (default: as it is, null as '–'). */
export interface Column {
  field: string;
  header?: string;
  cell?: (row: Record_) => string;
  /** Text columns are left-aligned, the rest right-aligned. */
  text?: boolean;
}

export type Record_ = Record<string, unknown>;

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

const durationCell = (field: keyof QuestStats) => (r: Record_) => formatDuration(r[field] as number | null);
const rateCell = (field: keyof QuestStats) => (r: Record_) => formatPercent(r[field] as number | null);
const nameCell = (r: Record_) => {
  const n = String(r.name ?? '');
  return n.length > 32 ? `${n.slice(0, 31)}…` : n;
};

/**
 * The per-quest table: ids and names both, counts, rates as percentages (conversion ranks quests, with its 95%
 * interval; reach says how many got there; completion = both), durations for reading. Headers are the snapshot's
 * field names (README "Vocabulary"); the durations drop their `_seconds` as they are not printed in seconds.
 */
export const STATS_COLUMNS: Column[] = [
  { field: 'quest_id', text: true },
  { field: 'name', text: true, cell: nameCell },
  ...['players', 'accepted', 'declined', 'completed', 'abandoned', 'failed', 'not_encountered'].map((field) => ({
    field,
  })),
  { field: 'reach_rate', cell: rateCell('reach_rate') },
  { field: 'conversion_rate', cell: rateCell('conversion_rate') },
  {
    field: 'conversion_rate_low',
    header: 'conversion_95%',
    cell: (r) => formatRateInterval(r.conversion_rate_low as number | null, r.conversion_rate_high as number | null),
  },
  { field: 'completion_rate', cell: rateCell('completion_rate') },
  { field: 'mean_seconds', header: 'mean', cell: durationCell('mean_seconds') },
  { field: 'median_seconds', header: 'median', cell: durationCell('median_seconds') },
  { field: 'p90_seconds', header: 'p90', cell: durationCell('p90_seconds') },
];

/** The per-quest table `questlog stats` (and the demo job) ends with: a title line, headers, one line per quest. */
export function formatStatsTable(snapshot: Snapshot): string[] {
  const { meta, quests } = snapshot;
  const through = meta.data_through ? `, data through ${meta.data_through}` : '';
  const title = `snapshot ${meta.snapshot_date}: ${meta.players} players, ${meta.events} events${through}`;
  return [title, ...table(quests as unknown as Record_[], STATS_COLUMNS)];
}

export function formatCoverage(c: Coverage): string {
  const list = (ids: string[]) =>
    ids.length ? ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : '';
  return (
    `coverage: ${c.unknown_ids.length} unknown quest ids${list(c.unknown_ids)}, ` +
    `${c.never_seen.length} catalogue quests never seen${list(c.never_seen)}, ${c.rejected_lines} quarantined lines`
  );
}

/** Every result a command prints comes as a table for people, or JSON or CSV for scripts. */
export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const STATS_FORMATS = OUTPUT_FORMATS;
export type StatsFormat = OutputFormat;

/** Every QuestStats field, in the order JSON-less readers (CSV) get them; `satisfies` keeps it complete. */
const FIELDS = Object.keys({
  snapshot_date: 1,
  quest_id: 1,
  name: 1,
  chain: 1,
  sort_order: 1,
  in_catalogue: 1,
  players: 1,
  accepted: 1,
  declined: 1,
  completed: 1,
  abandoned: 1,
  failed: 1,
  not_encountered: 1,
  reach_rate: 1,
  reach_rate_low: 1,
  reach_rate_high: 1,
  conversion_rate: 1,
  conversion_rate_low: 1,
  conversion_rate_high: 1,
  completion_rate: 1,
  completion_rate_low: 1,
  completion_rate_high: 1,
  mean_seconds: 1,
  min_seconds: 1,
  max_seconds: 1,
  median_seconds: 1,
  p90_seconds: 1,
  mean_attempts: 1,
  anomalies: 1,
} satisfies Record<StoredField, 1>) as StoredField[];

/** The published copy's privacy flags (src/publish/privacy.ts) are no stored figures: the CLI never sets them. */
type StoredField = Exclude<keyof QuestStats, 'suppressed' | 'times_suppressed'>;

/**
 * A snapshot for programs: JSON (`{ meta, quests }`, sorted keys, numbers as numbers, null for no value) or CSV (one
 * header line, one line per quest, every field; empty for null; RFC 4180 quoting).
 */
export function formatSnapshot(snapshot: Snapshot, format: Exclude<StatsFormat, 'table'>): string {
  if (format === 'json') return stableJson(snapshot);
  const rows = snapshot.quests.map((q) => FIELDS.map((f) => csvCell(q[f])).join(','));
  return `${[FIELDS.join(','), ...rows].join('\r\n')}\r\n`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The rows as one JSON array (sorted keys, numbers as numbers), each row with exactly `fields`. */
function json(rows: Record_[], fields: readonly string[]): string {
  return stableJson(rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null]))));
}

/**
 * A result in the requested format, as the text to print: `tableLines` for people, JSON or CSV of `fields` for
 * scripts.
 */
export function render(
  format: OutputFormat,
  rows: Record_[],
  fields: readonly string[],
  tableLines: () => string[],
): string {
  if (format === 'json') return json(rows, fields);
  if (format === 'csv') return csvText(rows, fields);
  return `${tableLines().join('\n')}\n`;
}

function csvText(rows: Record_[], fields: readonly string[]): string {
  return `${[fields.join(','), ...rows.map((r) => fields.map((f) => csvCell(r[f])).join(','))].join('\r\n')}\r\n`;
}
