// Charts for notebooks: the report's chart builders (src/publish/charts.ts) over the stored statistics, plus two views the
// report has no page for (completion rate, one quest's funnel). vega is reached only by dynamic import().

import { UserError } from '../domain/errors.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import type { QuestStats } from '../domain/types.js';
import { getChains } from '../engine/chains.js';
import type { Db } from '../engine/db.js';
import { getCompletionHistogram, getHistory, getSnapshot, noSnapshotError } from '../engine/read.js';
import { getSurvivalCurve } from '../engine/survival.js';
import { funnelChart as chainFunnelChart } from '../publish/chains.js';
import { ChartRenderer, renumberIds } from '../publish/chart-render.js';
import {
  type Chart,
  chartLabels,
  durationOverview,
  FONT,
  histogramChart,
  questAxis,
  questHistoryChart,
  questStatusChart,
  statusOverview,
  trendOverview,
} from '../publish/charts.js';
import { conversionOverview } from '../publish/rates.js';
import { survivalChart } from '../publish/survival.js';
import { unknownQuest, unknownQuestIn } from './quest-ids.js';
import { segmentChart } from './segments.js';

export type VegaLiteSpec = Record<string, unknown>;

export interface ChartOptions {
  /** Snapshot date 'YYYY-MM-DD' (default latest). */
  date?: string;
  /** The quest for 'funnel', 'histogram', 'survival' and 'segments'; a filter for 'trend'. */
  quest?: string;
  /** The dimension for 'segments': build, platform, cohort or an extra one a mapped source declares. */
  by?: string;
  /** The catalogue chain for 'chain'. */
  chain?: string;
  /** Quests drawn by 'buckets', 'completion' and 'times' (default 40, catalogue order). */
  limit?: number;
  title?: string;
}

const CHART_KINDS = [
  'buckets',
  'conversion',
  'completion',
  'times',
  'trend',
  'status',
  'funnel',
  'histogram',
  'segments',
  'survival',
  'chain',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

function spec(description: string, body: Record<string, unknown>): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description,
    width: 480,
    background: 'white',
    config: { font: FONT, view: { stroke: null } },
    ...body,
  };
}

const STATUS_TITLE = 'Where players stand, per quest';
const COMPLETION_TITLE = 'Completion rate per quest';
const TIMES_TITLE = 'Completion time per quest';

function completionChart(quests: readonly QuestStats[]): Chart {
  const labels = chartLabels(quests);
  const rows = quests.filter((q) => q.completion_rate !== null);
  const values = rows.map((q, i) => ({ quest: labels.get(q.quest_id) ?? q.name, order: i, rate: q.completion_rate }));
  const description =
    'Share of all players who have completed each quest (mostly how far into the story it sits; to rank quests, see the conversion chart).';
  return {
    key: 'completion',
    title: COMPLETION_TITLE,
    description,
    spec: spec(description, {
      height: { step: 18 },
      data: { name: 'table', values },
      mark: { type: 'bar', color: '#2f855a', tooltip: true },
      encoding: {
        y: questAxis(),
        x: {
          field: 'rate',
          type: 'quantitative',
          title: 'Completed / players',
          axis: { format: '%' },
          scale: { domain: [0, 1] },
        },
      },
    }) as Chart['spec'],
    table: { columns: ['Quest', 'Completion rate'], rows: values.map((v) => [v.quest, v.rate]) },
  };
}

/** Players -> met the quest -> accepted it (now or before) -> completed it. */
function funnelChart(q: QuestStats): Chart {
  const steps: [string, number][] = [
    ['Players', q.players],
    // The report's words (its segment tables' "Met it"); "Accepted" there means in progress now, so this step says "ever".
    ['Met it', q.players - q.not_encountered],
    ['Ever accepted', q.accepted + q.completed + q.abandoned + q.failed - q.anomalies],
    ['Completed', q.completed],
  ];
  const values = steps.map(([step, players], i) => ({
    step,
    order: i,
    players,
    share: q.players ? players / q.players : null,
  }));
  const description = `${q.name}: players at each step, from every player to completion (accepted counts players in progress, abandoned, failed or completed after accepting).`;
  return {
    key: 'funnel',
    title: `${q.name}: funnel`,
    description,
    spec: spec(description, {
      height: { step: 28 },
      data: { name: 'table', values },
      mark: { type: 'bar', color: '#3182ce', tooltip: true, cornerRadiusEnd: 2 },
      encoding: {
        y: { field: 'step', type: 'nominal', title: null, sort: { field: 'order', op: 'min' } },
        x: { field: 'players', type: 'quantitative', title: 'Players' },
      },
    }) as Chart['spec'],
    table: { columns: ['Step', 'Players'], rows: values.map((v) => [v.step, v.players]) },
  };
}

async function questOf(db: Db, quest: string | undefined, date: string | undefined, kind: string): Promise<QuestStats> {
  if (!quest) throw new UserError(msg.chartNeedsQuest(kind));
  const snap = await getSnapshot(db, date);
  const q = snap.quests.find((x) => x.quest_id === quest);
  if (!q)
    throw unknownQuest(
      msg.questNotInSnapshot(quest, date),
      quest,
      snap.quests.map((x) => x.quest_id),
    );
  return q;
}

/** Quests an all-quest chart draws by default: 400 bars (a 650 KB SVG) cannot be read, 40 can. */
const CHART_QUESTS = 40;

/**
 * The first `limit` quests in catalogue order for an all-quest chart, and the title saying so when some are left out
 * (the conversion chart ranks its own worst 20).
 */
function firstQuests(quests: readonly QuestStats[], limit: number | undefined, title: string) {
  const n = limit ?? CHART_QUESTS;
  if (!Number.isInteger(n) || n < 1) throw new UserError(msg.badLimit('chart', String(limit)));
  const shown = quests.slice(0, n);
  return { shown, title: shown.length < quests.length ? msg.chartFirstQuests(title, n, quests.length) : title };
}

/** A built-in chart over the stored statistics. */
export async function buildChart(db: Db, kind: ChartKind, opts: ChartOptions): Promise<Chart> {
  switch (kind) {
    case 'buckets': {
      const { shown, title } = firstQuests((await getSnapshot(db, opts.date)).quests, opts.limit, STATUS_TITLE);
      return statusOverview(shown, { key: 'status', title, description: 'Players per quest by status' });
    }
    case 'conversion':
      return conversionOverview((await getSnapshot(db, opts.date)).quests);
    case 'completion': {
      const { shown, title } = firstQuests((await getSnapshot(db, opts.date)).quests, opts.limit, COMPLETION_TITLE);
      return { ...completionChart(shown), title };
    }
    case 'times': {
      const timed = (await getSnapshot(db, opts.date)).quests.filter((q) => q.median_seconds !== null);
      const { shown, title } = firstQuests(timed, opts.limit, TIMES_TITLE);
      return durationOverview(shown, title);
    }
    case 'trend': {
      // An empty chart would read as "nothing happened": a quest no snapshot has, or no snapshot at all, is an error.
      const history = await getHistory(db, opts.quest);
      if (history.length === 0) {
        throw opts.quest ? await unknownQuestIn(db, msg.noQuestHistory(opts.quest), opts.quest) : noSnapshotError();
      }
      return opts.quest ? questHistoryChart(history) : trendOverview(history);
    }
    case 'status':
      return questStatusChart(await questOf(db, opts.quest, opts.date, kind));
    case 'funnel':
      return funnelChart(await questOf(db, opts.quest, opts.date, kind));
    case 'histogram': {
      await questOf(db, opts.quest, opts.date, kind);
      const bins = await getCompletionHistogram(db, opts.date);
      return histogramChart(bins.filter((b) => b.quest_id === opts.quest));
    }
    case 'segments':
      return segmentChart(db, opts);
    case 'survival': {
      const q = await questOf(db, opts.quest, opts.date, kind);
      return survivalChart(await getSurvivalCurve(db, q.snapshot_date, q.quest_id));
    }
    case 'chain': {
      if (!opts.chain) throw new UserError(msg.chartNeedsChain);
      const date = (await getSnapshot(db, opts.date)).meta.snapshot_date;
      const steps = await getChains(db, date, opts.chain);
      if (steps.length === 0) {
        const chains = [...new Set((await getChains(db, date)).map((s) => s.chain))];
        throw new UserError(msg.unknownChain(opts.chain, date), { hint: msg.itsChains(chains) });
      }
      return chainFunnelChart(opts.chain, steps);
    }
    default:
      throw new UserError(msg.unknownChart(String(kind), CHART_KINDS));
  }
}

let renderer: ChartRenderer | undefined;
let charts = 0;

/** SVG for any vega-lite spec; specs with named inline data reuse the report's cached views. */
export async function renderSvg(vl: VegaLiteSpec): Promise<string> {
  // A notebook page holds many charts: their clip-path ids must not collide.
  const prefix = `ql-chart-${++charts}`;
  const data = vl.data as { name?: unknown; values?: unknown } | undefined;
  if (typeof data?.name === 'string' && Array.isArray(data.values)) {
    renderer ??= new ChartRenderer();
    return renderer.svg(vl as Chart['spec'], prefix);
  }
  const vega = await import('vega');
  const vegaLite = await import('vega-lite');
  const view = new vega.View(vega.parse(vegaLite.compile(vl as never).spec), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG(), prefix);
  } finally {
    view.finalize();
  }
}
