// Output of the jobs: the per-quest table (text, JSON or CSV) and the coverage line.
import type { Coverage, QuestStats, Snapshot } from '../domain/types.js';
import { stableJson } from '../publish/json.js';

const COLUMNS: [string, (q: QuestStats) => string][] = [
  ['players', (q) => String(q.players)],
  ['accepted', (q) => String(q.accepted)],
  ['declined', (q) => String(q.declined)],
  ['completed', (q) => String(q.completed)],
  ['abandoned', (q) => String(q.abandoned)],
  ['failed', (q) => String(q.failed)],
  ['not_enc', (q) => String(q.not_encountered)],
  // Conversion (completed / met) ranks quests; reach (met / players) says how many got there; completion = both.
  ['reach_%', (q) => percent(q.reach_rate)],
  ['conv_%', (q) => percent(q.conversion_rate)],
  [
    'conv_95%',
    (q) =>
      q.conversion_rate_low === null ? '-' : `${percent(q.conversion_rate_low)}-${percent(q.conversion_rate_high)}`,
  ],
  ['compl_%', (q) => percent(q.completion_rate)],
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

function percent(rate: number | null): string {
  return rate === null ? '-' : (rate * 100).toFixed(1);
}

function seconds(s: number | null): string {
  return s === null ? '-' : String(Math.round(s));
}

export function formatCoverage(c: Coverage): string {
  const list = (ids: string[]) =>
    ids.length ? ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : '';
  return (
    `coverage: ${c.unknown_ids.length} unknown quest ids${list(c.unknown_ids)}, ` +
    `${c.never_seen.length} catalogue quests never seen${list(c.never_seen)}, ${c.rejected_lines} rejected lines`
  );
}

export const STATS_FORMATS = ['table', 'json', 'csv'] as const;
export type StatsFormat = (typeof STATS_FORMATS)[number];

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

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
