// The analyst's one-import API for Jupyter (tslab): `const ql = await open();` then `ql.sql`...``, `ql.stats()`,
// `ql.chart('buckets')`. Loaded by tslab through require(), so no top-level await here or in anything it imports.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configPath, loadConfig } from './config.js';
import { sqlTimestamp } from './domain/dates.js';
import { UserError } from './domain/errors.js';
import { notebookMessages } from './domain/messages.js';
import type { Coverage, QuestStats, SegmentRow, Snapshot } from './domain/types.js';
import { Db, DEFAULT_DB, type Params, type Row } from './engine/db.js';
import { getCoverage, getHistory, getSnapshot } from './engine/read.js';
import { readCopyPath } from './engine/readcopy.js';
import { buildChart, type ChartKind, renderSvg, type VegaLiteSpec } from './notebook/charts.js';
import {
  escapeHtml,
  formatDuration,
  formatInterval,
  formatPercent,
  kernelSink,
  type MimeBundle,
  type Sink,
  type TableOptions,
  tableBundle,
  VEGALITE_MIME,
} from './notebook/display.js';
import { type SegmentQueryOptions, segmentRows, segmentTable } from './notebook/segments.js';

export type { Coverage, QuestStats, SegmentRow, Snapshot } from './domain/types.js';
export type { ChartKind, VegaLiteSpec } from './notebook/charts.js';
export {
  escapeHtml,
  formatDuration,
  formatInterval,
  formatPercent,
  type MimeBundle,
  tableHtml,
} from './notebook/display.js';
export { worstFirst } from './publish/rates.js';

export interface NotebookOpenOptions {
  /** Default true: a notebook never writes, so it never competes with the nightly for the write lock. */
  readOnly?: boolean;
  /** Where rich outputs go; default the running tslab kernel (none outside Jupyter). Tests pass a recorder. */
  display?: Sink;
}

export interface ChartOptions {
  /** Snapshot date 'YYYY-MM-DD' (default latest). */
  date?: string;
  /** The quest for 'funnel', 'histogram' and 'segments'; a filter for 'trend'. */
  quest?: string;
  /** The dimension for 'segments': build, platform or cohort. */
  by?: string;
  title?: string;
}

type SqlValue = string | number | boolean | bigint | null | Date;

function findConfigDir(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'questlog.config.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Which file `open()` reads: $QUESTLOG_DB (set by `questlog notebook run --db`), else the "db" of the nearest
 * questlog.config.json above the notebook's folder, else data/questlog.duckdb; its published read copy when there is one.
 */
export function defaultDatabase(cwd: string = process.cwd()): string {
  let db: string;
  if (process.env.QUESTLOG_DB) db = resolve(process.env.QUESTLOG_DB);
  else {
    const root = findConfigDir(cwd);
    const config = root ? loadConfig(root) : undefined;
    db = config ? configPath(config, config.db ?? DEFAULT_DB) : resolve(cwd, DEFAULT_DB);
  }
  const copy = readCopyPath(db);
  if (existsSync(copy)) return copy;
  if (existsSync(db)) return db;
  throw new UserError(notebookMessages.noDatabase(db, copy), { hint: notebookMessages.noDatabaseHint });
}

/** Turns a tagged template into SQL with `$p0..$pN` placeholders: values are always bound, never pasted. */
export function bindTemplate(strings: readonly string[], values: readonly SqlValue[]): { sql: string; params: Params } {
  const params: Params = {};
  let sql = strings[0] ?? '';
  values.forEach((value, i) => {
    if (value === undefined) throw new UserError(notebookMessages.undefinedValue(i));
    params[`p${i}`] = value instanceof Date ? sqlTimestamp(value) : value;
    sql += `$p${i}${strings[i + 1] ?? ''}`;
  });
  return { sql, params };
}

/** Per-quest figures as shown by `stats()`: readable rates and durations, counts as they are. */
export function statsRows(quests: QuestStats[]): Row[] {
  return quests.map((q) => ({
    quest: q.quest_id,
    name: q.name,
    players: q.players,
    accepted: q.accepted,
    declined: q.declined,
    completed: q.completed,
    abandoned: q.abandoned,
    failed: q.failed,
    not_encountered: q.not_encountered,
    // Reach: met / players; conversion: completed / met (what ranks quests), with its 95% interval.
    reach: formatPercent(q.reach_rate),
    conversion: formatPercent(q.conversion_rate),
    conversion_95: formatInterval(q.conversion_rate_low, q.conversion_rate_high),
    completion: formatPercent(q.completion_rate),
    mean: formatDuration(q.mean_seconds),
    median: formatDuration(q.median_seconds),
    p90: formatDuration(q.p90_seconds),
  }));
}

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
    this.sink(Array.isArray(what) ? tableBundle(what, opts) : what);
  }

  // Showing methods resolve to nothing: tslab prints a cell's last value, which would repeat the table as text.
  // The data behind each view comes from the matching data method (rows, snapshot, questHistory, chartSpec).

  /** Tagged template: runs the query with every `${value}` bound as a parameter; returns the rows without showing. */
  rows = async <T = Row>(strings: TemplateStringsArray, ...values: SqlValue[]): Promise<T[]> => {
    const { sql, params } = bindTemplate(strings, values);
    return this.db.all<T>(sql, params);
  };

  /** Tagged template like `rows`; shows the result as a table. */
  sql = async (strings: TemplateStringsArray, ...values: SqlValue[]): Promise<void> => {
    this.show(await this.rows<Row>(strings, ...values));
  };

  /** The stored snapshot for `date` (default latest). */
  snapshot(date?: string): Promise<Snapshot> {
    return getSnapshot(this.db, date);
  }

  /** Snapshot dates stored, oldest first. */
  async snapshotDates(): Promise<string[]> {
    const rows = await this.db.all<{ d: string }>(
      "SELECT strftime(snapshot_date, '%Y-%m-%d') AS d FROM snapshot_runs ORDER BY snapshot_date",
    );
    return rows.map((r) => r.d);
  }

  /** One quest's figures (or every quest's) in every stored snapshot, by quest then date. */
  questHistory(questId?: string): Promise<QuestStats[]> {
    return getHistory(this.db, questId);
  }

  /**
   * Shows the per-quest table of the snapshot for `date` (default latest); with `{ by }` each quest per value of that
   * dimension (build, platform, cohort), rates with their 95% intervals. Every row unless `minPlayers` asks for the
   * published privacy floor.
   */
  async stats(opts?: string | (Omit<SegmentQueryOptions, 'by'> & { by?: string })): Promise<void> {
    const o = typeof opts === 'string' ? { date: opts } : (opts ?? {});
    if (o.by !== undefined) {
      const rows = await segmentRows(this.db, { ...o, by: o.by });
      const date = rows[0]?.snapshot_date ?? o.date ?? '';
      this.show(segmentTable(rows), { caption: `Snapshot ${date} by ${o.by}`, limit: 5000 });
      return;
    }
    const snap = await getSnapshot(this.db, o.date);
    const m = snap.meta;
    const caption = `Snapshot ${m.snapshot_date}: ${m.players} players, ${m.events} events, data through ${m.data_through ?? '-'}`;
    this.show(statsRows(snap.quests), { caption, limit: 1000 });
  }

  /** Figures per quest and value of a dimension (each quest's overall row first), to analyse further. */
  segments(opts: SegmentQueryOptions): Promise<SegmentRow[]> {
    return segmentRows(this.db, opts);
  }

  /** Shows one quest's figures in every stored snapshot, oldest first. */
  async history(questId: string): Promise<void> {
    const rows = await getHistory(this.db, questId);
    if (rows.length === 0) throw new UserError(notebookMessages.noQuestHistory(questId));
    const shown = rows.map((q) => ({ date: q.snapshot_date, ...statsRows([q])[0] }));
    this.show(shown, { limit: 1000, caption: `${rows[0]?.name ?? questId}: history` });
  }

  /** Shows how well the logs and the catalogue agree. */
  async coverage(date?: string): Promise<void> {
    const cov: Coverage = await getCoverage(this.db, date);
    this.show([
      {
        check: 'quest ids in the logs, not in the catalogue',
        count: cov.unknown_ids.length,
        ids: cov.unknown_ids.join(', '),
      },
      { check: 'catalogue quests nobody has met', count: cov.never_seen.length, ids: cov.never_seen.join(', ') },
      { check: 'rejected log lines', count: cov.rejected_lines, ids: '' },
    ]);
  }

  /** The vega-lite spec of a built-in chart, to adapt and pass back to `chart()`. */
  async chartSpec(kind: ChartKind, opts: ChartOptions = {}): Promise<VegaLiteSpec> {
    return (await buildChart(this.db, kind, opts)).spec;
  }

  /**
   * Shows a chart: a built-in kind over the stored statistics ('buckets', 'completion', 'times', 'trend'; per quest
   * 'status', 'funnel', 'histogram', 'trend'), or any vega-lite spec with inline data. One output carries the
   * interactive vega-lite spec (JupyterLab) and the same chart as inline SVG (nbconvert, GitHub, classic Notebook).
   */
  async chart(what: ChartKind | VegaLiteSpec, opts: ChartOptions = {}): Promise<void> {
    const built = typeof what === 'string' ? await buildChart(this.db, what, opts) : undefined;
    const spec: VegaLiteSpec = built ? built.spec : (what as VegaLiteSpec);
    const title = opts.title ?? built?.title ?? (typeof spec.title === 'string' ? spec.title : 'Chart');
    const svg = await renderSvg(spec);
    const note = built ? `<p class="ql-note">${escapeHtml(built.description)}</p>` : '';
    this.sink({
      // JupyterLab's renderer bundles vega-lite 5; the specs use nothing newer.
      [VEGALITE_MIME]: { ...spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' },
      'text/html': `<figure class="ql-chart"><figcaption><strong>${escapeHtml(title)}</strong></figcaption>${svg}${note}</figure>`,
      'text/plain': `[chart: ${title}]`,
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Opens the questlog database for analysis, read-only by default (see `defaultDatabase` for which file). */
export async function open(path?: string, opts: NotebookOpenOptions = {}): Promise<Questlog> {
  const file = path ?? defaultDatabase();
  const db = await Db.open(file, { readOnly: opts.readOnly ?? true });
  return new Questlog(db, opts.display ?? kernelSink() ?? (() => {}));
}
