// The analyst's one-import API for Jupyter (tslab): `const ql = await open();` then `ql.sql`...``, `ql.stats()`,
// `ql.chart('buckets')`. Loaded by tslab through require(), so no top-level await here or in anything it imports.
import type { Table } from 'apache-arrow';
import { UserError } from './domain/errors.js';
import { notebookMessages as msg } from './domain/notebook-messages.js';
import type { QuestStats, SegmentRow, Snapshot } from './domain/types.js';
import { Db, type Row, sqlFile } from './engine/db.js';
import { getCoverage, getHistory, getSnapshot } from './engine/read.js';
import { queryArrow } from './notebook/arrow.js';
import { chartBundle } from './notebook/chart-output.js';
import { buildChart, type ChartKind, type ChartOptions, type VegaLiteSpec } from './notebook/charts.js';
import { defaultDatabase } from './notebook/database.js';
import { kernelSink, type MimeBundle, type Sink, type TableOptions, tableBundle } from './notebook/display.js';
import { CHART_KEYS, checkOptions, SEGMENT_KEYS, STATS_KEYS, TABLE_KEYS } from './notebook/option-keys.js';
import { bindTemplate, type ExportFormat, exportQuery, queryHead, queryRows, type SqlValue } from './notebook/query.js';
import { unknownQuestIn } from './notebook/quest-ids.js';
import { type SegmentQueryOptions, segmentRows, segmentTable } from './notebook/segments.js';
import { coverageRows, statsRows } from './notebook/stats-table.js';

export type { Coverage, QuestStats, SegmentRow, Snapshot } from './domain/types.js';
export type { ChartKind, ChartOptions, VegaLiteSpec } from './notebook/charts.js';
export { defaultDatabase } from './notebook/database.js';
export {
  escapeHtml,
  Figure,
  formatDuration,
  formatInterval,
  formatPercent,
  type MimeBundle,
  tableHtml,
} from './notebook/display.js';
export { bindTemplate, type SqlValue } from './notebook/query.js';
export { statsRows } from './notebook/stats-table.js';
export { worstFirst } from './publish/rates.js';

export interface NotebookOpenOptions {
  /** Default true: a notebook never writes, so it never competes with the nightly for the write lock. */
  readOnly?: boolean;
  /** Where rich outputs go; default the running tslab kernel (none outside Jupyter). Tests pass a recorder. */
  display?: Sink;
}

const OPEN_KEYS = Object.keys({ readOnly: true, display: true } satisfies Record<keyof NotebookOpenOptions, true>);

/** Rows `ql.sql` shows; the rest are counted. */
const SHOWN_ROWS = 50;
/** Rows `ql.stats()` shows unless asked for more. */
const STATS_ROWS = 100;

export class Questlog {
  constructor(
    readonly db: Db,
    private readonly sink: Sink,
  ) {}

  get path(): string {
    return this.db.path;
  }

  /** Shows a MIME bundle (or rows as a table) in the notebook. */
  show(what: MimeBundle | Row[], opts: TableOptions = {}): void {
    checkOptions('show', opts, TABLE_KEYS);
    this.sink(Array.isArray(what) ? tableBundle(what, opts) : what);
  }

  // Showing methods resolve to nothing: tslab prints a cell's last value, which would repeat the table as text.
  // The data behind each view comes from the matching data method (rows, snapshot, questHistory, chartSpec).

  /** Tagged template: runs the query with every `${value}` bound as a parameter; returns the rows without showing. */
  rows = async <T = Row>(strings: TemplateStringsArray, ...values: SqlValue[]): Promise<T[]> => {
    const { sql, params } = bindTemplate(strings, values);
    return queryRows<T>(this.db, sql, params);
  };

  /**
   * Tagged template like `rows`; shows the first 50 rows as a table and how many there are in all. The result is
   * streamed, never held whole: `SELECT * FROM events` on a large database is safe. `rows` or the exports get all.
   */
  sql = async (strings: TemplateStringsArray, ...values: SqlValue[]): Promise<void> => {
    const { sql, params } = bindTemplate(strings, values);
    const head = await queryHead(this.db, sql, params, SHOWN_ROWS);
    this.show(head.rows, { limit: SHOWN_ROWS, total: head.total, columns: head.columns });
  };

  /**
   * Exports a query's result for other tools, written by DuckDB (rows never pass through the notebook):
   * `await ql.toCSV('out/quests.csv')\`SELECT * FROM snapshots WHERE quest_id = ${id}\``. Resolves to the path and
   * the number of rows written.
   */
  toCSV = (file: string) => this.exporter(file, 'csv');

  /** Like `toCSV`, as Parquet (typed columns; pandas, polars, Arrow and DuckDB read it directly). */
  toParquet = (file: string) => this.exporter(file, 'parquet');

  /**
   * Tagged template like `rows`: the result as an Apache Arrow table, typed from DuckDB's columns (BIGINT as Int64,
   * DATE, TIMESTAMP in milliseconds, doubles, text), for Arrow tools in the notebook. A large result goes to toParquet.
   */
  toArrow = async (strings: TemplateStringsArray, ...values: SqlValue[]): Promise<Table> => {
    const { sql, params } = bindTemplate(strings, values);
    return queryArrow(this.db, sql, params);
  };

  private exporter(file: string, format: ExportFormat) {
    return async (strings: TemplateStringsArray, ...values: SqlValue[]): Promise<{ path: string; rows: number }> => {
      const { sql, params } = bindTemplate(strings, values);
      return exportQuery(this.db, file, format, sql, params);
    };
  }

  /** The stored snapshot for `date` (default latest). */
  snapshot(date?: string): Promise<Snapshot> {
    return getSnapshot(this.db, date);
  }

  /** Snapshot dates stored, oldest first. */
  async snapshotDates(): Promise<string[]> {
    const rows = await this.db.all<{ d: string }>(sqlFile('snapshot/dates'));
    return rows.map((r) => r.d);
  }

  /**
   * One quest's figures (or every quest's) in every stored snapshot, by quest then date. A quest no snapshot has is an
   * error naming the ids nearest to it, not an empty list a chart would draw as nothing.
   */
  async questHistory(questId?: string): Promise<QuestStats[]> {
    const rows = await getHistory(this.db, questId);
    if (questId !== undefined && rows.length === 0) {
      throw await unknownQuestIn(this.db, msg.noQuestHistory(questId), questId);
    }
    return rows;
  }

  /**
   * Shows the per-quest table of the snapshot for `date` (default latest); with `{ by }` each quest per value of that
   * dimension (build, platform, cohort), rates with their 95% intervals. Every row unless `minPlayers` asks for the
   * published privacy floor; the first 100 shown unless `limit` says otherwise.
   */
  async stats(opts?: string | (Omit<SegmentQueryOptions, 'by'> & { by?: string; limit?: number })): Promise<void> {
    const o = typeof opts === 'string' ? { date: opts } : (opts ?? {});
    checkOptions('stats', o, STATS_KEYS);
    // A notebook cell holds a readable table, not 2,000 rows: the count line says where the rest are.
    const limit = o.limit ?? STATS_ROWS;
    // slice() would read -1 as "all but the last" and 2.5 as 2.
    if (!Number.isInteger(limit) || limit < 1) throw new UserError(msg.badLimit('stats', String(o.limit)));
    if (o.by !== undefined) {
      const rows = await segmentRows(this.db, { ...o, by: o.by });
      const date = rows[0]?.snapshot_date ?? o.date ?? '';
      const rest = msg.segmentsRest;
      this.show(segmentTable(rows, o.by), { caption: `Snapshot ${date} by ${o.by}`, limit, rest });
      return;
    }
    const snap = await getSnapshot(this.db, o.date);
    const m = snap.meta;
    const caption = msg.statsCaption(m.snapshot_date, m.players, m.events, m.data_through);
    this.show(statsRows(snap.quests), { caption, limit, rest: msg.statsRest });
  }

  /** Figures per quest and value of a dimension (each quest's overall row first), to analyse further. */
  async segments(opts: SegmentQueryOptions): Promise<SegmentRow[]> {
    checkOptions('segments', opts, SEGMENT_KEYS);
    return segmentRows(this.db, opts);
  }

  /** Shows one quest's figures in every stored snapshot, oldest first. */
  async history(questId: string): Promise<void> {
    const rows = await this.questHistory(questId);
    const shown = rows.map((q) => ({ date: q.snapshot_date, ...statsRows([q])[0] }));
    this.show(shown, { limit: 1000, caption: `${rows[0]?.name ?? questId}: history` });
  }

  /** Shows how well the logs and the catalogue agree. */
  async coverage(date?: string): Promise<void> {
    this.show(coverageRows(await getCoverage(this.db, date)));
  }

  /** The vega-lite spec of a built-in chart, to adapt and pass back to `chart()`. */
  async chartSpec(kind: ChartKind, opts: ChartOptions = {}): Promise<VegaLiteSpec> {
    checkOptions('chartSpec', opts, CHART_KEYS);
    return (await buildChart(this.db, kind, opts)).spec;
  }

  /**
   * Shows a chart: a built-in kind over the stored statistics ('buckets', 'completion', 'times', 'trend'; per quest
   * 'status', 'funnel', 'histogram', 'survival', 'trend', and with `by` 'segments'; per chain 'chain'), or any vega-lite
   * spec with inline data. One output carries the
   * interactive vega-lite spec (JupyterLab) and the same chart as inline SVG (nbconvert, GitHub, classic Notebook).
   */
  async chart(what: ChartKind | VegaLiteSpec, opts: ChartOptions = {}): Promise<void> {
    checkOptions('chart', opts, CHART_KEYS);
    const built = typeof what === 'string' ? await buildChart(this.db, what, opts) : undefined;
    const spec: VegaLiteSpec = built ? built.spec : (what as VegaLiteSpec);
    const title = opts.title ?? built?.title ?? (typeof spec.title === 'string' ? spec.title : 'Chart');
    this.sink(await chartBundle(spec, title, built?.description));
  }

  close(): void {
    this.db.close();
  }
}

/** Opens the questlog database for analysis, read-only by default (see `defaultDatabase` for which file). */
export async function open(path?: string, opts: NotebookOpenOptions = {}): Promise<Questlog> {
  checkOptions('open', opts, OPEN_KEYS);
  const file = path ?? defaultDatabase();
  const db = await Db.open(file, { readOnly: opts.readOnly ?? true });
  return new Questlog(db, opts.display ?? kernelSink() ?? (() => {}));
}
