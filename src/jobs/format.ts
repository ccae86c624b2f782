// Plain-text output of the jobs: the per-quest table and the coverage line.
import type { Coverage, QuestStats, Snapshot } from '../domain/types.js';

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

export function formatCoverage(c: Coverage): string {
  const list = (ids: string[]) =>
    ids.length ? ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : '';
  return (
    `coverage: ${c.unknown_ids.length} unknown quest ids${list(c.unknown_ids)}, ` +
    `${c.never_seen.length} catalogue quests never seen${list(c.never_seen)}, ${c.rejected_lines} quarantined lines`
  );
}
