// Vega-Lite specs for the report's and notebooks' charts, built from the statistics (rendered in chart-render.ts).
import type { HistogramBin, QuestStats } from '../domain/types.js';

export type VlSpec = Record<string, unknown> & { data: { name: string; values: Record<string, unknown>[] } };

/** A chart with its text alternative: a caption, a description and the numbers as a table. */
export interface Chart {
  /** The chart's key in the page's spec file (SPECS) and its figure's id, e.g. `status`. */
  key: string;
  title: string;
  description: string;
  spec: VlSpec;
  /** The spec written beside the page when not `spec` (history-chart.ts: its data by URL). */
  published?: Record<string, unknown>;
  table: { columns: string[]; rows: (string | number | null)[][] };
}

/** The buckets in display order with one colour each, shared by every chart so a colour always means the same. */
export const BUCKETS = [
  { label: 'Completed', field: 'completed', color: '#2f855a' },
  { label: 'Accepted', field: 'accepted', color: '#3182ce' },
  // "Declined", as the logs say; the API's legacy status pairs keep "Rejected" (see api.ts).
  { label: 'Declined', field: 'declined', color: '#d69e2e' },
  { label: 'Abandoned', field: 'abandoned', color: '#975a16' },
  { label: 'Failed', field: 'failed', color: '#c53030' },
  { label: 'Not encountered', field: 'not_encountered', color: '#cbd5e0' },
] as const;

const COUNT_AXIS = { tickMinStep: 1, format: 'd' }; // player counts: whole-number ticks only

/** The charts' font, in vega-lite specs, the static SVG and notebook charts alike. */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const DATA = 'table';
/** Index charts span the page. */
export const WIDE = 900;

/** The quest axis of every per-quest bar chart: its labels, in the order the chart's rows were ranked. */
export const questAxis = () => ({
  field: 'quest',
  type: 'nominal',
  title: null,
  sort: { field: 'order', op: 'min' },
  axis: { labelLimit: 200 },
});

export function base(description: string, width: number | 'container' = 560): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    width,
    background: 'white',
    padding: 8,
    config: {
      font: FONT,
      axis: {
        labelColor: '#4a5568',
        titleColor: '#2d3748',
        gridColor: '#edf2f7',
        domainColor: '#a0aec0',
        labelFontSize: 11,
        titleFontSize: 12,
      },
      // labelLimit: vega measures text without a canvas in Node by an estimate wide enough to cut its longer labels.
      legend: { labelColor: '#4a5568', labelFontSize: 12, orient: 'bottom', direction: 'horizontal', labelLimit: 320 },
      view: { stroke: null },
    },
  };
}

const colorScale = {
  domain: BUCKETS.map((b) => b.label),
  range: BUCKETS.map((b) => b.color),
};

function bucketValue(q: QuestStats, field: (typeof BUCKETS)[number]['field']): number {
  return q[field];
}

/** Names as chart labels; a name used twice gets its id appended, else the two quests would merge into one bar. */
export function chartLabels(quests: readonly QuestStats[]): Map<string, string> {
  const seen = new Map<string, number>();
  for (const q of quests) seen.set(q.name, (seen.get(q.name) ?? 0) + 1);
  return new Map(quests.map((q) => [q.quest_id, (seen.get(q.name) ?? 0) > 1 ? `${q.name} (${q.quest_id})` : q.name]));
}

const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 100) / 100);

/** Players per status for a chosen list of quests (the index's attention rankings), in the list's order. */
export function statusOverview(
  shown: readonly QuestStats[],
  opts: { key: string; title: string; description: string } = {
    key: 'status',
    title: 'Where players stand, per quest',
    description: 'Players per quest by status',
  },
): Chart {
  const labels = chartLabels(shown);
  const values = shown.flatMap((q, i) =>
    BUCKETS.map((b, j) => ({
      quest: labels.get(q.quest_id) ?? q.name,
      order: i,
      status: b.label,
      rank: j,
      players: bucketValue(q, b.field),
    })),
  );
  const description = `${opts.description}: completed, accepted (in progress), declined, abandoned, failed, not encountered.`;
  return {
    key: opts.key,
    title: opts.title,
    description,
    spec: {
      ...base(description, WIDE),
      height: { step: 20 },
      data: { name: DATA, values },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: questAxis(),
        x: { field: 'players', type: 'quantitative', stack: 'zero', title: 'Players', axis: COUNT_AXIS },
        color: { field: 'status', type: 'nominal', title: null, scale: colorScale },
        order: { field: 'rank', type: 'quantitative' },
      },
    },
    table: {
      columns: ['Quest', ...BUCKETS.map((b) => b.label)],
      rows: shown.map((q) => [labels.get(q.quest_id) ?? q.name, ...BUCKETS.map((b) => bucketValue(q, b.field))]),
    },
  };
}

/** Completion times of a chosen list of quests (the slowest, on the index), in the list's order. */
export function durationOverview(quests: readonly QuestStats[], title = 'Completion time per quest'): Chart {
  const timed = quests.filter((q) => q.median_seconds !== null);
  const labels = chartLabels(timed);
  const values = timed.map((q, i) => ({
    quest: labels.get(q.quest_id) ?? q.name,
    order: i,
    min: minutes(q.min_seconds),
    max: minutes(q.max_seconds),
    median: minutes(q.median_seconds),
    p90: minutes(q.p90_seconds),
    mean: minutes(q.mean_seconds),
  }));
  const description =
    'Completion time in minutes per quest: the thin line runs from the shortest to the longest completion, the bar from the median to the 90th percentile, the dot marks the mean.';
  const y = questAxis();
  return {
    key: 'durations',
    title,
    description,
    spec: {
      ...base(description, WIDE),
      height: { step: 20 },
      data: { name: DATA, values },
      encoding: { y },
      layer: [
        {
          mark: { type: 'rule', color: '#a0aec0' },
          encoding: { x: { field: 'min', type: 'quantitative', title: 'Minutes' }, x2: { field: 'max' } },
        },
        {
          mark: { type: 'bar', color: '#3182ce', height: 10, cornerRadius: 2, tooltip: true },
          encoding: { x: { field: 'median', type: 'quantitative' }, x2: { field: 'p90' } },
        },
        {
          mark: { type: 'point', filled: true, color: '#1a202c', size: 30 },
          encoding: { x: { field: 'mean', type: 'quantitative' } },
        },
      ],
    },
    table: {
      columns: ['Quest', 'Shortest (min)', 'Median (min)', 'Mean (min)', 'p90 (min)', 'Longest (min)'],
      rows: values.map((v) => [v.quest, v.min, v.median, v.mean, v.p90, v.max]),
    },
  };
}

/** Per snapshot date: players seen so far and quest completions summed over quests. */
export function trendOverview(history: readonly QuestStats[]): Chart {
  const byDate = new Map<string, { players: number; completed: number }>();
  for (const r of history) {
    const d = byDate.get(r.snapshot_date) ?? { players: r.players, completed: 0 };
    d.completed += r.completed;
    byDate.set(r.snapshot_date, d);
  }
  const dates = [...byDate.keys()].sort();
  const values = dates.flatMap((date) => {
    const d = byDate.get(date) as { players: number; completed: number };
    return [
      { date, series: 'Players', value: d.players },
      { date, series: 'Completions', value: d.completed },
    ];
  });
  const description = 'Players seen and completions (all quests) at each snapshot date.';
  return {
    key: 'trend',
    title: 'Trend across snapshots',
    description,
    spec: {
      ...base(description, WIDE),
      height: 220,
      data: { name: DATA, values },
      mark: { type: 'line', point: true, tooltip: true },
      encoding: {
        x: { field: 'date', type: 'ordinal', title: 'Snapshot date', axis: { labelAngle: -40 } },
        y: { field: 'value', type: 'quantitative', title: null, axis: COUNT_AXIS },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: ['Players', 'Completions'], range: ['#4a5568', '#2f855a'] },
        },
      },
    },
    table: {
      columns: ['Snapshot date', 'Players', 'Completions'],
      rows: dates.map((date) => {
        const d = byDate.get(date) as { players: number; completed: number };
        return [date, d.players, d.completed];
      }),
    },
  };
}

export function questStatusChart(q: QuestStats): Chart {
  const values = BUCKETS.map((b, i) => ({ order: i, players: bucketValue(q, b.field), status: b.label }));
  const description =
    'Players of this quest by status: completed, accepted (in progress), declined, abandoned, failed, not encountered.';
  return {
    key: 'status',
    title: 'Where players stand',
    description,
    spec: {
      ...base(description, 480),
      height: { step: 26 },
      data: { name: DATA, values },
      mark: { type: 'bar', tooltip: true, cornerRadiusEnd: 2 },
      encoding: {
        y: { field: 'status', type: 'nominal', title: null, sort: { field: 'order', op: 'min' } },
        x: { field: 'players', type: 'quantitative', title: 'Players', axis: COUNT_AXIS },
        color: { field: 'status', type: 'nominal', scale: colorScale, legend: null },
      },
    },
    table: { columns: ['Status', 'Players'], rows: values.map((v) => [v.status, v.players]) },
  };
}

export function histogramChart(bins: readonly HistogramBin[]): Chart {
  const values = bins.map((b) => ({ from: minutes(b.bin_start), players: b.players, to: minutes(b.bin_end) }));
  const description = 'How long completions took: players per completion-time range, in minutes.';
  return {
    key: 'histogram',
    title: 'Completion-time distribution',
    description,
    spec: {
      ...base(description, 480),
      height: 180,
      data: { name: DATA, values },
      mark: { type: 'bar', color: '#3182ce', tooltip: true, binSpacing: 1 },
      encoding: {
        x: { field: 'from', type: 'quantitative', bin: { binned: true }, title: 'Minutes to complete' },
        x2: { field: 'to' },
        y: { field: 'players', type: 'quantitative', title: 'Players', axis: COUNT_AXIS },
      },
    },
    table: { columns: ['From (min)', 'To (min)', 'Players'], rows: values.map((v) => [v.from, v.to, v.players]) },
  };
}

export function questHistoryChart(rows: readonly QuestStats[]): Chart {
  const values = rows.flatMap((r) =>
    // Keys in JSON's (sorted) order: compactJson then writes the thousands of values as they are.
    BUCKETS.map((b, i) => ({ date: r.snapshot_date, players: bucketValue(r, b.field), rank: i, status: b.label })),
  );
  const description = 'Players of this quest by status at each snapshot date.';
  return {
    key: 'history',
    title: 'Status over time',
    description,
    spec: {
      ...base(description, WIDE),
      height: 220,
      data: { name: DATA, values },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'date', type: 'ordinal', title: 'Snapshot date', axis: { labelAngle: -40 } },
        y: { field: 'players', type: 'quantitative', stack: 'zero', title: 'Players', axis: COUNT_AXIS },
        color: { field: 'status', type: 'nominal', title: null, scale: colorScale },
        order: { field: 'rank', type: 'quantitative' },
      },
    },
    table: {
      columns: ['Snapshot date', ...BUCKETS.map((b) => b.label)],
      rows: rows.map((r) => [r.snapshot_date, ...BUCKETS.map((b) => bucketValue(r, b.field))]),
    },
  };
}
