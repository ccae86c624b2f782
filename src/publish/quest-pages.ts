// One quest's files (page, JSON, history JSON, chart specs), rendered from the site's data.
import { basename } from 'node:path';
import type { HistogramBin, QuestStats, SurvivalPoint } from '../domain/types.js';
import { historyByQuest, historyDocument, type MonthSource, questDocument, questPaths, type SiteData } from './api.js';
import { type Chart, histogramChart, questHistoryChart, questStatusChart } from './charts.js';
import { fileIdOf, fileIds } from './file-ids.js';
import { historyChartByUrls } from './history-chart.js';
import { ENTRIES, entriesJson, HISTORY_WINDOW, lastDates, monthJson, monthPath, withEntries } from './history-files.js';
import { compactJson, stableJson } from './json.js';
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
  /** The months of its full history ('YYYY-MM'), oldest first. */
  months: string[];
  /** Whether this page writes the quest's file of the latest month (writeHistoryMonths' `fromPages`). */
  writesMonth: boolean;
  bins: HistogramBin[];
  /** The quest's survival curve (thinned), empty when nobody completed it. */
  curve: SurvivalPoint[];
}

export function questPages(data: SiteData, source: MonthSource, fromPages: string | null = null): QuestPage[] {
  const { quests } = data.snapshot;
  const ids = fileIds(quests.map((q) => q.quest_id));
  const history = historyByQuest(data.history);
  const complete = source.months.reduce((n, m) => n + m.dates, 0) <= HISTORY_WINDOW;
  const months = new Map<string, string[]>();
  for (const { quest_id, month } of source.questMonths) {
    const list = months.get(quest_id);
    if (list) list.push(month);
    else months.set(quest_id, [month]);
  }
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
    writesMonth: fromPages !== null,
    bins: bins.get(q.quest_id) ?? [],
    curve: curves.get(q.quest_id) ?? [],
  }));
}

/** A page's charts: each spec written beside the page, each drawing with its text alternative. */
export async function renderCharts(
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
    await write(`${pageBase}.${chart.key}.vl.json`, compactJson(chart.published ?? chart.spec));
    const svg = withTextAlternative(svgs[i] as string, chart.title, chart.description);
    out.push({
      ...chart,
      svg,
      specFile,
      open: layout.open?.includes(chart.key) ?? false,
      wide: layout.wide?.includes(chart.key) ?? false,
    });
  }
  return out;
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
  if (shownDays.length > 0) {
    const chart = withRateColumns(questHistoryChart(shownDays), shownDays);
    // The month files holding the shown dates: past months' never change, so neither does the spec within a month.
    const first = (shownDays[0] as QuestStats).snapshot_date.slice(0, 7);
    const urls = months.filter((m) => m >= first).map((m) => `../${monthPath(fileId, m)}`);
    charts.push(historyChartByUrls(chart, urls));
  }
  const rendered = await renderCharts(charts, drawQuestCharts, write, paths.base, {
    open: ['history'],
    wide: ['history'],
  });
  await write(paths.json, stableJson(questDocument(data, q, fileId)));
  // history.json carries the latest month's dates, as its month file does: one serialisation for both.
  const entries = entriesJson(history.filter((r) => r.snapshot_date.startsWith(month)));
  await write(paths.history, withEntries(historyDocument(data, q, ENTRIES, fileId, months), entries));
  if (page.writesMonth && months.includes(month)) {
    await write(monthPath(fileId, month), monthJson(q.quest_id, fileId, month, entries));
  }
  const monthLinks = months.map((m) => ({ month: m, href: `../${monthPath(fileId, m)}` }));
  await write(
    paths.html,
    renderQuest(data, { quest: q, fileId, history, complete, months: monthLinks, charts: rendered }),
  );
}
