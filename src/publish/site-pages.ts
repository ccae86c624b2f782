// What a site is made of: assets, the API's whole-site documents and API page, the index (with its attention charts and
// table pages) and every quest page. publish.ts decides where they go and swaps them in.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Effects } from '../domain/effects.js';
import { InternalError } from '../domain/errors.js';
import { progressMessages } from '../domain/progress-messages.js';
import type { QuestStats } from '../domain/types.js';
import { packageRoot } from '../root.js';
import { API_DIR, questPaths, type SiteData, snapshotDocument } from './api.js';
import { apiPageModel, OPENAPI, openApiDocument } from './api-docs.js';
import { headlines, largestDropOff, lowestConversion, slowest } from './attention.js';
import { writeChains } from './chains.js';
import { changesDocument } from './changes.js';
import { questJson } from './chart-figures.js';
import type { SvgRenderer } from './chart-render.js';
import { type Chart, durationOverview, statusOverview, trendOverview } from './charts.js';
import { fileIdOf, fileIds } from './file-ids.js';
import { windowOf } from './history-files.js';
import { compactJson } from './json.js';
import { type Draw, type QuestPage, renderCharts, type Write, writeQuestPage } from './quest-pages.js';
import { type Pager, TABLE_DATA, tableData, tableOrder, tablePages } from './quest-table.js';
import { questsIndexPages } from './quests-index.js';
import { conversionOverview } from './rates.js';
import { chainsOf, renderApi, renderIndex, renderList, renderSegmentsPage, TEMPLATES_DIR } from './report.js';
import { writeSegmentApi } from './segments.js';

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

/**
 * The assets and the API's whole-site documents, written beside the quest pages: before, the render workers waited for
 * them, idle (at 5,000 quests a publish's first seconds on one core). `segmentValues: false`: the render workers write
 * the segment API's value files (render-pool.ts).
 */
export async function writeSiteDocuments(
  data: SiteData,
  write: Write,
  opts: { segmentValues: boolean } = { segmentValues: true },
): Promise<void> {
  await writeAssets(write);
  await writeApiIndexes(data, write, opts.segmentValues);
}

/** The API's two whole-site documents; each quest's own are written beside its page (see writePages). */
async function writeApiIndexes(data: SiteData, write: Write, segmentValues: boolean): Promise<void> {
  const ids = fileIds(data.snapshot.quests.map((q) => q.quest_id));
  await write(OPENAPI, compactJson(openApiDocument(data.title)));
  // Each quest's entry is built once, for snapshot.json and the quest index pages.
  const snapshot = snapshotDocument(data, ids);
  const snapshotJson = compactJson(snapshot);
  const first = data.snapshot.quests[0];
  const example = first
    ? {
        path: questPaths(fileIdOf(ids, first.quest_id)).json,
        json: questJson(data, first, fileIdOf(ids, first.quest_id)),
      }
    : { path: `${API_DIR}/snapshot.json`, json: snapshotJson };
  await write('api.html', renderApi(data, apiPageModel(example)));
  await write(`${API_DIR}/snapshot.json`, snapshotJson);
  for (const page of questsIndexPages(data, snapshot.quests)) await write(page.path, compactJson(page.doc));
  if (data.segments) await writeSegmentApi(data, data.segments, write, { values: segmentValues });
  if (data.changes) {
    const header = {
      schema_version: 1,
      generated_at: data.generatedAt,
      snapshot_date: data.snapshot.meta.snapshot_date,
    };
    await write(`${API_DIR}/changes.json`, compactJson(changesDocument(header, data.changes)));
  }
}

const withVega =
  (renderer: SvgRenderer): Draw =>
  (charts) =>
    renderer.svgs(charts.map((c) => ({ spec: c.spec, idPrefix: `${c.key}-clip` })));

/**
 * The index and every quest page (`pages`: questPages of `data`); the quest pages are `inWorkers`' when given (already
 * handed to the render workers), else rendered here.
 */
export async function writePages(
  data: SiteData,
  pages: QuestPage[],
  renderer: SvgRenderer,
  write: Write,
  effects: Effects,
  inWorkers?: Promise<void>,
): Promise<void> {
  const { quests } = data.snapshot;
  // Charts draw what is shown: rows under the privacy floor are left out (their tables say suppressed).
  const shown = quests.filter((q) => !q.suppressed);
  const overview = attentionCharts(shown);
  const recent = windowOf(data.history);
  const recentShown = recent.filter((q) => !q.suppressed);
  if (recentShown.length > 0) overview.push(trendOverview(recentShown));
  // Every quest counts as a quest; completions add up the shown ones only (a hidden count is null).
  const cards = headlines(data.snapshot.meta.snapshot_date, data.snapshot.meta.players, quests, recent);
  const totals = {
    completions: quests.reduce((n, q) => n + q.completed, 0),
    anomalies: quests.reduce((n, q) => n + q.anomalies, 0),
  };
  // The table's rows, pages and data file, worst conversion first; quest pages and chains keep catalogue order.
  const ordered = tableOrder(pages);
  const table = tablePages(ordered);
  const first = table[0] as (typeof table)[number];
  const index = renderCharts(overview, withVega(renderer), write, 'index', {
    wide: overview.map((c) => c.key),
  }).then((charts) => write('index.html', renderIndex(data, { quests: pages, page: first, charts, totals, cards })));
  const chains = chainsOf(pages);
  for (const page of table.slice(1))
    await write(page.path, renderList(data, { rows: page.rows, pager: page.pager as Pager }, chains));
  await write(TABLE_DATA, compactJson(tableData(ordered)));
  const chainFiles = writeChains(data, write);
  const quest = (async () => {
    for (const d of data.segments?.dimensions ?? []) await write(`segments/${d}.html`, renderSegmentsPage(data, d));
    if (inWorkers) return inWorkers;
    for (const [i, page] of pages.entries()) {
      await writeQuestPage(data, page, write);
      effects.progress?.(progressMessages.publishPages, i + 1, pages.length, 'pages');
    }
  })();
  await settleAll([index, chainFiles, quest]);
}

const quests_ = (n: number) => (n === 1 ? '1 quest' : `${n} quests`);

/**
 * The index's charts: the quests that need attention, not the first ones in catalogue order: lowest conversion (by
 * issue 19's worst-first ranking; where players stand, then reach and conversion with their intervals), largest
 * drop-off and slowest.
 */
function attentionCharts(quests: readonly QuestStats[]): Chart[] {
  const charts: Chart[] = [];
  const low = lowestConversion(quests);
  if (low.length > 0) {
    charts.push(
      statusOverview(low, {
        key: 'status',
        title: `Lowest conversion: where players stand in the ${quests_(low.length)} the fewest of whose players complete`,
        description: 'Players per quest by status, worst conversion (completed / players who met the quest) first',
      }),
      conversionOverview(quests),
    );
  }
  const drop = largestDropOff(quests);
  if (drop.length > 0) {
    charts.push(
      statusOverview(drop, {
        key: 'dropoff',
        title: `Largest drop-off: the ${quests_(drop.length)} losing the largest share of the players who met them`,
        description: 'Players per quest by status, the largest share declined, abandoned or failed first',
      }),
    );
  }
  const slow = slowest(quests);
  if (slow.length > 0) {
    charts.push(durationOverview(slow, `Slowest: the ${quests_(slow.length)} with the longest median completion time`));
  }
  return charts;
}

/** Like Promise.all, but only once every promise is done: nothing may still write while a failed site is removed. */
export async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
