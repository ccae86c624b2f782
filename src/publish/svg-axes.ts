// The axes and frame the static SVG charts share (svg-charts.ts's quest charts, survival.ts, chains.ts), laid out as
// vega-lite lays them out. Marks of one kind and colour are one path, and texts of one style share their attributes in
// a group: an element with its own attributes per grid line, tick and label was most of a chart's bytes, and a nightly
// writes the charts of every quest page. Same drawing: the same lines, at the same places, painted in the same order
// where they overlap.

import { escapeHtml as esc } from '../domain/html.js';

export const LABEL = { size: 11, color: '#4a5568' };
const TITLE = { size: 12, color: '#2d3748' };
export const [GRID, DOMAIN, TICK] = ['#edf2f7', '#a0aec0', '#888'];
export const PAD = 8;

/**
 * Coordinates with at most 2 decimals: the same bytes on every machine, and no `-0`. Written from the integer number
 * of hundredths, which is what String(k / 100) prints but without a double-to-string conversion (a long history
 * chart has thousands of coordinates; that conversion was a tenth of a 5,000-quest publish). `hundredths` takes them.
 */
export const n = (x: number) => hundredths(Math.round(x * 100));
export function hundredths(k: number): string {
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
export const titleAttrs = `text-anchor="middle" font-size="${TITLE.size}" font-weight="bold" fill="${TITLE.color}"`;
export const line = (x1: number, y1: number, x2: number, y2: number, color: string) =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${color}"/>`;
/**
 * Lines of one colour in a group, a path each (`d`: 'M<x>,<y>' and one H/V/h/v). A path per line, not one path of
 * them all: Chromium anti-aliases a path of several subpaths a little differently (±1-5 levels at edges), and a
 * one-segment path is exactly what it draws for a <line> (it turns the line into that path).
 */
export const rules = (d: readonly string[], color: string) =>
  `<g stroke="${color}" fill="none"><path d="${d.join('"/><path d="')}"/></g>`;
/** A text without attributes of its own but its place (and an anchor other than its group's): see `texts`. */
export const label = (x: number, y: number, s: string, anchor = '') =>
  `<text x="${n(x)}" y="${n(y)}"${anchor && ` text-anchor="${anchor}"`}>${esc(s)}</text>`;
/** Texts sharing their attributes (`attrs`) in a group. */
export const texts = (attrs: string, body: string) => `<g ${attrs}>${body}</g>`;

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
  const [grid, ticks] = [[] as string[], [] as string[]];
  let shown = '';
  xs.forEach((tx, i) => {
    grid.push(`M${n(tx)},0V${n(h)}`);
    ticks.push(`M${n(tx)},${n(h)}v5`);
    if (keep[i]) shown += label(tx, h + 16, labels[i] as string, tx <= 0 ? 'start' : tx >= w ? 'end' : '');
  });
  // Grid under the domain line, ticks over it, as vega paints them.
  return (
    rules(grid, GRID) +
    line(0, h, w, h, DOMAIN) +
    rules(ticks, TICK) +
    texts(labelAttrs('middle'), shown) +
    text(w / 2, h + 31, title, titleAttrs)
  );
}

/** A left axis for a linear count scale: grid, ticks, labels, rotated title; returns the SVG and its width. */
export function leftLinear(axis: Axis, w: number, h: number, title: string): { svg: string; extent: number } {
  const y = (v: number) => h - ((v - axis.lo) / (axis.hi - axis.lo)) * h;
  const labels = axis.ticks.map(axis.format);
  const labelW = Math.max(...labels.map((l) => textWidth(l, LABEL.size)));
  const titleX = -Math.ceil(7 + labelW + 3);
  const [grid, ticks] = [[] as string[], [] as string[]];
  let shown = '';
  axis.ticks.forEach((v, i) => {
    grid.push(`M0,${n(y(v))}h${n(w)}`);
    ticks.push(`M-5,${n(y(v))}h5`);
    shown += label(-7, y(v) + 3, labels[i] as string);
  });
  const svg =
    rules(grid, GRID) +
    line(0, 0, 0, h, DOMAIN) +
    rules(ticks, TICK) +
    texts(labelAttrs('end'), shown) +
    `<text transform="translate(${n(titleX)},${n(h / 2)}) rotate(-90)" ${titleAttrs}>${esc(title)}</text>`;
  return { svg, extent: -titleX + TITLE.size + 1 };
}

/**
 * A chart's outer SVG. No font-family: every drawing is inline in a page, whose body sets the same font stack as the
 * specs' FONT (style.css), which the SVG's text inherits (~100 bytes a chart, four a quest page).
 */
export function frame(w: number, h: number, left: number, top: number, body: string): string {
  const [W, H] = [Math.ceil(w), Math.ceil(h)];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" fill="white"/>` +
    `<g transform="translate(${n(left)},${n(top)})">${body}</g></svg>`
  );
}
