// Reach and conversion in the report: the one ranking of quests "worst first", and the index chart that shows it.
// completion_rate (completed / all players) mostly says how late in the story a quest sits, so nothing ranks by it.

import { formatRateInterval as formatInterval, formatPercent } from '../domain/format.js';
import type { QuestStats } from '../domain/types.js';
import { base, type Chart, chartLabels, questAxis, WIDE } from './charts.js';

/** The index's worst-first chart shows this many quests (its data table lists the same ones). */
const WORST_LIMIT = 20;

/**
 * Quests ranked worst first by conversion (completed / encountered), for lists, charts and default sorts. The key is
 * the upper end of conversion's 95% Wilson interval: a quest ranks low only when enough of the players who met it
 * make its conversion surely low (1 abandon out of 1 does not outrank 40 out of 100). Ties: the lower conversion,
 * then the input order (catalogue order). Quests nobody met have no conversion and are left out.
 */
export function worstFirst(quests: readonly QuestStats[]): QuestStats[] {
  return quests
    .filter((q) => q.conversion_rate !== null && q.conversion_rate_high !== null)
    .map((q, i) => ({ q, i }))
    .sort(
      (a, b) =>
        (a.q.conversion_rate_high as number) - (b.q.conversion_rate_high as number) ||
        (a.q.conversion_rate as number) - (b.q.conversion_rate as number) ||
        a.i - b.i,
    )
    .map(({ q }) => q);
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/**
 * Reach and conversion side by side, each with its 95% interval, for the quests that rank worst (`worstFirst`): the
 * late-story quests that few players reach but most of them finish sit at the bottom, not the top.
 */
export function conversionOverview(quests: readonly QuestStats[]): Chart {
  const ranked = worstFirst(quests);
  const shown = ranked.slice(0, WORST_LIMIT);
  const labels = chartLabels(shown);
  // Keys in JSON's (sorted) order, as the other charts' values.
  const values = shown.flatMap((q, i) => [
    {
      high: pct(q.conversion_rate_high),
      low: pct(q.conversion_rate_low),
      order: i,
      quest: labels.get(q.quest_id) ?? q.name,
      rate: pct(q.conversion_rate),
      series: 'Conversion',
    },
    {
      high: pct(q.reach_rate_high),
      low: pct(q.reach_rate_low),
      order: i,
      quest: labels.get(q.quest_id) ?? q.name,
      rate: pct(q.reach_rate),
      series: 'Reach',
    },
  ]);
  const more = ranked.length > shown.length ? ` (${shown.length} of ${ranked.length} quests)` : '';
  const description =
    `Quests ranked worst first by conversion${more}: conversion is the share of players who met a quest and ` +
    'completed it, reach the share of all players who met it; the line is the 95% interval, the dot the rate.';
  const y = questAxis();
  return {
    key: 'conversion',
    title: `Lowest conversion first${more}`,
    description,
    spec: {
      ...base(description, WIDE),
      height: { step: 11 },
      data: { name: 'table', values },
      encoding: {
        y,
        yOffset: { field: 'series', type: 'nominal', sort: ['Conversion', 'Reach'] },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: ['Conversion', 'Reach'], range: ['#2f855a', '#718096'] },
        },
      },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            x: { field: 'low', type: 'quantitative', title: 'Share', axis: { format: '%' }, scale: { domain: [0, 1] } },
            x2: { field: 'high' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 40, tooltip: true },
          encoding: { x: { field: 'rate', type: 'quantitative' } },
        },
      ],
    },
    table: {
      columns: ['Quest', 'Conversion', 'Conversion 95% interval', 'Reach', 'Reach 95% interval', 'Met it', 'Completed'],
      rows: shown.map((q) => [
        labels.get(q.quest_id) ?? q.name,
        formatPercent(q.conversion_rate),
        formatInterval(q.conversion_rate_low, q.conversion_rate_high),
        formatPercent(q.reach_rate),
        formatInterval(q.reach_rate_low, q.reach_rate_high),
        q.players - q.not_encountered,
        q.completed,
      ]),
    },
  };
}

/**
 * A quest's history chart with reach, conversion and its interval beside the buckets in its data table, so a quest
 * page shows how conversion moved from day to day. `rows` are the chart's rows, in its order.
 */
export function withRateColumns(chart: Chart, rows: readonly QuestStats[]): Chart {
  const { columns, rows: cells } = chart.table;
  return {
    ...chart,
    table: {
      columns: [...columns, 'Reach', 'Conversion', 'Conversion 95% interval'],
      rows: cells.map((row, i) => {
        const r = rows[i] as QuestStats;
        return [
          ...row,
          formatPercent(r.reach_rate),
          formatPercent(r.conversion_rate),
          formatInterval(r.conversion_rate_low, r.conversion_rate_high),
        ];
      }),
    },
  };
}
