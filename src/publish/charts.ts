// Vega-Lite specs for the report and their server-side rendering to SVG (so pages read with JavaScript off).
// vega and vega-lite are ESM with top-level await: reached only through dynamic import() so require(dist/*.js) works.
import type { HistogramBin, QuestStats } from '../domain/types.js';

export type VlSpec = Record<string, unknown> & { data: { name: string; values: Record<string, unknown>[] } };

/** A chart with its text alternative: a caption, a description and the numbers as a table. */
export interface Chart {
  /** File-name part of the spec beside the page, e.g. `status` -> index.status.vl.json. */
  key: string;
  title: string;
  description: string;
  spec: VlSpec;
  table: { columns: string[]; rows: (string | number | null)[][] };
}

/** The buckets in display order with one colour each, shared by every chart so a colour always means the same. */
export const BUCKETS = [
  { label: 'Completed', field: 'completed', color: '#2f855a' },
  { label: 'Accepted', field: 'accepted', color: '#3182ce' },
  { label: 'Rejected', field: 'declined', color: '#d69e2e' },
  { label: 'Abandoned', field: 'abandoned', color: '#975a16' },
  { label: 'Failed', field: 'failed', color: '#c53030' },
  { label: 'Not Encountered', field: 'not_encountered', color: '#cbd5e0' },
] as const;

/** The index's status chart shows this many quests; the table beside it has them all. */
export const STATUS_CHART_LIMIT = 40;

/** Player counts: whole-number ticks only. */
const COUNT_AXIS = { tickMinStep: 1, format: 'd' };

/** The charts' font, in vega-lite specs, the static SVG and notebook charts alike. */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const DATA = 'table';
/** Index charts span the page. */
export const WIDE = 900;

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
      legend: { labelColor: '#4a5568', labelFontSize: 12, orient: 'bottom', direction: 'horizontal' },
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

export function statusOverview(quests: readonly QuestStats[]): Chart {
  const shown = quests.slice(0, STATUS_CHART_LIMIT);
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
  const more = quests.length > shown.length ? ` (first ${shown.length} of ${quests.length} quests)` : '';
  const description = `Players per quest by status${more}: completed, accepted (in progress), rejected, abandoned, failed, not encountered.`;
  return {
    key: 'status',
    title: `Where players stand, per quest${more}`,
    description,
    spec: {
      ...base(description, WIDE),
      height: { step: 20 },
      data: { name: DATA, values },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: {
          field: 'quest',
          type: 'nominal',
          title: null,
          sort: { field: 'order', op: 'min' },
          axis: { labelLimit: 200 },
        },
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

export function durationOverview(quests: readonly QuestStats[]): Chart {
  const timed = quests.filter((q) => q.median_seconds !== null).slice(0, STATUS_CHART_LIMIT);
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
  const y = {
    field: 'quest',
    type: 'nominal',
    title: null,
    sort: { field: 'order', op: 'min' },
    axis: { labelLimit: 200 },
  };
  return {
    key: 'durations',
    title: 'Completion time per quest',
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
      { date, series: 'Quest completions', value: d.completed },
    ];
  });
  const description = 'Players seen and quest completions (all quests) at each snapshot date.';
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
          scale: { domain: ['Players', 'Quest completions'], range: ['#4a5568', '#2f855a'] },
        },
      },
    },
    table: {
      columns: ['Snapshot date', 'Players', 'Quest completions'],
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
    'Players of this quest by status (the original API status pairs Accepted, Rejected, Completed, Not Encountered, plus Abandoned and Failed).';
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
    // Keys in JSON's (sorted) order: stableJson then writes the thousands of values as they are.
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

// --- rendering ---

type VegaView = {
  data(name: string, values: unknown[]): VegaView;
  runAsync(): Promise<VegaView>;
  resize(): VegaView;
  toSVG(): Promise<string>;
  finalize(): void;
};

/** Anything that turns a spec into SVG. */
export interface SvgRenderer {
  /** `idPrefix` makes the SVG's internal ids (clip paths) unique among the charts of one page. */
  svg(spec: VlSpec, idPrefix: string): Promise<string>;
  /** Several charts (one page's) at once, in this order. */
  svgs(charts: readonly ChartRequest[]): Promise<string[]>;
  close(): void | Promise<void>;
}

export interface ChartRequest {
  spec: VlSpec;
  idPrefix: string;
}

/**
 * vega numbers clip paths with a process-wide counter; renumbering them per chart makes the SVG a function of the
 * spec alone and keeps ids unique when several charts share a page.
 */
export function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/\b(?:clip\d+|(?:p_)?gradient_\d+)\b/g, (m) => {
    let id = ids.get(m);
    if (!id) {
      id = `${prefix}-${ids.size + 1}`;
      ids.set(m, id);
    }
    return id;
  });
}

type VegaLibs = [typeof import('vega'), typeof import('vega-lite')];

/** A spec without its data: charts of one shape share a compiled, parsed vega view. */
function shapeOf(spec: VlSpec): string {
  const { values, ...dataRest } = spec.data;
  return JSON.stringify({ ...spec, data: dataRest });
}

/**
 * Renders specs to SVG in this thread. Compiling and parsing a spec costs ~10 ms of CPU; swapping the data of an
 * already-built view ~2.5 ms, so views are kept per spec shape (the spec without its data) and reused. Each render
 * first empties the view: otherwise vega keeps surviving axis items in their old order and the bytes of a chart
 * would depend on the chart drawn before it; and each render asks for a new layout (resize), else a fixed-size view
 * keeps the size and origin of the first chart it drew and clips wider axis labels.
 */
export class ChartRenderer implements SvgRenderer {
  private readonly views = new Map<string, VegaView>();
  private libs?: Promise<VegaLibs>;
  private queue: Promise<unknown> = Promise.resolve();

  /** Starts loading vega (~0.4 s of CPU) before the first chart is asked for. */
  warm(): Promise<VegaLibs> {
    this.libs ??= Promise.all([import('vega'), import('vega-lite')]);
    return this.libs;
  }

  svg(spec: VlSpec, idPrefix: string): Promise<string> {
    // One view serves one render at a time.
    const next = this.queue.then(() => this.render(spec, idPrefix, shapeOf(spec)));
    this.queue = next.catch(() => {});
    return next;
  }

  svgs(charts: readonly ChartRequest[]): Promise<string[]> {
    return Promise.all(charts.map((c) => this.svg(c.spec, c.idPrefix)));
  }

  private async render(spec: VlSpec, idPrefix: string, shape: string): Promise<string> {
    const { values, ...dataRest } = spec.data;
    let view = this.views.get(shape);
    if (!view) {
      const [vega, vl] = await this.warm();
      const compiled = vl.compile({ ...spec, data: dataRest } as never).spec;
      view = new vega.View(vega.parse(compiled), { renderer: 'none' }) as unknown as VegaView;
      this.views.set(shape, view);
    } else {
      view.data(spec.data.name, []);
      await view.runAsync();
    }
    // Without resize() a reused view keeps the layout of the first chart it drew: wider axis labels were clipped.
    view.data(spec.data.name, structuredClone(values)).resize();
    await view.runAsync();
    return renumberIds(await view.toSVG(), idPrefix);
  }

  close(): void {
    for (const v of this.views.values()) v.finalize();
    this.views.clear();
  }
}
