// Publishes the static site (HTML report + JSON API) for one snapshot, built aside and swapped in by rename.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { configPath } from '../config.js';
import { type Effects, nowOf, timed } from '../domain/effects.js';
import { InternalError, UserError } from '../domain/errors.js';
import type { QuestStats } from '../domain/types.js';
import { Db } from '../engine/db.js';
import { migrate } from '../engine/migrate.js';
import {
  getCompletionHistogram,
  getCoverage,
  getHistoryMonth,
  getHistoryMonths,
  getHistoryWindow,
  getQuestMonths,
  getSnapshot,
} from '../engine/read.js';
import { packageRoot } from '../root.js';
import {
  API_DIR,
  fileIdOf,
  fileIds,
  questDocument,
  questPaths,
  questsIndexPages,
  type SiteData,
  snapshotDocument,
  stableJson,
} from './api.js';
import { apiPageModel, OPENAPI, openApiDocument } from './api-docs.js';
import { headlines, largestDropOff, lowestConversion, slowest } from './attention.js';
import {
  type Chart,
  ChartRenderer,
  durationOverview,
  type SvgRenderer,
  statusOverview,
  trendOverview,
} from './charts.js';
import { Compressor, compressible, ENCODINGS } from './compress.js';
import { HISTORY_WINDOW, type MonthSource, monthsFromHistory, windowOf, writeHistoryMonths } from './history-files.js';
import { MANIFEST, Manifest } from './manifest.js';
import { type Draw, questPages, renderCharts, type Write, writeQuestPage } from './quest-pages.js';
import { type Pager, TABLE_DATA, tableData, tablePages } from './quest-table.js';
import { chainsOf, renderApi, renderIndex, renderList, TEMPLATES_DIR } from './report.js';
import { buildDir, prune, recoverSite, SiteFiles, swap } from './site-files.js';

export { alive, recoverSite } from './site-files.js';

export const DEFAULT_OUT = 'reports';
export const DEFAULT_TITLE = 'Quest statistics';

export interface PublishOptions {
  /** Output folder, replaced as a whole. */
  out: string;
  /** Snapshot date 'YYYY-MM-DD'; default the latest stored. */
  asOf?: string;
  title?: string;
  /** Histogram bins per quest. */
  bins?: number;
  /** Folders moved into the new site before the swap, by name (e.g. notebooks rendered by the nightly). */
  include?: Record<string, string> | Promise<Record<string, string>>;
  /** Test hook: stop (forever) after writing this many files, or between the two renames of the swap. */
  pauseAt?: number | 'swap';
}

export interface PublishSummary {
  out: string;
  snapshotDate: string;
  quests: number;
  files: number;
  ms: number;
}

/** Everything the site needs, read from the database in a handful of queries. */
export async function loadSiteData(db: Db, opts: { asOf?: string; title?: string; bins?: number }, effects: Effects) {
  const snapshot = await getSnapshot(db, opts.asOf);
  const date = snapshot.meta.snapshot_date;
  const [coverage, history, histogram, months, questMonths] = [
    await getCoverage(db, date),
    await getHistoryWindow(db, date, HISTORY_WINDOW),
    await getCompletionHistogram(db, date, opts.bins),
    await getHistoryMonths(db, date),
    await getQuestMonths(db, date),
  ];
  const data: SiteData = {
    title: opts.title ?? DEFAULT_TITLE,
    generatedAt: nowOf(effects)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    snapshot,
    coverage,
    history,
    histogram,
    // Month files are read one month at a time, and only those the site does not hold yet.
    months: { months, questMonths, load: (month) => getHistoryMonth(db, month, date) },
  };
  return data;
}

/** Opens the database read-only (a publish never changes it) and publishes. */
export async function publishCommand(
  opts: Omit<PublishOptions, 'out'> & { db: string; out?: string; config: Config },
  effects: Effects,
): Promise<PublishSummary> {
  const db = await Db.open(opts.db, { readOnly: true });
  try {
    await migrate(db);
    return await publish(db, { ...opts, out: resolveOut(opts.config, opts.out) }, effects);
  } finally {
    db.close();
  }
}

export function resolveOut(config: Config, out?: string): string {
  if (out) return resolve(out);
  return configPath(config, config.reports?.out ?? DEFAULT_OUT);
}

export async function publish(db: Db, opts: PublishOptions, effects: Effects): Promise<PublishSummary> {
  pending(opts.include);
  // vega's ~0.4 s of module loading runs here while DuckDB answers the queries in its own threads.
  const renderer = new ChartRenderer();
  renderer.warm().catch(() => {});
  try {
    const [data, ms] = await timed(() => loadSiteData(db, opts, effects));
    effects.log(
      `publish: snapshot ${data.snapshot.meta.snapshot_date}, ${data.snapshot.quests.length} quests loaded in ${ms} ms`,
    );
    return await buildSite(data, opts, effects, renderer);
  } finally {
    await renderer.close();
  }
}

/**
 * `include` is awaited only at the swap, seconds after it was handed over: a failure before then (notebook reports)
 * must wait there, not escape as an unhandled rejection (which ends the process).
 */
function pending(include: PublishOptions['include']): Promise<Record<string, string>> {
  const p = Promise.resolve(include ?? {});
  p.catch(() => {});
  return p;
}

/** Writes the whole site into a temp folder beside `out`, then swaps it in. */
export async function writeSite(data: SiteData, opts: PublishOptions, effects: Effects): Promise<PublishSummary> {
  const renderer = new ChartRenderer();
  try {
    return await buildSite(data, opts, effects, renderer);
  } finally {
    await renderer.close();
  }
}

async function buildSite(
  data: SiteData,
  opts: PublishOptions,
  effects: Effects,
  // vega draws only the index's few charts (quest pages get svg-charts' drawings), in this thread.
  renderer: SvgRenderer,
): Promise<PublishSummary> {
  const t0 = performance.now();
  const out = resolve(opts.out);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  recoverSite(out);
  guardOut(out);
  const include = pending(opts.include);
  const tmp = buildDir(out);
  const site = new SiteFiles(tmp);
  let files = 0;
  const manifest = new Manifest();
  const gz = new Compressor((rel, content) => site.write(rel, content));
  const write = async (rel: string, content: string | Buffer) => {
    site.write(rel, content);
    files++;
    manifest.add(rel, content);
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (compressible(rel, bytes)) await gz.add(rel, content);
    if (opts.pauseAt === files) await pauseForever(effects, `paused after ${files} files`);
  };
  // A kept file keeps its compressed copies (a file too small for them has none: keeping a missing path is harmless).
  const keep = (rel: string) => {
    site.keep(rel);
    for (const ext of ENCODINGS) site.keep(`${rel}${ext}`);
  };
  try {
    await writeAssets(write);
    await writeApiIndexes(data, write);
    const source = data.months ?? monthsFromHistory(data.history);
    const months = await writeHistoryMonths(data, fileIds(data.snapshot.quests.map((q) => q.quest_id)), source, tmp, {
      write,
      keep,
    });
    effects.log(`publish: history month files: ${months.written} written, ${months.kept} kept`);
    await writePages(data, source, renderer, write, effects);
    if (existsSync(join(out, '.gitkeep'))) await write('.gitkeep', '');
    // Last: it lists every API file written above.
    await write(MANIFEST, manifest.json(data));
    await gz.drain();
    prune(tmp, site.written);
    // Awaited last: the nightly renders its notebook reports while the pages are written.
    carryOver(out, tmp, await include);
    const between = opts.pauseAt === 'swap' ? () => pauseForever(effects, 'paused between renames') : undefined;
    await swap(out, tmp, between);
  } catch (err) {
    // Nothing may still write into the folder being removed.
    await gz.drain().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const ms = Math.round(performance.now() - t0);
  const summary = {
    out,
    snapshotDate: data.snapshot.meta.snapshot_date,
    quests: data.snapshot.quests.length,
    files: files + gz.count,
    ms,
  };
  effects.log(
    `publish: ${files} files (+ ${gz.count} gzip copies) for ${summary.quests} quests written to ${out} in ${ms} ms`,
  );
  effects.log(`  report: ${join(out, 'index.html')}`);
  effects.log(`  api:    ${join(out, API_DIR, 'snapshot.json')}`);
  return summary;
}

/** Folders other commands put inside the site (notebook reports); a publish keeps them. */
export const FOREIGN_DIRS = ['notebooks'];

/** New content for a foreign folder is moved in; otherwise the previous site's copy is kept (copied, never moved). */
function carryOver(out: string, tmp: string, include: Record<string, string>): void {
  for (const [name, dir] of Object.entries(include)) renameSync(dir, join(tmp, name));
  for (const name of FOREIGN_DIRS) {
    if (name in include || !existsSync(join(out, name))) continue;
    cpSync(join(out, name), join(tmp, name), { recursive: true });
  }
}

/** `--out .` must not wipe a project: only an empty folder or a previous site may be replaced. */
function guardOut(out: string): void {
  if (!existsSync(out)) return;
  const entries = readdirSync(out).filter((e) => e !== '.gitkeep');
  if (entries.length === 0 || existsSync(join(out, API_DIR, 'snapshot.json'))) return;
  throw new UserError(`${out} is not empty and holds no questlog site; refusing to replace it`, {
    hint: 'choose an empty or new folder with --out',
  });
}

async function pauseForever(effects: Effects, what: string): Promise<never> {
  effects.log(`publish: ${what} (test hook)`);
  return new Promise<never>(() => setInterval(() => {}, 60_000));
}

const require = createRequire(import.meta.url);
const packageBuild = (pkg: string) => dirname(require.resolve(pkg));

async function writeAssets(write: Write): Promise<void> {
  const assets = join(TEMPLATES_DIR, 'assets');
  for (const f of readdirSync(assets).sort()) await write(`assets/${f}`, readFileSync(join(assets, f)));
  await write('assets/vega.min.js', readFileSync(join(packageBuild('vega'), 'vega.min.js')));
  await write('assets/vega-lite.min.js', readFileSync(join(packageBuild('vega-lite'), 'vega-lite.min.js')));
  await write('assets/vega-embed.min.js', readFileSync(join(packageBuild('vega-embed'), 'vega-embed.min.js')));
  await write('assets/vega-interpreter.js', interpreterScript());
  const schemas = join(packageRoot, 'src/publish/schemas');
  for (const f of readdirSync(schemas)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    await write(`${API_DIR}/schema/${f}`, readFileSync(join(schemas, f)));
  }
}

/**
 * vega-interpreter ships only as an ES module, which browsers refuse to load from file://. Its one import is a few
 * vega-util functions that the vega bundle exposes globally, so it becomes a classic script by swapping two lines.
 */
export function interpreterScript(): string {
  const src = readFileSync(join(packageBuild('vega-interpreter'), 'vega-interpreter.js'), 'utf8');
  const imp = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';";
  const exp = 'export { expression as expressionInterpreter };';
  if (!src.includes(imp) || !src.includes(exp)) {
    throw new InternalError('vega-interpreter changed shape; update interpreterScript()');
  }
  const body = src
    .replace(imp, 'const { ascending, isString, DisallowedObjectProperties } = window.vega;')
    .replace(exp, 'window.vegaInterpreter = { expressionInterpreter: expression };')
    .replace(/\/\/# sourceMappingURL=.*$/m, '');
  return `// vega-interpreter (BSD-3-Clause), wrapped as a classic script by questlog.\n(function () {\n${body}\n})();\n`;
}

/** The API's two whole-site documents; each quest's own are written beside its page (see writePages). */
async function writeApiIndexes(data: SiteData, write: Write): Promise<void> {
  const ids = fileIds(data.snapshot.quests.map((q) => q.quest_id));
  await write(OPENAPI, stableJson(openApiDocument(data.title)));
  const first = data.snapshot.quests[0];
  const example = first
    ? {
        path: questPaths(fileIdOf(ids, first.quest_id)).json,
        json: stableJson(questDocument(data, first, fileIdOf(ids, first.quest_id))),
      }
    : { path: `${API_DIR}/snapshot.json`, json: stableJson(snapshotDocument(data, ids)) };
  await write('api.html', renderApi(data, apiPageModel(example)));
  await write(`${API_DIR}/snapshot.json`, stableJson(snapshotDocument(data, ids)));
  for (const page of questsIndexPages(data, ids)) await write(page.path, stableJson(page.doc));
}

const withVega =
  (renderer: SvgRenderer): Draw =>
  (charts) =>
    renderer.svgs(charts.map((c) => ({ spec: c.spec, idPrefix: `${c.key}-clip` })));

/** The index and every quest page, in this thread (workers measured no faster: the pages' cost is the file system). */
async function writePages(
  data: SiteData,
  source: MonthSource,
  renderer: SvgRenderer,
  write: Write,
  effects: Effects,
): Promise<void> {
  const { quests } = data.snapshot;
  const overview = attentionCharts(quests);
  const recent = windowOf(data.history);
  if (recent.length > 0) overview.push(trendOverview(recent));
  const cards = headlines(data.snapshot.meta.snapshot_date, data.snapshot.meta.players, quests, recent);
  const totals = {
    completions: quests.reduce((n, q) => n + q.completed, 0),
    anomalies: quests.reduce((n, q) => n + q.anomalies, 0),
  };
  const pages = questPages(data, source);
  const table = tablePages(pages);
  const first = table[0] as (typeof table)[number];
  const index = renderCharts(overview, withVega(renderer), write, 'index', {
    wide: overview.map((c) => c.key),
  }).then((charts) => write('index.html', renderIndex(data, { quests: pages, page: first, charts, totals, cards })));
  const chains = chainsOf(pages);
  for (const page of table.slice(1))
    await write(page.path, renderList(data, { rows: page.rows, pager: page.pager as Pager }, chains));
  await write(TABLE_DATA, stableJson(tableData(pages)));
  const quest = (async () => {
    for (const [i, page] of pages.entries()) {
      await writeQuestPage(data, page, write);
      effects.progress?.('publish', i + 1, pages.length);
    }
  })();
  await settleAll([index, quest]);
}

/** The index's charts: the quests that need attention, not the first ones in catalogue order. */
function attentionCharts(quests: readonly QuestStats[]): Chart[] {
  const charts: Chart[] = [];
  const low = lowestConversion(quests);
  if (low.length > 0) {
    charts.push(
      statusOverview(low, {
        key: 'status',
        title: `Lowest completion: the ${low.length} quests the fewest of whose players complete them`,
        description: 'Players per quest by status, lowest conversion (completed / players who met the quest) first',
      }),
    );
  }
  const drop = largestDropOff(quests);
  if (drop.length > 0) {
    charts.push(
      statusOverview(drop, {
        key: 'dropoff',
        title: `Largest drop-off: the ${drop.length} quests that lose the largest share of the players who met them`,
        description: 'Players per quest by status, the largest share declined, abandoned or failed first',
      }),
    );
  }
  const slow = slowest(quests);
  if (slow.length > 0)
    charts.push(durationOverview(slow, `Slowest: the ${slow.length} quests with the longest median completion time`));
  return charts;
}

/** Like Promise.all, but only once every promise is done: nothing may still write while a failed site is removed. */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
