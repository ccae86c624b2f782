// Output of `questlog stats --by DIMENSION` and `--format json|csv`: rows of per-quest figures, overall and per value.
import { UserError } from '../domain/errors.js';
import { segmentMessages } from '../domain/segment-messages.js';
import type { SegmentRow } from '../domain/types.js';
import { type Column, type Record_, STATS_COLUMNS, table } from './format.js';

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

/** After the stats table's columns: a row under the privacy floor says so (its figures print as `–`). */
const SEGMENT_COLUMNS: Column[] = [
  ...STATS_COLUMNS,
  { field: 'suppressed', header: '', text: true, cell: (r) => (r.suppressed ? 'suppressed' : '') },
];

/**
 * `questlog stats --by DIMENSION`: the per-quest table once per value, in the same columns, names and units as the
 * stats table (README "Vocabulary"). Rows of one dimension, in quest then value order.
 */
export function formatSegmentTables(rows: readonly SegmentRow[], dimension: string): string[] {
  const values = [...new Set(rows.filter((r) => r.dimension === dimension).map((r) => r.value as string))].sort();
  const out: string[] = [];
  for (const value of values) {
    const part = rows.filter((r) => r.dimension === dimension && r.value === value);
    out.push('', `${dimension} = ${value}`, ...table(part as unknown as Record_[], SEGMENT_COLUMNS));
  }
  return out;
}
