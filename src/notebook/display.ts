import { createRequire } from 'node:module';
import {
  formatDuration as formatDurationText,
  formatPercent as formatRate,
  formatRateInterval,
} from '../domain/format.js';
import { escapeHtml as escapeText } from '../domain/html.js';

/** One rich output: MIME type -> data, as Jupyter's display_data carries it. */
export type MimeBundle = Record<string, unknown>;
export type Sink = (bundle: MimeBundle) => void;

export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';

interface TslabJupyter {
  lastWriteDisplayData: ((data: unknown, update: boolean) => void) | null;
}

/**
 * tslab's public `display.raw` sends one MIME type per output, but a chart needs several in one bundle (vega-lite for
 * JupyterLab, inline SVG for nbconvert and GitHub). tslab's kernel keeps the current cell's writer on its jupyter
 * module; we find that module in the shared CommonJS cache (whichever tslab install runs the kernel) and send the
 * bundle through it. Outside a kernel there is none and nothing is shown.
 */
export function kernelSink(): Sink | undefined {
  const cache = createRequire(import.meta.url).cache;
  for (const [file, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const jupyter = mod?.exports as TslabJupyter | undefined;
    if (!jupyter || !('lastWriteDisplayData' in jupyter)) continue;
    return (bundle) => {
      const write = jupyter.lastWriteDisplayData;
      if (write) write({ data: bundle, metadata: {}, transient: {} }, false);
    };
  }
  return undefined;
}

/**
 * A figure formatted for reading (`91.0%`, `87.8–95.3%`, `14 min 13 s`): text that is still a number, so tables
 * right-align it like one. Made only by the formatters below, which is where a value is known to be a figure; it prints
 * as its text (`String(f)`, template literals, JSON, the console).
 */
export class Figure {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.text;
  }
}

/** Cell text: integers as they are, fractions rounded for reading (the rows themselves keep full precision). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toFixed(Math.abs(value) >= 100 ? 1 : 3)));
  }
  if (value instanceof Figure) return value.text;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A rate as `91.0%`; blank without one (notebook tables leave a missing rate blank). */
export const formatPercent = (rate: number | null) => new Figure(formatRate(rate, ''));

/** Seconds in questlog's one duration style (45 s, 30 min 05 s, 2 h 03 min, 3 d 4 h); blank for NULL. */
export const formatDuration = (seconds: number | null) => new Figure(formatDurationText(seconds, ''));

/** Escapes text for notebook HTML (numeric entities, as notebook outputs always had). */
export const escapeHtml = (value: string) => escapeText(value, 'numeric');

/** A rate's 95% interval as `23.1–88.2%`; blank without one. */
export const formatInterval = (low: number | null, high: number | null) =>
  new Figure(formatRateInterval(low, high, ''));

export interface TableOptions {
  /** Rows shown; the rest are counted in a footer. Default 50. */
  limit?: number;
  /** Rows the result has in all, when `rows` holds only the first of them (a streamed query). */
  total?: number;
  /** Column order; default every key of the rows, in the order they first appear. */
  columns?: string[];
  caption?: string;
  /** Where the rows beyond the limit are, added to the count line. */
  rest?: string;
}

const countLine = (shown: number, total: number, opts: TableOptions) =>
  `showing ${shown} of ${total} rows${opts.rest ? `; ${opts.rest}` : ''}`;

/** Every key of the shown rows, first row's order first: a key only later rows have is a column too, never dropped. */
function columnsOf(rows: Record<string, unknown>[], opts: TableOptions): string[] {
  if (opts.columns) return opts.columns;
  const cols = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) cols.add(key);
  return [...cols];
}

/** Numbers and formatted figures are right-aligned, so a column of them compares at a glance; text is not. */
const aligned = (v: unknown) => typeof v === 'number' || v instanceof Figure;

/** Rows as an HTML table; every header and value is escaped, so data can never inject markup into a notebook. */
export function tableHtml(rows: Record<string, unknown>[], opts: TableOptions = {}): string {
  const cols = columnsOf(rows, opts);
  const shown = rows.slice(0, opts.limit ?? 50);
  const head = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = shown
    .map((row) => {
      const cells = cols.map((c) => {
        const v = row[c];
        const cls = v === null || v === undefined ? ' class="ql-null"' : aligned(v) ? ' class="ql-num"' : '';
        return `<td${cls}>${escapeHtml(formatValue(v))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : '';
  const total = opts.total ?? rows.length;
  const more = total > shown.length ? `<p>${escapeHtml(countLine(shown.length, total, opts))}</p>` : '';
  const style =
    '<style>.ql-table td.ql-num{text-align:right;font-variant-numeric:tabular-nums}.ql-table td.ql-null{color:#999}</style>';
  return `${style}<table class="ql-table">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${more}`;
}

/** The same table as aligned plain text, for consoles and text-only viewers. */
export function tableText(rows: Record<string, unknown>[], opts: TableOptions = {}): string {
  const cols = columnsOf(rows, opts);
  const shown = rows.slice(0, opts.limit ?? 50);
  const grid = [cols, ...shown.map((row) => cols.map((c) => formatValue(row[c])))];
  const widths = cols.map((_, i) => Math.max(...grid.map((line) => (line[i] ?? '').length)));
  const lines = grid.map((line) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  if (opts.caption) lines.unshift(opts.caption);
  const total = opts.total ?? rows.length;
  if (total > shown.length) lines.push(`(${countLine(shown.length, total, opts)})`);
  return lines.join('\n');
}

export function tableBundle(rows: Record<string, unknown>[], opts: TableOptions = {}): MimeBundle {
  if (rows.length === 0 && !opts.columns) return { 'text/plain': '(no rows)', 'text/html': '<p>(no rows)</p>' };
  return { 'text/plain': tableText(rows, opts), 'text/html': tableHtml(rows, opts) };
}
