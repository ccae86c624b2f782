// Publishes the static site (HTML report + JSON API) for one snapshot, built aside and swapped in by rename.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { isoSeconds } from '../domain/dates.js';
import { type Effects, nowOf, timed } from '../domain/effects.js';
import { InternalError, UserError } from '../domain/errors.js';
import { publishMessages } from '../domain/messages.js';
import type { Db } from '../engine/db.js';
import { getCompletionHistogram, getCoverage, getHistory, getSnapshot } from '../engine/read.js';
import { packageRoot } from '../root.js';
import { API_DIR, questsIndex, type SiteData, snapshotDocument } from './api.js';
import { ChartRenderer, type SvgRenderer } from './chart-render.js';
import { durationOverview, statusOverview, trendOverview } from './charts.js';
import { fileIds } from './file-ids.js';
import { stableJson } from './json.js';
import { type Draw, questPages, renderCharts, type Write, writeQuestPage } from './quest-pages.js';
import { conversionOverview } from './rates.js';
import { renderIndex, renderSegmentsPage, TEMPLATES_DIR } from './report.js';
import type { SegmentOptions } from './segment-figures.js';
import { floorSite, loadSegments, segmentOptions, writeSegmentApi } from './segments.js';
import { buildDir, prune, recoverSite, SiteFiles, swap } from './site-files.js';

export const DEFAULT_OUT = 'reports';
const DEFAULT_TITLE = 'Quest statistics';

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
  /** Published dimensions and the privacy floor (default: config's, else build, platform, cohort and 5). */
  segments?: SegmentOptions;
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
export async function loadSiteData(
  db: Db,
  opts: { asOf?: string; title?: string; bins?: number; segments?: SegmentOptions },
  effects: Effects,
) {
  const snapshot = await getSnapshot(db, opts.asOf);
  const date = snapshot.meta.snapshot_date;
  const [coverage, history, histogram] = [
    await getCoverage(db, date),
    (await getHistory(db)).filter((r) => r.snapshot_date <= date),
    await getCompletionHistogram(db, date, opts.bins),
  ];
  const data: SiteData = {
    title: opts.title ?? DEFAULT_TITLE,
    generatedAt: isoSeconds(nowOf(effects)),
    snapshot,
    coverage,
    history,
    histogram,
  };
  const seg = opts.segments ?? segmentOptions(undefined);
  return floorSite({ ...data, segments: await loadSegments(db, date, seg) }, seg.minPlayers);
}

export async function publish(db: Db, opts: PublishOptions, effects: Effects): Promise<PublishSummary> {
  pending(opts.include);
  // vega's ~0.4 s of module loading runs here while DuckDB answers the queries in its own threads.
  const renderer = new ChartRenderer();
  renderer.warm().catch(() => {});
  try {
    const [data, ms] = await timed(() => loadSiteData(db, opts, effects));
    effects.log(publishMessages.loaded(data.snapshot.meta.snapshot_date, data.snapshot.quests.length, ms));
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
  const write = async (rel: string, content: string | Buffer) => {
    site.write(rel, content);
    files++;
    if (opts.pauseAt === files) await pauseForever(effects, `paused after ${files} files`);
  };
  try {
    await writeAssets(write);
    await writeApiIndexes(data, write);
    await writePages(data, renderer, write, effects);
    if (existsSync(join(out, '.gitkeep'))) await write('.gitkeep', '');
    prune(tmp, site.written);
    // Awaited last: the nightly renders its notebook reports while the pages are written.
    carryOver(out, tmp, await include);
    const between = opts.pauseAt === 'swap' ? () => pauseForever(effects, 'paused between renames') : undefined;
    await swap(out, tmp, between);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const ms = Math.round(performance.now() - t0);
  const summary = {
    out,
    snapshotDate: data.snapshot.meta.snapshot_date,
    quests: data.snapshot.quests.length,
    files,
    ms,
  };
  effects.log(publishMessages.written(files, summary.quests, out, ms));
  effects.log(publishMessages.report(join(out, 'index.html')));
  effects.log(publishMessages.api(join(out, API_DIR, 'snapshot.json')));
  return summary;
}

/** Folders other commands put inside the site (notebook reports); a publish keeps them. */
const FOREIGN_DIRS = ['notebooks'];

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
  throw new UserError(publishMessages.notASite(out), { cli: ['otherOut'] });
}

async function pauseForever(effects: Effects, what: string): Promise<never> {
  effects.log(publishMessages.testPause(what));
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
function interpreterScript(): string {
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
  if (data.segments) await writeSegmentApi(data, data.segments, write, stableJson);
}

const withVega =
  (renderer: SvgRenderer): Draw =>
  (charts) =>
    renderer.svgs(charts.map((c) => ({ spec: c.spec, idPrefix: `${c.key}-clip` })));

/** The index and every quest page, in this thread (workers measured no faster: the pages' cost is the file system). */
async function writePages(data: SiteData, renderer: SvgRenderer, write: Write, effects: Effects): Promise<void> {
  const { quests } = data.snapshot;
  // Charts draw what is shown: rows under the privacy floor are left out (their tables say suppressed).
  const shown = quests.filter((q) => !q.suppressed);
  const overview = [statusOverview(shown)];
  if (shown.some((q) => q.conversion_rate !== null)) overview.push(conversionOverview(shown));
  if (shown.some((q) => q.median_seconds !== null)) overview.push(durationOverview(shown));
  const history = data.history.filter((q) => !q.suppressed);
  if (history.length > 0) overview.push(trendOverview(history));
  const totals = {
    completions: quests.reduce((n, q) => n + q.completed, 0),
    anomalies: quests.reduce((n, q) => n + q.anomalies, 0),
  };
  const pages = questPages(data);
  const index = renderCharts(overview, withVega(renderer), write, 'index', {
    wide: ['status', 'conversion', 'durations', 'trend'],
  }).then((charts) => write('index.html', renderIndex(data, { quests: pages, charts, totals })));
  const quest = (async () => {
    for (const d of data.segments?.dimensions ?? []) await write(`segments/${d}.html`, renderSegmentsPage(data, d));
    for (const [i, page] of pages.entries()) {
      await writeQuestPage(data, page, write);
      effects.progress?.('publish', i + 1, pages.length);
    }
  })();
  await settleAll([index, quest]);
}

/** Like Promise.all, but only once every promise is done: nothing may still write while a failed site is removed. */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
