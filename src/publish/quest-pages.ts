// One quest's files (page, JSON, history JSON, the page's chart specs), rendered from the site's data.
import { basename } from 'node:path';
import { escapeHtml } from '../domain/html.js';
import type { HistogramBin, QuestStats, SurvivalPoint } from '../domain/types.js';
import { historyByQuest, historyDocument, type MonthSource, questPaths, type SiteData } from './api.js';
import { questJson } from './chart-figures.js';
import { chartByUrl } from './chart-urls.js';
import { type Chart, histogramChart, questHistoryChart, questStatusChart } from './charts.js';
import { fileIdOf, fileIds } from './file-ids.js';
import { historyChartByUrls } from './history-chart.js';
import { ENTRIES, entriesJson, HISTORY_WINDOW, lastDates, MONTHS, monthPath, withEntries } from './history-files.js';
import { compactJson } from './json.js';
import { withRateColumns } from './rates.js';
import { type RenderedChart, renderQuest, withTextAlternative } from './report.js';
import { survivalChart, survivalSvg } from './survival.js';
import { questChartSvg } from './svg-charts.js';

export type Write = (rel: string, content: string | Buffer) => Promise<void> | void;

/** Draws a page's charts, in order: vega for the index, the static drawings of svg-charts for quest pages. */
export type Draw = (charts: Chart[]) => Promise<string[]> | string[];

const drawQuestCharts: Draw = (charts) =>
  charts.map((c) => (c.key === 'survival' ? survivalSvg(c.spec.data.values) : questChartSvg(c)));

/** Everything one quest page needs besides the site's header data. */
export interface QuestPage {
  q: QuestStats;
  fileId: string;
  /** The quest's figures on the latest HISTORY_WINDOW snapshot dates. */
  history: QuestStats[];
  /** Whether `history` holds every stored snapshot date (else older ones are in the month files). */
  complete: boolean;
  /** The months of its full history ('YYYY-MM'), oldest first; the last is the open month, in history.json. */
  months: string[];
  bins: HistogramBin[];
  /** The quest's survival curve (thinned), empty when nobody completed it. */
  curve: SurvivalPoint[];
}

export function questPages(data: SiteData, source: MonthSource): QuestPage[] {
  const { quests } = data.snapshot;
  const ids = fileIds(quests.map((q) => q.quest_id));
  const history = historyByQuest(data.history);
  const complete = source.months.reduce((n, m) => n + m.dates, 0) <= HISTORY_WINDOW;
  const months = new Map(source.questMonths.map((q) => [q.quest_id, q.months]));
  const bins = new Map<string, HistogramBin[]>();
  for (const b of data.histogram) {
    const list = bins.get(b.quest_id);
    if (list) list.push(b);
    else bins.set(b.quest_id, [b]);
  }
  const curves = new Map<string, SurvivalPoint[]>();
  for (const p of data.survivalCurve ?? []) {
    const list = curves.get(p.quest_id);
    if (list) list.push(p);
    else curves.set(p.quest_id, [p]);
  }
  return quests.map((q) => ({
    q,
    fileId: fileIdOf(ids, q.quest_id),
    history: lastDates(history.get(q.quest_id) ?? [q]),
    complete,
    months: months.get(q.quest_id) ?? [],
    bins: bins.get(q.quest_id) ?? [],
    curve: curves.get(q.quest_id) ?? [],
  }));
}

/**
 * The end of a page's spec file, beside the page (`quests/<id>.specs.json`, `index.specs.json`): an object holding each
 * chart's Vega-Lite spec under the chart's key, which the interactive upgrade (assets/upgrade.js) reads.
 */
export const SPECS = '.specs.json';

/**
 * A page's charts: their specs written beside the page in one file (`<page>.specs.json`, each chart's spec under its
 * key), each drawing with its text alternative. One file, not one per chart: at 5,000 quests the four per-chart files
 * were half the site's files and a fifth of a render worker's file calls (issue 16 NOTES, round 7).
 */
export async function renderCharts(
  charts: Chart[],
  draw: Draw,
  write: Write,
  pageBase: string,
  layout: { open?: string[]; wide?: string[] } = {},
): Promise<RenderedChart[]> {
  if (charts.length === 0) return [];
  const svgs = await draw(charts);
  const specFile = `${basename(pageBase)}${SPECS}`;
  await write(
    `${pageBase}${SPECS}`,
    compactJson(Object.fromEntries(charts.map((c) => [c.key, c.published ?? c.spec]))),
  );
  return charts.map((chart, i) => ({
    ...chart,
    svg: withTextAlternative(svgs[i] as string, chart.title, chart.description),
    specFile,
    open: layout.open?.includes(chart.key) ?? false,
    wide: layout.wide?.includes(chart.key) ?? false,
  }));
}

export async function writeQuestPage(data: SiteData, page: QuestPage, write: Write): Promise<void> {
  const { q, fileId, history, bins, months, complete, curve } = page;
  const month = data.snapshot.meta.snapshot_date.slice(0, 7);
  // Charts draw what is shown: figures under the privacy floor are left out (the page's tables say suppressed).
  const charts = q.suppressed ? [] : [questStatusChart(q)];
  if (bins.some((b) => b.players > 0)) charts.push(histogramChart(bins));
  if (curve.length > 0) charts.push(survivalChart(curve));
  const shownDays = history.filter((r) => !r.suppressed);
  const paths = questPaths(fileId);
  // Status, histogram and survival read their figures from the quest JSON: the spec file keeps its bytes nightly.
  const jsonUrl = questPaths(fileId, 'page').json;
  const byUrl = charts.map((c) => chartByUrl(c, jsonUrl));
  if (shownDays.length > 0) {
    const chart = withRateColumns(questHistoryChart(shownDays), shownDays);
    // The files holding the shown dates: closed months' files, which never change, and history.json for the open
    // month; so the spec changes when the shown months do (once or twice a month), not nightly.
    const first = (shownDays[0] as QuestStats).snapshot_date.slice(0, 7);
    // From the end: the shown dates are the latest, so this looks at one or two months, not every month of history.
    let from = months.length;
    while (from > 0 && (months[from - 1] as string) >= first) from--;
    const urls = months.slice(from).map((m) => `../${m === month ? paths.history : monthPath(fileId, m)}`);
    byUrl.push(historyChartByUrls(chart, urls));
  }
  const rendered = await renderCharts(byUrl, drawQuestCharts, write, paths.base, {
    open: ['history'],
    wide: ['history'],
  });
  await write(paths.json, questJson(data, q, fileId, bins, curve));
  // history.json carries the open month's dates (every one: withOpenMonth), which has no month file until it closes.
  const entries = entriesJson(history.filter((r) => r.snapshot_date.startsWith(month)));
  const list = linksOf(months, month);
  await write(
    paths.history,
    withEntries(historyDocument(data, q, ENTRIES, fileId, months.length, MONTHS), entries, list.json),
  );
  const monthHtml = list.html.replaceAll(FILE_ID, escapeHtml(fileId));
  await write(paths.html, renderQuest(data, { quest: q, fileId, history, complete, monthHtml, charts: rendered }));
}

/**
 * history.json's `months`: where each month's entries are, relative to it (the same for every quest with the same
 * months): a closed month's file, or history.json itself for the open month.
 */
const monthLinks = (ms: readonly string[], open: string) =>
  ms.map((month) => ({ month, href: month === open ? 'history.json' : `history/${month}.json` }));

/** Stands for a quest's file id in the month links rendered once per distinct list of months. */
const FILE_ID = '\u0000file-id\u0000';

/**
 * A list of months' links, rendered once for every quest that has exactly these months (most have all of them: at 365
 * days, one list instead of 12 links per page and per history.json): history.json's `months` as compact JSON, and the
 * page's links as escaped HTML with FILE_ID for the quest's file id.
 */
const linkCache = new WeakMap<readonly string[], { open: string; json: string; html: string }>();
function linksOf(months: readonly string[], open: string): { json: string; html: string } {
  let links = linkCache.get(months);
  if (links?.open !== open) {
    const html = months
      .map((m) => {
        const href = m === open ? questPaths(FILE_ID).history : monthPath(FILE_ID, escapeHtml(m));
        return `<a href="../${href}">${escapeHtml(m)}</a>`;
      })
      .join(' \u00b7 ');
    links = { open, json: compactJson(monthLinks(months, open)).trimEnd(), html };
    linkCache.set(months, links);
  }
  return links;
}
