// The figures of a quest page's histogram and survival curve as the quest's API JSON publishes them: exactly the numbers
// the charts draw (minutes and percent, as the page's tables show them), so the page's spec file can read them by URL
// (chart-urls.ts) and stay the same bytes from one nightly to the next.
import type { HistogramBin, QuestStats, SurvivalPoint } from '../domain/types.js';
import { questDocument, type SiteData } from './api.js';
import { histogramChart } from './charts.js';
import { compactJson } from './json.js';
import { survivalChart } from './survival.js';

interface ChartFigures {
  completion_histogram: { from_minutes: number; players: number; to_minutes: number }[];
  survival_curve?: {
    minutes: number;
    surviving_high_percent: number;
    surviving_low_percent: number;
    surviving_percent: number;
  }[];
}

/**
 * The quest JSON's `completion_histogram` and `survival_curve` (the curve only when the site has survival figures,
 * empty when nobody completed: no curve is drawn then), renamed from the inline charts' own values so the two cannot
 * differ.
 */
function chartFigures(bins: readonly HistogramBin[], curve: readonly SurvivalPoint[] | null): ChartFigures {
  const hist = histogramChart(bins).spec.data.values as { from: number; players: number; to: number }[];
  const out: ChartFigures = {
    completion_histogram: hist.map((v) => ({ from_minutes: v.from, players: v.players, to_minutes: v.to })),
  };
  if (curve === null) return out;
  const points = curve.length === 0 ? [] : survivalChart(curve).spec.data.values;
  out.survival_curve = (points as { high: number; low: number; minutes: number; surviving: number }[]).map((v) => ({
    minutes: v.minutes,
    surviving_high_percent: v.high,
    surviving_low_percent: v.low,
    surviving_percent: v.surviving,
  }));
  return out;
}

/**
 * A quest's API JSON (`api/v1/quests/<id>.json`): its document with its chart figures, written once here for the quest
 * pages and the API page's example. `bins` and `curve` default to the quest's rows picked out of the whole site's.
 */
export function questJson(
  data: SiteData,
  q: QuestStats,
  fileId: string,
  bins: readonly HistogramBin[] = data.histogram.filter((b) => b.quest_id === q.quest_id),
  curve: readonly SurvivalPoint[] = (data.survivalCurve ?? []).filter((p) => p.quest_id === q.quest_id),
): string {
  return compactJson({ ...questDocument(data, q, fileId), ...chartFigures(bins, data.survival ? curve : null) });
}
