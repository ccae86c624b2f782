// Publishes the static site (HTML report + JSON API) for one snapshot, built aside and swapped in by rename.
import {
  closeSync,
  constants,
  cpSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve, sep } from 'node:path';
import {
  API_DIR,
  fileIdOf,
  fileIds,
  historyByQuest,
  historyDocument,
  questDocument,
  questPaths,
  questsIndex,
  type SiteData,
  snapshotDocument,
  stableJson,
} from './api.js';
import {
  type Chart,
  ChartRenderer,
  durationOverview,
  histogramChart,
  questHistoryChart,
  questStatusChart,
  type SvgRenderer,
  statusOverview,
  trendOverview,
} from './charts.js';
import type { Config } from './config.js';
import { configPath } from './config.js';
import { Db, packageRoot } from './db.js';
import { type Effects, nowOf, timed } from './effects.js';
import { InternalError, UserError } from './errors.js';
import { migrate } from './model.js';
import { type RenderedChart, renderIndex, renderQuest, TEMPLATES_DIR, withTextAlternative } from './report.js';
import { getCompletionHistogram, getCoverage, getHistory, getSnapshot, type HistogramBin } from './stats.js';
import { questChartSvg } from './svg-charts.js';

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
  const [coverage, history, histogram] = [
    await getCoverage(db, date),
    (await getHistory(db)).filter((r) => r.snapshot_date <= date),
    await getCompletionHistogram(db, date, opts.bins),
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
  const [data, ms] = await timed(() => loadSiteData(db, opts, effects));
  effects.log(
    `publish: snapshot ${data.snapshot.meta.snapshot_date}, ${data.snapshot.quests.length} quests loaded in ${ms} ms`,
  );
  return writeSite(data, opts, effects);
}

/** Writes the whole site into a temp folder beside `out`, then swaps it in. */
export async function writeSite(data: SiteData, opts: PublishOptions, effects: Effects): Promise<PublishSummary> {
  const t0 = performance.now();
  const out = resolve(opts.out);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  recoverSite(out);
  guardOut(out);
  const tmp = buildDir(out);
  // vega draws only the index's few charts (quest pages get svg-charts' drawings), in this thread.
  const renderer = new ChartRenderer();
  let files = 0;
  const dirs = new Set<string>();
  const written = new Set<string>();
  const write = async (rel: string, content: string | Buffer) => {
    const path = resolve(tmp, rel);
    // File ids are escaped, so this never triggers; it is the last line of defence against writing outside.
    if (!path.startsWith(tmp + sep)) throw new InternalError(`refusing to write outside the site: ${rel}`);
    const dir = dirname(path);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    overwrite(path, content);
    written.add(path);
    files++;
    if (opts.pauseAt === files) await pauseForever(effects, `paused after ${files} files`);
  };
  try {
    await writeAssets(write);
    await writeApiIndexes(data, write);
    await writePages(data, renderer, write, effects);
    if (existsSync(join(out, '.gitkeep'))) await write('.gitkeep', '');
    prune(tmp, written);
    // Awaited last: the nightly renders its notebook reports while the pages are written.
    carryOver(out, tmp, (await opts.include) ?? {});
    await swap(out, tmp, opts.pauseAt === 'swap' ? effects : undefined);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    await renderer.close();
  }
  const ms = Math.round(performance.now() - t0);
  const summary = {
    out,
    snapshotDate: data.snapshot.meta.snapshot_date,
    quests: data.snapshot.quests.length,
    files,
    ms,
  };
  effects.log(`publish: ${files} files for ${summary.quests} quests written to ${out} in ${ms} ms`);
  effects.log(`  report: ${join(out, 'index.html')}`);
  effects.log(`  api:    ${join(out, API_DIR, 'snapshot.json')}`);
  return summary;
}

type Write = (rel: string, content: string | Buffer) => Promise<void>;

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

const oldOf = (out: string) => join(dirname(out), `.${basename(out)}.old`);

/**
 * Where the new site is built: the site before the previous one (`.old`) when there is one, else a new folder.
 * Creating 30,000 files and unlinking as many each night cost ~5 s here (up to 12 s on a busy disk); rewriting the
 * same files in place ~1 s. `.old` is never served, and the previous site takes its place at the swap.
 */
function buildDir(out: string): string {
  const old = oldOf(out);
  const tmp = mkdtempSync(join(dirname(out), `.${basename(out)}.new-${process.pid}-`));
  if (existsSync(old)) {
    rmSync(tmp, { recursive: true });
    renameSync(old, tmp);
  }
  return tmp;
}

/**
 * Replaces a file's bytes: in place when it exists (its blocks stay allocated), else as a new file. Synchronous: a
 * write into the page cache takes microseconds, less than a promise round trip through the thread pool.
 */
function overwrite(path: string, content: string | Buffer): void {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  let fd: number;
  try {
    // Never through a symlink: whatever the recycled folder holds, the bytes land inside the site.
    fd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ELOOP') rmSync(path, { recursive: true });
    else if (code !== 'ENOENT') throw err;
    fd = openSync(path, 'wx');
  }
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
    ftruncateSync(fd, bytes.length);
  } finally {
    closeSync(fd);
  }
}

/** Removes whatever a recycled build folder holds that this publish did not write (e.g. a quest gone since). */
function prune(dir: string, written: Set<string>): void {
  const keep = new Set<string>();
  for (const path of written) {
    for (let d = dirname(path); d.startsWith(dir + sep) && !keep.has(d); d = dirname(d)) keep.add(d);
  }
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory() && keep.has(path)) walk(path);
      else if (!written.has(path)) rmSync(path, { recursive: true, force: true });
    }
  };
  walk(dir);
}

/**
 * out -> .old, new -> out. Between the two renames `out` is briefly missing; a crash exactly there leaves the
 * complete previous site in `.old`, which `recoverSite` puts back before anything else touches the folder.
 */
async function swap(out: string, tmp: string, pauseEffects?: Effects): Promise<void> {
  if (existsSync(out)) renameSync(out, oldOf(out));
  if (pauseEffects) await pauseForever(pauseEffects, 'paused between renames');
  renameSync(tmp, out);
}

/** Undoes what a killed publish left behind: restores `.old` if `out` is missing, drops dead temp folders. */
export function recoverSite(out: string): void {
  const old = oldOf(out);
  if (!existsSync(out) && existsSync(old)) renameSync(old, out);
  const prefix = `.${basename(out)}.new-`;
  for (const name of readdirSync(dirname(out))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!alive(pid)) rmSync(join(dirname(out), name), { recursive: true, force: true });
  }
}

export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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
  const schemas = join(packageRoot, 'src/schemas');
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
  await write(`${API_DIR}/snapshot.json`, stableJson(snapshotDocument(data, ids)));
  await write(`${API_DIR}/quests.json`, stableJson(questsIndex(data, ids)));
}

/** Draws a page's charts, in order: vega for the index, the static drawings of svg-charts for quest pages. */
type Draw = (charts: Chart[]) => Promise<string[]> | string[];

const withVega =
  (renderer: SvgRenderer): Draw =>
  (charts) =>
    renderer.svgs(charts.map((c) => ({ spec: c.spec, idPrefix: `${c.key}-clip` })));

const drawQuestCharts: Draw = (charts) => charts.map(questChartSvg);

async function renderCharts(
  charts: Chart[],
  draw: Draw,
  write: Write,
  pageBase: string,
  layout: { open?: string[]; wide?: string[] } = {},
): Promise<RenderedChart[]> {
  const svgs = await draw(charts);
  const out: RenderedChart[] = [];
  for (const [i, chart] of charts.entries()) {
    const specFile = `${basename(pageBase)}.${chart.key}.vl.json`;
    const specJson = stableJson(chart.spec);
    await write(`${pageBase}.${chart.key}.vl.json`, specJson);
    const svg = withTextAlternative(svgs[i] as string, chart.title, chart.description);
    out.push({
      ...chart,
      svg,
      specJson,
      specFile,
      open: layout.open?.includes(chart.key) ?? false,
      wide: layout.wide?.includes(chart.key) ?? false,
    });
  }
  return out;
}

async function writePages(data: SiteData, renderer: SvgRenderer, write: Write, effects: Effects): Promise<void> {
  const { quests } = data.snapshot;
  const ids = fileIds(quests.map((q) => q.quest_id));
  const history = historyByQuest(data.history);
  const bins = new Map<string, HistogramBin[]>();
  for (const b of data.histogram) bins.set(b.quest_id, [...(bins.get(b.quest_id) ?? []), b]);

  const overview = [statusOverview(quests)];
  if (quests.some((q) => q.median_seconds !== null)) overview.push(durationOverview(quests));
  if (data.history.length > 0) overview.push(trendOverview(data.history));
  const totals = {
    completions: quests.reduce((n, q) => n + q.completed, 0),
    anomalies: quests.reduce((n, q) => n + q.anomalies, 0),
  };
  const rows = quests.map((q) => ({ q, fileId: fileIdOf(ids, q.quest_id) }));
  // Charts are requested in page order (index first), whatever finishes first: a renderer's bytes depend on it.
  const index = renderCharts(overview, withVega(renderer), write, 'index', {
    wide: ['status', 'durations', 'trend'],
  }).then((charts) => write('index.html', renderIndex(data, { quests: rows, charts, totals })));

  let done = 0;
  // One page at a time: the writes are synchronous, so pages in flight would only hold more memory.
  const pages = (async () => {
    for (const { q, fileId } of rows) {
      const rowsOfQuest = history.get(q.quest_id) ?? [q];
      const questCharts = [questStatusChart(q)];
      const questBins = bins.get(q.quest_id) ?? [];
      if (questBins.some((b) => b.players > 0)) questCharts.push(histogramChart(questBins));
      questCharts.push(questHistoryChart(rowsOfQuest));
      const rendering = renderCharts(questCharts, drawQuestCharts, write, `quests/${fileId}`, {
        open: ['history'],
        wide: ['history'],
      });
      const paths = questPaths(fileId);
      await write(paths.json, stableJson(questDocument(data, q, fileId)));
      await write(paths.history, stableJson(historyDocument(data, q, rowsOfQuest, fileId)));
      const rendered = await rendering;
      await write(paths.html, renderQuest(data, { quest: q, fileId, history: rowsOfQuest, charts: rendered }));
      effects.progress?.('publish', ++done, rows.length);
    }
  })();
  await settleAll([index, pages]);
}

/** Like Promise.all, but only once every promise is done: nothing may still write while a failed site is removed. */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
