// Output of `questlog stats --by DIMENSION` and `--format json|csv`: rows of per-quest figures, overall and per value.
import { UserError } from '../domain/errors.js';
import { segmentMessages } from '../domain/segment-messages.js';
import type { SegmentRow } from '../domain/types.js';

/** `--min-players K`: a whole number from 0 up. */
export function parseMinPlayers(value: string): number {
  if (!/^\d+$/.test(value)) throw new UserError(segmentMessages.notWholeNumber('--min-players', value));
  return Number(value);
}

/** The row shape of `--format json|csv`: dimension and value null on a quest's overall row. */
export const ROW_FIELDS = [
  'quest_id',
  'dimension',
  'value',
  'players',
  'accepted',
  'declined',
  'completed',
  'abandoned',
  'failed',
  'not_encountered',
  'completion_rate',
  'completion_rate_low',
  'completion_rate_high',
  'reach_rate',
  'reach_rate_low',
  'reach_rate_high',
  'conversion_rate',
  'conversion_rate_low',
  'conversion_rate_high',
  'mean_seconds',
  'median_seconds',
  'p90_seconds',
  'suppressed',
] as const;

type RowObject = Record<(typeof ROW_FIELDS)[number], string | number | boolean | null>;

function rowObject(r: SegmentRow): RowObject {
  const out = {} as RowObject;
  for (const f of ROW_FIELDS) out[f] = f === 'suppressed' ? (r.suppressed ?? false) : r[f];
  return out;
}

/** `--format json`: an array of row objects, numbers as numbers. */
export function rowsJson(rows: readonly SegmentRow[]): string {
  return `${JSON.stringify(rows.map(rowObject), null, 2)}\n`;
}

/** `--format csv`: a header, then one line per row; null is an empty cell; RFC 4180 quoting. */
export function rowsCsv(rows: readonly SegmentRow[]): string {
  const cell = (v: string | number | boolean | null) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [ROW_FIELDS.join(','), ...rows.map((r) => ROW_FIELDS.map((f) => cell(rowObject(r)[f])).join(','))];
  return `${lines.join('\n')}\n`;
}

const pct = (x: number | null) => (x === null ? '-' : (x * 100).toFixed(1));

const COLUMNS: [string, (r: SegmentRow) => string][] = [
  ['players', (r) => num(r.players)],
  ['accepted', (r) => num(r.accepted)],
  ['declined', (r) => num(r.declined)],
  ['completed', (r) => num(r.completed)],
  ['abandoned', (r) => num(r.abandoned)],
  ['failed', (r) => num(r.failed)],
  ['not_enc', (r) => num(r.not_encountered)],
  // Conversion (completed / players who met the quest) compares values, with its 95% Wilson interval: two values whose
  // ranges overlap are not shown to differ. Completion (completed / players) beside it.
  ['conv_%', (r) => pct(r.conversion_rate)],
  [
    '95%_range',
    (r) => (r.conversion_rate_low === null ? '-' : `${pct(r.conversion_rate_low)}-${pct(r.conversion_rate_high)}`),
  ],
  ['compl_%', (r) => pct(r.completion_rate)],
  ['median_s', (r) => (r.median_seconds === null ? '-' : String(Math.round(r.median_seconds)))],
];

function num(n: number | null): string {
  return n === null ? '-' : String(n);
}

/**
 * `questlog stats --by DIMENSION`: the per-quest table once per value (suppressed rows show `-` and `suppressed`).
 * Rows of one dimension, in quest then value order.
 */
export function formatSegmentTables(rows: readonly SegmentRow[], dimension: string): string[] {
  const values = [...new Set(rows.filter((r) => r.dimension === dimension).map((r) => r.value as string))].sort();
  const out: string[] = [];
  for (const value of values) {
    const part = rows.filter((r) => r.dimension === dimension && r.value === value);
    const names = part.map((r) => (r.name.length > 32 ? `${r.name.slice(0, 31)}…` : r.name));
    const nameWidth = Math.max(5, ...names.map((n) => n.length));
    const cells = part.map((r) => COLUMNS.map(([, cell]) => cell(r)));
    const widths = COLUMNS.map(([head], i) => Math.max(head.length, ...cells.map((c) => c[i]?.length ?? 0)));
    const line = (name: string, row: string[], note = '') =>
      [name.padEnd(nameWidth), ...row.map((c, i) => c.padStart(widths[i] ?? 0)), note].join('  ').trimEnd();
    out.push('', `${dimension} = ${value}`);
    out.push(
      line(
        'quest',
        COLUMNS.map(([head]) => head),
      ),
    );
    part.forEach((r, i) => {
      out.push(line(names[i] ?? '', cells[i] ?? [], r.suppressed ? 'suppressed' : ''));
    });
  }
  return out;
}
