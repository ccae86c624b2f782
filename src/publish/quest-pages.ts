// One quest's files (page, JSON, history JSON, chart specs), rendered from the site's data.
import { basename } from 'node:path';
import type { HistogramBin, QuestStats } from '../domain/types.js';
import { historyByQuest, historyDocument, questDocument, questPaths, type SiteData } from './api.js';
import { type Chart, histogramChart, questHistoryChart, questStatusChart } from './charts.js';
import { fileIdOf, fileIds } from './file-ids.js';
import { stableJson } from './json.js';
import { type RenderedChart, renderQuest, withTextAlternative } from './report.js';
import { questChartSvg } from './svg-charts.js';

export type Write = (rel: string, content: string | Buffer) => Promise<void> | void;

/** Draws a page's charts, in order: vega for the index, the static drawings of svg-charts for quest pages. */
export type Draw = (charts: Chart[]) => Promise<string[]> | string[];

const drawQuestCharts: Draw = (charts) => charts.map(questChartSvg);

/** Everything one quest page needs besides the site's header data. */
interface QuestPage {
  q: QuestStats;
  fileId: string;
  /** The quest's figures on every stored snapshot date. */
  history: QuestStats[];
  bins: HistogramBin[];
}

export function questPages(data: SiteData): QuestPage[] {
  const { quests } = data.snapshot;
  const ids = fileIds(quests.map((q) => q.quest_id));
  const history = historyByQuest(data.history);
  const bins = new Map<string, HistogramBin[]>();
  for (const b of data.histogram) {
    const list = bins.get(b.quest_id);
    if (list) list.push(b);
    else bins.set(b.quest_id, [b]);
  }
  return quests.map((q) => ({
    q,
    fileId: fileIdOf(ids, q.quest_id),
    history: history.get(q.quest_id) ?? [q],
    bins: bins.get(q.quest_id) ?? [],
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

export async function writeQuestPage(data: SiteData, page: QuestPage, write: Write): Promise<void> {
  const { q, fileId, history, bins } = page;
  const charts = q.suppressed ? [] : [questStatusChart(q)];
  if (bins.some((b) => b.players > 0)) charts.push(histogramChart(bins));
  const shownDays = history.filter((r) => !r.suppressed);
  if (shownDays.length > 0) charts.push(questHistoryChart(shownDays));
  const paths = questPaths(fileId);
  const rendered = await renderCharts(charts, drawQuestCharts, write, paths.base, {
    open: ['history'],
    wide: ['history'],
  });
  await write(paths.json, stableJson(questDocument(data, q, fileId)));
  await write(paths.history, stableJson(historyDocument(data, q, history, fileId)));
  await write(paths.html, renderQuest(data, { quest: q, fileId, history, charts: rendered }));
}
