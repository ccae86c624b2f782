// Publishes the static site (HTML report + JSON API) for one snapshot, built aside and swapped in by rename.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TITLE } from '../defaults.js';
import { changesMessages } from '../domain/changes-messages.js';
import { isoSeconds } from '../domain/dates.js';
import { type Effects, nowOf, timed } from '../domain/effects.js';
import { faultPoint } from '../domain/fault.js';
import { stopPoint } from '../domain/interrupt.js';
import { publishMessages } from '../domain/messages.js';
import { progressMessages } from '../domain/progress-messages.js';
import type { AlertRule, FiredAlert } from '../domain/types.js';
import { getChains } from '../engine/chains.js';
import { loadChanges } from '../engine/changes.js';
import type { Db } from '../engine/db.js';
import {
  getCompletionHistogram,
  getCoverage,
  getHistoryMonth,
  getHistoryMonths,
  getHistoryWindow,
  getQuestMonths,
  getSnapshot,
} from '../engine/read.js';
import { getSurvival, getSurvivalCurve } from '../engine/survival.js';
import { API_DIR, type SiteData } from './api.js';
import { digestMarkdown } from './changes.js';
import { ChartRenderer, type SvgRenderer } from './chart-render.js';
import { ENCODINGS } from './compress.js';
import { fileIds } from './file-ids.js';
import { type FileRecord, FileSink } from './file-sink.js';
import { HISTORY_WINDOW, monthsFromHistory, withOpenMonth, writeHistoryMonths } from './history-files.js';
import { MANIFEST, Manifest } from './manifest.js';
import { floorSite } from './privacy-site.js';
import { questPages } from './quest-pages.js';
import { renderWorkers, sharedOf } from './render-pool.js';
import { type SegmentOptions, segmentOptions } from './segment-figures.js';
import { floorSegmentChanges, loadSegments } from './segment-rows.js';
import { abandonBuild, type Build, pauseForever, startBuild } from './site-build.js';
import { carryOver, digestOf, removeOwnFile, SiteFiles, swap, writeAtomic } from './site-files.js';
import { settleAll, writePages, writeSiteDocuments } from './site-pages.js';
import { packFound } from './worker-found.js';

export interface PublishOptions {
  /** Output folder, replaced as a whole. */
  out: string;
  /** Snapshot date 'YYYY-MM-DD'; default the latest stored. */
  asOf?: string;
  title?: string;
  /** A warning the report shows above everything else (the nightly's stale data). */
  notice?: string;
  /** Histogram bins per quest. */
  bins?: number;
  /** Alert rules (config `alerts`) checked against the snapshot's changes; fired ones go to changes.json and digest.md
   * beside the site. */
  alerts?: readonly AlertRule[];
  /** Published dimensions and the privacy floor (default: config's, else build, platform, cohort and 5). */
  segments?: SegmentOptions;
  /** Folders moved into the new site before the swap, by name (e.g. notebooks rendered by the nightly). */
  include?: Record<string, string> | Promise<Record<string, string>>;
  /** Called once the site's data is read, before anything is written (the nightly starts its read copy then). */
  loaded?: () => void;
  /** Test hook: stop (forever) after writing this many files, or between the two renames of the swap. */
  pauseAt?: number | 'swap';
  /** false: no survival times, chain funnels or changes (bench/extras.js measures what they cost); default true. */
  extras?: boolean;
  /** Render workers for the quest pages (config `reports.workers`): 0 or 1 renders them in this thread; default one
   * per core up to 4 when the site has 2,000 quests or more (render-pool.ts). */
  workers?: number;
}

export interface PublishSummary {
  out: string;
  snapshotDate: string;
  quests: number;
  files: number;
  ms: number;
  /** Alerts the snapshot's changes fired (config `alerts`); listed in changes.json and digest.md. */
  alerts: FiredAlert[];
}

/** The reads loadSiteData makes (its progress line's total). */
const SITE_QUERIES = 10;

/** Everything the site needs, read from the database in a handful of queries. */
export async function loadSiteData(
  db: Db,
  opts: {
    asOf?: string;
    title?: string;
    bins?: number;
    notice?: string;
    alerts?: readonly AlertRule[];
    segments?: SegmentOptions;
    extras?: boolean;
    /** Called with the snapshot's quest count once it is read, before the other reads (publish starts its build). */
    snapshotRead?: (quests: number) => void;
  },
  effects: Effects,
) {
  // Ten reads; the progress line counts them (the history window is the long one at scale).
  let done = 0;
  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    stopPoint(effects);
    const out = await query();
    effects.progress?.(progressMessages.publishRead, ++done, SITE_QUERIES, 'queries');
    return out;
  };
  const seg = opts.segments ?? segmentOptions(undefined);
  const extras = opts.extras !== false;
  const snapshot = await read(() => getSnapshot(db, opts.asOf));
  const date = snapshot.meta.snapshot_date;
  opts.snapshotRead?.(snapshot.quests.length);
  // Two lanes: the segment rows, chains and changes on a second connection beside the history on this one, so DuckDB
  // answers one lane's query while this thread converts the other's rows (issue 16 NOTES, round 12).
  const other = await db.connectAgain();
  const side = (async () => ({
    segments: await loadSegments(other, date, seg),
    chains: extras ? await read(() => getChains(other, date)) : undefined,
    // The changes page lists the last two weeks of comparisons (movers only) besides the snapshot's own.
    changes: extras
      ? await read(() => loadChanges(other, { date, rules: opts.alerts, history: 14, dimensions: seg.dimensions }))
      : undefined,
  }))();
  const main = (async () => ({
    coverage: await read(() => getCoverage(db, date)),
    history: await read(() => getHistoryWindow(db, date, HISTORY_WINDOW)),
    histogram: await read(() => getCompletionHistogram(db, date, opts.bins)),
    months: await read(() => getHistoryMonths(db, date)),
    questMonths: await read(() => getQuestMonths(db, date)),
    survival: extras ? await read(() => getSurvival(db, date)) : undefined,
    survivalCurve: extras ? await read(() => getSurvivalCurve(db, date)) : undefined,
  }))();
  // Both lanes end before anything else happens (a failed one must not leave the other reading).
  await settleAll([main, side]).finally(() => other.close());
  const [a, b] = [await main, await side];
  const data: SiteData = {
    title: opts.title ?? DEFAULT_TITLE,
    generatedAt: isoSeconds(nowOf(effects)),
    snapshot,
    coverage: a.coverage,
    history: a.history,
    histogram: a.histogram,
    ...(opts.notice ? { notice: opts.notice } : {}),
    // Month files are read one month at a time, and only those the site does not hold yet.
    months: { months: a.months, questMonths: a.questMonths, load: (month) => getHistoryMonth(db, month, date) },
    ...(a.survival && a.survivalCurve && b.chains && b.changes
      ? { survival: a.survival, survivalCurve: a.survivalCurve, chains: b.chains, changes: b.changes }
      : {}),
  };
  const changes = data.changes && (await floorSegmentChanges(db, data.changes, b.segments));
  return floorSite({ ...data, ...(changes ? { changes } : {}), segments: b.segments }, seg.minPlayers);
}

export async function publish(db: Db, opts: PublishOptions, effects: Effects): Promise<PublishSummary> {
  pending(opts.include);
  // vega's ~0.4 s of module loading runs here while DuckDB answers the queries in its own threads.
  const renderer = new ChartRenderer();
  renderer.warm().catch(() => {});
  // So do the walk of the recycled folder and the render workers' start (site-build.ts), once the snapshot is read (no
  // folder is touched when there is none) and its quest count known.
  const started: { build?: Promise<Build> } = {};
  const snapshotRead = (quests: number) => {
    started.build = startBuild(opts.out, renderWorkers(opts.workers, quests));
    started.build.catch(() => {});
  };
  try {
    const [data, ms] = await timed(() => loadSiteData(db, { ...opts, snapshotRead }, effects)).catch(async (err) => {
      if (started.build) await abandonBuild(started.build);
      throw err;
    });
    effects.log(publishMessages.loaded(data.snapshot.meta.snapshot_date, data.snapshot.quests.length, ms));
    opts.loaded?.();
    return await buildSite(data, opts, effects, renderer, started.build);
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
  // Begun while the data was read (publish), else here.
  started?: Promise<Build>,
): Promise<PublishSummary> {
  const t0 = performance.now();
  const { out, tmp, found, pool } = await (started ??
    startBuild(opts.out, renderWorkers(opts.workers, data.snapshot.quests.length)));
  const include = pending(opts.include);
  const site = new SiteFiles(tmp, found);
  let files = 0;
  const manifest = new Manifest();
  const sink = new FileSink(site);
  const note = async (r: FileRecord) => {
    // A safe point at every file (the pages' batches too): the build folder is removed below, the live site untouched.
    stopPoint(effects);
    files++;
    if (files === 20) faultPoint('publish-writing');
    if (r.sha256 !== null) manifest.record(r.rel, r.sha256, r.bytes);
    if (opts.pauseAt === files) await pauseForever(effects, `paused after ${files} files`);
  };
  const write = async (rel: string, content: string | Buffer) =>
    note(sink.put(rel, content)).then(() => pool?.breathe());
  // A kept file keeps its compressed copies (a file too small for them has none: keeping a missing path is harmless).
  const keep = (rel: string) => {
    if (!site.keep(rel)) return false;
    for (const ext of ENCODINGS) site.keep(`${rel}${ext}`);
    return true;
  };
  try {
    pool?.init({ root: tmp, found: packFound(found, tmp), shared: sharedOf(data) });
    const source = data.months ?? monthsFromHistory(data.history);
    const ids = fileIds(data.snapshot.quests.map((q) => q.quest_id));
    // The quest pages go to the workers before anything else is written: they render while this thread writes the
    // month files and the rest of the site (issue 16 NOTES, rounds 7 and 11).
    const siteData = await withOpenMonth(data, source);
    const pages = questPages(siteData, source);
    const inWorkers = pool?.writer(data, site, note, (done, total) =>
      effects.progress?.(progressMessages.publishPages, done, total, 'pages'),
    )(pages);
    // Awaited by writePages: a failure meanwhile must not count as unhandled.
    inWorkers?.catch(() => {});
    const progress = (done: number, total: number) =>
      effects.progress?.(progressMessages.publishHistory, done, total, 'months');
    const months = await writeHistoryMonths(data, ids, source, tmp, { write, keep, progress });
    effects.log(publishMessages.historyMonths(months.written, months.kept));
    await settleAll([
      writePages(siteData, pages, renderer, write, effects, inWorkers),
      // With workers, they write the segment API's value files (render-pool.ts).
      writeSiteDocuments(data, write, { segmentValues: pool === null }),
    ]);
    await pool?.close();
    if (existsSync(join(out, '.gitkeep'))) await write('.gitkeep', '');
    // Last: it lists every API file written above.
    await write(MANIFEST, manifest.json(data));
    site.prune();
    // Awaited last: the nightly renders its notebook reports while the pages are written.
    carryOver(out, tmp, await include);
    const between =
      opts.pauseAt === 'swap'
        ? () => pauseForever(effects, 'paused between renames')
        : async () => faultPoint('publish-swap');
    await swap(out, tmp, between);
  } catch (err) {
    // Nothing may still write into the folder being removed: no worker.
    await pool?.close();
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const ms = Math.round(performance.now() - t0);
  // Compressed copies made in this thread and in the render workers.
  const copies = sink.gz.count + (pool?.copies ?? 0);
  const summary = {
    out,
    snapshotDate: data.snapshot.meta.snapshot_date,
    quests: data.snapshot.quests.length,
    files: files + copies,
    ms,
    alerts: data.changes?.alerts ?? [],
  };
  effects.log(publishMessages.written(files, summary.quests, out, ms, copies, site.unchanged));
  if (data.changes) {
    // Beside the site, written only when an alert fired: a digest there is always the latest run's.
    const digest = digestOf(out);
    if (summary.alerts.length === 0) removeOwnFile(digest);
    else {
      writeAtomic(digest, digestMarkdown(data.title, data.changes));
      effects.log(changesMessages.alertsPublished(summary.alerts.length, digest));
    }
  }
  effects.log(publishMessages.report(join(out, 'index.html')));
  effects.log(publishMessages.api(join(out, API_DIR, 'snapshot.json')));
  return summary;
}
