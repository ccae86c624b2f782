// The quest pages' three charts drawn as static SVG straight from their spec's data, laid out like vega-lite draws
// them. vega's dataflow cost ~2.5 ms of CPU per chart (three per quest, most of a publish); this costs microseconds.
// The spec stays the chart: this is the fallback the page shows until (or unless) vega-embed takes over.

import { InternalError } from '../domain/errors.js';
import { escapeHtml as esc } from '../domain/html.js';
import { BUCKETS, type Chart, FONT } from './charts.js';

const LABEL = { size: 11, color: '#4a5568' };
const TITLE = { size: 12, color: '#2d3748' };
const [GRID, DOMAIN, TICK] = ['#edf2f7', '#a0aec0', '#888'];
export const PAD = 8;
const COLORS = new Map<string, string>(BUCKETS.map((b) => [b.label, b.color]));

/**
 * Coordinates with at most 2 decimals: the same bytes on every machine, and no `-0`. Written from the integer number
 * of hundredths, which is what String(k / 100) prints but without a double-to-string conversion (a long history
 * chart has thousands of coordinates; that conversion was a tenth of a 5,000-quest publish). `hundredths` takes them.
 */
export const n = (x: number) => hundredths(Math.round(x * 100));
function hundredths(k: number): string {
  if (k === 0) return '0';
  if (!(Math.abs(k) < 1e9)) return String(k / 100);
  const a = Math.abs(k);
  const whole = `${k < 0 ? '-' : ''}${Math.floor(a / 100)}`;
  const cents = a % 100;
  if (cents === 0) return whole;
  return cents % 10 === 0 ? `${whole}.${cents / 10}` : `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** vega's text-width estimate without a canvas (what the vega SVGs were laid out with). */
export const textWidth = (s: string, size: number) => 0.8 * s.length * size;

/** d3's tick step: 1, 2 or 5 times a power of ten, for about `count` ticks. */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const err = raw / power;
  return power * (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.SQRT2 ? 2 : 1);
}

interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
  format: (v: number) => string;
}

/**
 * A linear scale's domain and ticks as vega-lite makes them: `nice` rounds the ends to ticks, counts get whole-number
 * ticks no closer than 1 (tickMinStep), about one tick per 40 px. A domain with no extent becomes one unit wide.
 */
export function linearAxis(lo: number, hi: number, px: number, opts: { nice: boolean; count: boolean }): Axis {
  if (!(hi > lo)) hi = lo + 1;
  if (opts.nice) {
    for (let i = 0; i < 10; i++) {
      const step = tickStep(lo, hi, 10);
      const [l, h] = [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
      if (l === lo && h === hi) break;
      [lo, hi] = [l, h];
    }
  }
  let count = Math.ceil(px / 40);
  if (opts.count) count = Math.min(count, Math.floor(hi - lo) || 1);
  let step = tickStep(lo, hi, count);
  if (opts.count) step = Math.max(1, step);
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let i = first; i * step <= hi + step * 1e-9; i++) ticks.push(Math.round(i * step * 1e9) / 1e9 + 0); // + 0: no -0
  const decimals = opts.count ? 0 : Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const format = opts.count ? (v: number) => String(Math.round(v)) : (v: number) => groupThousands(v.toFixed(decimals));
  return { lo, hi, ticks, format };
}

function groupThousands(s: string): string {
  const [int = '', frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

export const text = (x: number, y: number, s: string, attrs: string) =>
  `<text x="${n(x)}" y="${n(y)}" ${attrs}>${esc(s)}</text>`;
export const labelAttrs = (anchor: string) => `text-anchor="${anchor}" font-size="${LABEL.size}" fill="${LABEL.color}"`;
const titleAttrs = `text-anchor="middle" font-size="${TITLE.size}" font-weight="bold" fill="${TITLE.color}"`;
export const line = (x1: number, y1: number, x2: number, y2: number, color: string) =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${color}"/>`;

/** Horizontal labels that would overlap keep every other one, as vega's "parity" overlap strategy does. */
function visibleLabels(xs: number[], widths: number[]): boolean[] {
  let keep = xs.map(() => true);
  for (let k = 1; k < xs.length; k *= 2) {
    const shown = xs.map((_, i) => i % k === 0);
    const idx = shown.flatMap((s, i) => (s ? [i] : []));
    const overlaps = idx.some((i, j) => {
      const next = idx[j + 1];
      if (next === undefined) return false;
      return (xs[i] as number) + (widths[i] as number) / 2 > (xs[next] as number) - (widths[next] as number) / 2;
    });
    keep = shown;
    if (!overlaps) break;
  }
  return keep;
}

/** A bottom axis for a linear scale: grid, ticks, flush labels (first starts, last ends at the edge), title. */
export function bottomLinear(axis: Axis, w: number, h: number, title: string): string {
  const x = (v: number) => ((v - axis.lo) / (axis.hi - axis.lo)) * w;
  const labels = axis.ticks.map(axis.format);
  const xs = axis.ticks.map(x);
  const keep = visibleLabels(
    xs,
    labels.map((l) => textWidth(l, LABEL.size)),
  );
  const out: string[] = [];
  for (const tx of xs) out.push(line(tx, 0, tx, h, GRID));
  out.push(line(0, h, w, h, DOMAIN));
  xs.forEach((tx, i) => {
    out.push(line(tx, h, tx, h + 5, TICK));
    if (!keep[i]) return;
    const anchor = tx <= 0 ? 'start' : tx >= w ? 'end' : 'middle';
    out.push(text(tx, h + 16, labels[i] as string, labelAttrs(anchor)));
  });
  out.push(text(w / 2, h + 31, title, titleAttrs));
  return out.join('');
}

/** A left axis for a linear count scale: grid, ticks, labels, rotated title; returns the SVG and its width. */
export function leftLinear(axis: Axis, w: number, h: number, title: string): { svg: string; extent: number } {
  const y = (v: number) => h - ((v - axis.lo) / (axis.hi - axis.lo)) * h;
  const labels = axis.ticks.map(axis.format);
  const labelW = Math.max(...labels.map((l) => textWidth(l, LABEL.size)));
  const titleX = -Math.ceil(7 + labelW + 3);
  const out: string[] = [];
  for (const v of axis.ticks) out.push(line(0, y(v), w, y(v), GRID));
  out.push(line(0, 0, 0, h, DOMAIN));
  axis.ticks.forEach((v, i) => {
    out.push(line(-5, y(v), 0, y(v), TICK));
    out.push(text(-7, y(v) + 3, labels[i] as string, labelAttrs('end')));
  });
  out.push(`<text transform="translate(${n(titleX)},${n(h / 2)}) rotate(-90)" ${titleAttrs}>${esc(title)}</text>`);
  return { svg: out.join(''), extent: -titleX + TITLE.size + 1 };
}

export function frame(w: number, h: number, left: number, top: number, body: string): string {
  const [W, H] = [Math.ceil(w), Math.ceil(h)];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" fill="white"/>` +
    `<g transform="translate(${n(left)},${n(top)})" font-family="${esc(FONT)}">${body}</g></svg>`
  );
}

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
  out.push(line(0, 0, 0, h, DOMAIN));
  rows.forEach((r, i) => {
    const cy = i * step + step / 2;
    out.push(line(-5, cy, 0, cy, TICK), text(-7, cy + 3, str(r.status), labelAttrs('end')));
  });
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
  const out = [left.svg, bottomLinear(xAxis, w, h, 'Minutes to complete')];
  for (const b of bins) {
    const [x0, x1] = [x(b.from) + 1, x(b.to === b.from ? xAxis.hi : b.to)];
    if (b.players > 0 && x1 > x0) {
      out.push(
        `<path d="M${n(x0)},${n(y(b.players))}h${n(x1 - x0)}v${n(h - y(b.players))}h${n(x0 - x1)}Z" fill="#3182ce"/>`,
      );
    }
  }
  return frame(PAD + left.extent + w + 1 + PAD, PAD + 6 + h + 33 + PAD, PAD + left.extent, PAD + 6, out.join(''));
}

const ANGLE = (40 * Math.PI) / 180;

// Marks of one kind as one path of subpaths each placed relative to the last (an element per bar and tick of a 90-date
// history was a third of a quest page); positions in whole hundredths, so the relative steps add up exactly.
class SeriesPath {
  d = '';
  private x = 0;
  private y = 0;

  bar(x0: number, top: number, width: number, height: number): void {
    const [x, y, w] = [Math.round(x0 * 100), Math.round(top * 100), Math.round(width * 100)];
    const move = this.d ? `m${hundredths(x - this.x)},${hundredths(y - this.y)}` : `M${hundredths(x)},${hundredths(y)}`;
    this.d += `${move}h${hundredths(w)}v${hundredths(Math.round(height * 100))}h${hundredths(-w)}z`;
    [this.x, this.y] = [x, y];
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
    path.bar((column.get(d) as number) * step + step * 0.05, y(from + p), band, y(from) - y(from + p));
  }
  for (const [fill, path] of series) out.push(`<path d="${path.d}" fill="${fill}"/>`);
  out.push(line(0, h, w, h, DOMAIN));
  // Crowded dates show every k-th label: rotated labels closer than their height would overprint. Labels share attributes.
  const every = Math.max(1, Math.ceil(12 / step));
  const labelW = Math.max(0, ...dates.map((d) => textWidth(d, LABEL.size)));
  const [ticks, labels] = [new SeriesPath(), [] as string[]];
  dates.forEach((d, i) => {
    const cx = i * step + step / 2;
    ticks.tick(cx, h);
    if (i % every === 0)
      labels.push(`<text transform="translate(${n(cx)},${h + 7}) rotate(-40) translate(0,9)">${esc(d)}</text>`);
  });
  out.push(`<path d="${ticks.d}" stroke="${TICK}" fill="none"/><g ${labelAttrs('end')}>${labels.join('')}</g>`);
  const titleY = h + 7 + labelW * Math.sin(ANGLE) + LABEL.size * Math.cos(ANGLE) + 2 + 11;
  out.push(text(w / 2, titleY, 'Snapshot date', titleAttrs));
  const legendY = titleY + 2 + 18;
  let lx = 0;
  for (const b of BUCKETS) {
    out.push(
      `<rect x="${n(lx + 1)}" y="${n(legendY + 1)}" width="10" height="10" fill="${b.color}"/>`,
      text(lx + 16, legendY + 10, b.label, `text-anchor="start" font-size="12" fill="${LABEL.color}"`),
    );
    lx += Math.floor(16 + textWidth(b.label, 12) + 10);
  }
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
