// The quest pages' three charts drawn as static SVG straight from their spec's data, laid out like vega-lite draws
// them. vega's dataflow cost ~2.5 ms of CPU per chart (three per quest, most of a publish); this costs microseconds.
// The spec stays the chart: this is the fallback the page shows until (or unless) vega-embed takes over.

import { InternalError } from '../domain/errors.js';
import { escapeHtml as esc } from '../domain/html.js';
import { BUCKETS, type Chart } from './charts.js';
import {
  bottomLinear,
  DOMAIN,
  frame,
  hundredths,
  LABEL,
  label,
  labelAttrs,
  leftLinear,
  line,
  linearAxis,
  n,
  PAD,
  rules,
  TICK,
  text,
  texts,
  textWidth,
  titleAttrs,
} from './svg-axes.js';

const COLORS = new Map<string, string>(BUCKETS.map((b) => [b.label, b.color]));

/** A bar whose far end (right) has rounded corners, as `cornerRadiusEnd: 2`. */
function barRight(y: number, w: number, h: number, fill: string): string {
  const r = Math.min(2, w / 2, h / 2);
  return (
    `<path d="M0,${n(y)}h${n(w - r)}a${n(r)},${n(r)} 0 0 1 ${n(r)},${n(r)}v${n(h - 2 * r)}` +
    `a${n(r)},${n(r)} 0 0 1 ${n(-r)},${n(r)}h${n(r - w)}Z" fill="${fill}"/>`
  );
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Players by status: one horizontal bar per status, 26 px per row, 480 px wide. */
function statusSvg(values: readonly Record<string, unknown>[]): string {
  const rows = [...values].sort((a, b) => num(a.order) - num(b.order));
  const [w, step] = [480, 26];
  const h = step * rows.length;
  const axis = linearAxis(0, Math.max(0, ...rows.map((r) => num(r.players))), w, { nice: true, count: true });
  const x = (v: number) => (v / axis.hi) * w;
  const labelW = Math.max(0, ...rows.map((r) => textWidth(str(r.status), LABEL.size)));
  const left = Math.ceil(7 + labelW);
  const out = [bottomLinear(axis, w, h, 'Players')];
  rows.forEach((r, i) => {
    const bw = x(num(r.players));
    if (bw > 0) out.push(barRight(i * step + step * 0.05, bw, step * 0.9, COLORS.get(str(r.status)) ?? '#3182ce'));
  });
  const ticks: string[] = [];
  let shown = '';
  rows.forEach((r, i) => {
    const cy = i * step + step / 2;
    ticks.push(`M-5,${n(cy)}h5`);
    shown += label(-7, cy + 3, str(r.status));
  });
  out.push(line(0, 0, 0, h, DOMAIN), rules(ticks, TICK), texts(labelAttrs('end'), shown));
  return frame(PAD + left + w + 1 + PAD, PAD + h + 33 + PAD, PAD + left, PAD, out.join(''));
}

/** Completion-time bins: bars between each bin's bounds, 1 px apart, 480 x 180. */
function histogramSvg(values: readonly Record<string, unknown>[]): string {
  const [w, h] = [480, 180];
  const bins = values.map((v) => ({ from: num(v.from), to: num(v.to), players: num(v.players) }));
  const lo = bins.length ? Math.min(...bins.map((b) => b.from)) : 0;
  // All completions took the same time (one bin without width): linearAxis makes the domain one unit wide.
  const hi = bins.length ? Math.max(...bins.map((b) => b.to)) : 0;
  const xAxis = linearAxis(lo, hi, w, { nice: false, count: false });
  const yAxis = linearAxis(0, Math.max(0, ...bins.map((b) => b.players)), h, { nice: true, count: true });
  const x = (v: number) => ((v - xAxis.lo) / (xAxis.hi - xAxis.lo)) * w;
  const y = (v: number) => h - (v / yAxis.hi) * h;
  const left = leftLinear(yAxis, w, h, 'Players');
  // The bars share their colour in a group (a path each: see `rules`).
  let bars = '';
  for (const b of bins) {
    const [x0, x1] = [x(b.from) + 1, x(b.to === b.from ? xAxis.hi : b.to)];
    if (b.players > 0 && x1 > x0)
      bars += `<path d="M${n(x0)},${n(y(b.players))}h${n(x1 - x0)}v${n(h - y(b.players))}h${n(x0 - x1)}Z"/>`;
  }
  const out = [left.svg, bottomLinear(xAxis, w, h, 'Minutes to complete')];
  if (bars) out.push(`<g fill="#3182ce">${bars}</g>`);
  return frame(PAD + left.extent + w + 1 + PAD, PAD + 6 + h + 33 + PAD, PAD + left.extent, PAD + 6, out.join(''));
}

const ANGLE = (40 * Math.PI) / 180;

// Marks of one kind as one path of subpaths each placed relative to the last (an element per bar and tick of a 90-date
// history was a third of a quest page); positions in whole hundredths, so the relative steps add up exactly.
class SeriesPath {
  d = '';
  private x = 0;
  private y = 0;

  /**
   * A column from `top` down `height`, drawn as a vertical line at its centre `cx`, stroked as wide as the column (the
   * path's stroke-width, butt caps: exactly the rectangle): 'm<dx>,<dy>v<h>' where a filled rectangle took
   * 'm<dx>,<dy>h<w>v<h>h<-w>z', half the bytes of a quest page's history chart (issue 16 NOTES, round 13).
   */
  column(cx: number, top: number, height: number): void {
    const [x, y, h] = [Math.round(cx * 100), Math.round(top * 100), Math.round(height * 100)];
    const move = this.d ? `m${hundredths(x - this.x)},${hundredths(y - this.y)}` : `M${hundredths(x)},${hundredths(y)}`;
    this.d += `${move}v${hundredths(h)}`;
    [this.x, this.y] = [x, y + h];
  }
  // A 5 px tick down from (x0, top), in a row of ticks at one height.
  tick(x0: number, top: number): void {
    const x = Math.round(x0 * 100);
    this.d += this.d ? `m${hundredths(x - this.x)},-5v5` : `M${hundredths(x)},${n(top)}v5`;
    this.x = x;
  }
}

/** Status per snapshot date: stacked columns, dates rotated -40 degrees, colour legend below; 900 x 220. */
function historySvg(values: readonly Record<string, unknown>[]): string {
  const [w, h] = [900, 220];
  const dates = [...new Set(values.map((v) => str(v.date)))].sort();
  const column = new Map(dates.map((d, i) => [d, i]));
  const totals = new Map<string, number>();
  for (const v of values) totals.set(str(v.date), (totals.get(str(v.date)) ?? 0) + num(v.players));
  const yAxis = linearAxis(0, Math.max(0, ...totals.values()), h, { nice: true, count: true });
  const y = (v: number) => h - (v / yAxis.hi) * h;
  // vega-lite's band scale for bars: 10% of each step between bars, half that outside.
  const step = w / Math.max(1, dates.length);
  const band = step * 0.9;
  const left = leftLinear(yAxis, w, h, 'Players');
  const out = [left.svg];
  const stacked = [...values].sort((a, b) => num(a.rank) - num(b.rank));
  const base = new Map<string, number>();
  const series = new Map<string, SeriesPath>();
  for (const v of stacked) {
    const d = str(v.date);
    const p = num(v.players);
    const from = base.get(d) ?? 0;
    base.set(d, from + p);
    if (p <= 0) continue;
    const fill = COLORS.get(str(v.status)) ?? '#3182ce';
    const path = series.get(fill) ?? new SeriesPath();
    series.set(fill, path);
    path.column((column.get(d) as number) * step + step / 2, y(from + p), y(from) - y(from + p));
  }
  const width = n(band);
  for (const [color, path] of series)
    out.push(`<path d="${path.d}" stroke="${color}" stroke-width="${width}" fill="none"/>`);
  out.push(line(0, h, w, h, DOMAIN));
  // Crowded dates show every k-th label: rotated labels closer than their height would overprint. Labels share attributes.
  const every = Math.max(1, Math.ceil(12 / step));
  const labelW = Math.max(0, ...dates.map((d) => textWidth(d, LABEL.size)));
  const [ticks, labels] = [new SeriesPath(), [] as string[]];
  // The labels in one group turned -40 degrees about the axis line: each placed in the group's turned frame (its date's
  // x turned +40 degrees, 9 px further down), where each carried its own three-step transform (~40 bytes a date).
  const [cos, sin] = [Math.cos(ANGLE), Math.sin(ANGLE)];
  dates.forEach((d, i) => {
    const cx = i * step + step / 2;
    ticks.tick(cx, h);
    if (i % every === 0) labels.push(`<text x="${n(cx * cos)}" y="${n(cx * sin + 9)}">${esc(d)}</text>`);
  });
  out.push(
    `<path d="${ticks.d}" stroke="${TICK}" fill="none"/>` +
      `<g transform="translate(0,${h + 7}) rotate(-40)" ${labelAttrs('end')}>${labels.join('')}</g>`,
  );
  const titleY = h + 7 + labelW * Math.sin(ANGLE) + LABEL.size * Math.cos(ANGLE) + 2 + 11;
  out.push(text(w / 2, titleY, 'Snapshot date', titleAttrs));
  const legendY = titleY + 2 + 18;
  let [lx, names] = [0, ''];
  for (const b of BUCKETS) {
    out.push(`<rect x="${n(lx + 1)}" y="${n(legendY + 1)}" width="10" height="10" fill="${b.color}"/>`);
    names += label(lx + 16, legendY + 10, b.label);
    lx += Math.floor(16 + textWidth(b.label, 12) + 10);
  }
  out.push(texts(`text-anchor="start" font-size="12" fill="${LABEL.color}"`, names));
  return frame(PAD + left.extent + w + PAD, legendY + 12 + PAD + PAD + 6, PAD + left.extent, PAD + 6, out.join(''));
}

const DRAW: Record<string, (values: readonly Record<string, unknown>[]) => string> = {
  status: statusSvg,
  histogram: histogramSvg,
  history: historySvg,
};

/** The static SVG of one of a quest page's charts (questStatusChart, histogramChart, questHistoryChart). */
export function questChartSvg(chart: Chart): string {
  const draw = DRAW[chart.key];
  if (!draw) throw new InternalError(`no static drawing for quest chart '${chart.key}'`);
  return draw(chart.spec.data.values);
}
