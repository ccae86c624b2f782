// The quest pages' static SVG charts (src/publish/svg-charts.ts): exact bytes for the fixture, scales at their edges, escaping.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QuestStats } from '../src/domain/types.js';
import { histogramChart, questHistoryChart, questStatusChart } from '../src/publish/charts.js';
import { withTextAlternative } from '../src/publish/report.js';
import { linearAxis, n, tickStep } from '../src/publish/svg-axes.js';
import { questChartSvg } from '../src/publish/svg-charts.js';
import { SITE, XSS_IMG, XSS_SCRIPT } from './fixtures/publish/site.js';
import { tempDir } from './helpers.js';
import { expectGolden } from './publish-helpers.js';

/** The bucket labels in display order: the status chart's axis and the history chart's legend. */
const STATUS_LABELS = ['Completed', 'Accepted', 'Declined', 'Abandoned', 'Failed', 'Not encountered'];

const [herbs] = SITE.snapshot.quests;
if (!herbs) throw new Error('fixture');
const herbsHistory = SITE.history.filter((r) => r.quest_id === herbs.quest_id);
const herbsBins = SITE.histogram.filter((b) => b.quest_id === herbs.quest_id);

const statusOf = (over: Partial<QuestStats>) => questChartSvg(questStatusChart({ ...herbs, ...over }));
/** The texts of an SVG, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
/** Filled paths and their fill: their own, or their group's (the histogram's bars share one). */
const bars = (svg: string) => [
  ...[...svg.matchAll(/<path d="([^"]*)" fill="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]),
  ...[...svg.matchAll(/<g fill="([^"]*)">(.*?)<\/g>/g)].flatMap((g) =>
    [...(g[2] ?? '').matchAll(/<path d="([^"]*)"\/>/g)].map((m) => [m[1], g[1]]),
  ),
];
/** The history chart's columns: each bucket's path, its colour and stroke width (the columns' width). */
const columns = (svg: string) =>
  [...svg.matchAll(/<path d="([^"]*)" stroke="([^"]*)" stroke-width="([^"]*)" fill="none"\/>/g)].map((m) => [
    m[1],
    m[2],
    m[3],
  ]);
/** The history chart's date labels: the texts of its group turned -40 degrees. */
const dateLabels = (svg: string) =>
  texts(/<g transform="translate\(0,227\) rotate\(-40\)"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '');
/** The `d` of each path in the group of lines of one colour. */
const rules = (svg: string, color: string) =>
  [
    ...(new RegExp(`<g stroke="${color}" fill="none">(.*?)</g>`).exec(svg)?.[1] ?? '').matchAll(
      /<path d="([^"]*)"\/>/g,
    ),
  ].map((m) => m[1]);

describe('static quest charts', () => {
  it('draw the fixture quest exactly (golden SVG per kind)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'status.svg'), questChartSvg(questStatusChart(herbs)));
    writeFileSync(join(dir, 'histogram.svg'), questChartSvg(histogramChart(herbsBins)));
    writeFileSync(join(dir, 'history.svg'), questChartSvg(questHistoryChart(herbsHistory)));
    expectGolden(dir, 'publish-svg');
  });

  it('status: one bar per non-zero status in the bucket colours, whole-number ticks, labels in order', () => {
    const svg = statusOf({ completed: 3, accepted: 0, declined: 1, abandoned: 1, failed: 0, not_encountered: 0 });
    expect(texts(svg)).toEqual(['0', '1', '2', '3', 'Players', ...STATUS_LABELS]);
    expect(bars(svg)).toEqual([
      ['M0,1.3h478a2,2 0 0 1 2,2v19.4a2,2 0 0 1 -2,2h-478Z', '#2f855a'],
      ['M0,53.3h158a2,2 0 0 1 2,2v19.4a2,2 0 0 1 -2,2h-158Z', '#d69e2e'],
      ['M0,79.3h158a2,2 0 0 1 2,2v19.4a2,2 0 0 1 -2,2h-158Z', '#975a16'],
    ]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="marks" width="636" height="205" /);
  });

  it('status: all zeros give an axis 0..1 and no bars; 1 player 0..1; 1,000,000 players thin out labels', () => {
    const zero = { completed: 0, accepted: 0, declined: 0, abandoned: 0, failed: 0, not_encountered: 0 };
    expect(bars(statusOf(zero))).toEqual([]);
    expect(texts(statusOf(zero)).slice(0, 3)).toEqual(['0', '1', 'Players']);
    const one = statusOf({ ...zero, completed: 1 });
    expect(texts(one).slice(0, 3)).toEqual(['0', '1', 'Players']);
    expect(bars(one)).toEqual([['M0,1.3h478a2,2 0 0 1 2,2v19.4a2,2 0 0 1 -2,2h-478Z', '#2f855a']]);
    const million = statusOf({ ...zero, not_encountered: 1_000_000, completed: 1 });
    // Ticks every 100,000 (grid and tick marks for all 11), labels of 7 digits would overprint: every other one.
    expect(texts(million).slice(0, 7)).toEqual(['0', '200000', '400000', '600000', '800000', '1000000', 'Players']);
    // The grid lines share their colour in a group, a path each; the tick marks too (below the bars, beside the labels).
    expect(rules(million, '#edf2f7')).toHaveLength(11);
    expect(rules(million, '#edf2f7')[1]).toBe('M48,0V156');
    expect(rules(million, '#888').filter((d) => /^M[\d.]+,156v5$/.test(d ?? ''))).toHaveLength(11);
    // The 1-player bar is drawn (under a pixel wide), never rounded away to nothing.
    expect(bars(million)[0]?.[0]).toMatch(/^M0,1\.3h0a0,0 /);
  });

  it('histogram: one bin, and one bin with no width (all completions equally long)', () => {
    const one = questChartSvg(histogramChart([{ quest_id: 'Q', bin_start: 600, bin_end: 1200, players: 7 }]));
    expect(bars(one)).toEqual([['M1,0h479v180h-479Z', '#3182ce']]);
    expect(texts(one)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      'Players',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
      'Minutes to complete',
    ]);
    const flat = questChartSvg(histogramChart([{ quest_id: 'Q', bin_start: 90, bin_end: 90, players: 2 }]));
    expect(bars(flat)).toEqual([['M1,0h479v180h-479Z', '#3182ce']]);
    expect(texts(flat).slice(4, -1)).toEqual([
      '1.5',
      '1.6',
      '1.7',
      '1.8',
      '1.9',
      '2.0',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
    ]);
  });

  it('history: 60 dates get 60 columns and 60 rotated labels; counts stack in bucket order', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      ...herbs,
      snapshot_date: `2026-10-${String(i + 1).padStart(2, '0')}`,
      completed: i,
      not_encountered: 60 - i,
    }));
    const svg = questChartSvg(questHistoryChart(rows));
    // The date labels share one group turned -40 degrees, each placed in its frame (no transform of its own).
    expect(svg.match(/rotate\(-40\)/g)).toHaveLength(1);
    expect(dateLabels(svg)).toHaveLength(60);
    // One path per bucket, stroked as wide as a column, one subpath per column: the first placed absolutely, each
    // next one 15 px on.
    const paths = columns(svg);
    expect(paths.map(([, color, width]) => [color, width])).toEqual([
      ['#2f855a', '13.5'],
      ['#d69e2e', '13.5'],
      ['#975a16', '13.5'],
      ['#cbd5e0', '13.5'],
    ]);
    const green = (paths[0]?.[0] ?? '').split(/(?=[mM])/);
    expect(green).toHaveLength(59);
    // Every column totals 60 + the fixture's other buckets; the first green column sits on the axis, 15 px steps,
    // each a vertical line at its column's centre from its top down its height.
    expect(green[0]).toMatch(/^M22\.5,[\d.]+v[\d.]+$/);
    expect(green[1]).toMatch(/^m15,-[\d.]+v[\d.]+$/);
    // Relative steps add up to the absolute places: the last column's centre is at 59 x 15 + 7.5; each column ends on
    // the axis (y 220), so the next one's move goes up by exactly its height.
    const xs = green.map((d) => Number(/^[mM](-?[\d.]+),/.exec(d)?.[1]));
    expect(xs.reduce((a, b) => a + b, 0)).toBeCloseTo(59 * 15 + 7.5, 6);
    for (const d of green.slice(1)) {
      const [, dy, h] = /^m15,(-[\d.]+)v([\d.]+)$/.exec(d) ?? [];
      expect(Number(dy)).toBe(-Number(h));
    }
    const many = questChartSvg(
      questHistoryChart(Array.from({ length: 365 }, (_, i) => ({ ...herbs, snapshot_date: `d${1000 + i}` }))),
    );
    // Columns 2.5 px apart: every 5th date is labelled, not all 365 printed over each other.
    expect(dateLabels(many)).toHaveLength(73);
    expect(texts(many).slice(-6)).toEqual(STATUS_LABELS);
  });

  it('escape hostile text and carry the page text alternative', () => {
    const hostile = questHistoryChart([{ ...herbs, snapshot_date: XSS_SCRIPT }]);
    const svg = questChartSvg(hostile);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    const status = questStatusChart(herbs);
    status.spec.data.values[0] = { status: XSS_IMG, order: 0, players: 1 };
    const img = questChartSvg(status);
    expect(img).not.toContain('<img');
    expect(texts(img)).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    const page = withTextAlternative(img, XSS_IMG, `${XSS_SCRIPT} & more`);
    expect(page).toMatch(
      /^<svg role="img" aria-label="&lt;img src&#x3D;x onerror&#x3D;alert\(1\)&gt;" focusable="false" /,
    );
    expect(page).toContain('<title>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</title><desc>&lt;/script&gt;');
    expect(page).not.toMatch(/<(img|script)/);
  });

  it('are a function of the data alone', () => {
    const a = questChartSvg(questHistoryChart(herbsHistory));
    questChartSvg(questHistoryChart(SITE.history));
    expect(questChartSvg(questHistoryChart(herbsHistory))).toBe(a);
  });
});

describe('scales', () => {
  it('writes coordinates as String(rounded to hundredths) would, without -0', () => {
    const reference = (x: number) => {
      const r = Math.round(x * 100) / 100;
      return String(r === 0 ? 0 : r);
    };
    const xs = [
      0,
      -0,
      0.004,
      -0.004,
      0.005,
      -0.005,
      0.1,
      0.29,
      1.005,
      12.3,
      -12.34,
      99.999,
      1e7 + 0.07,
      1e12,
      -3e15,
      NaN,
    ];
    for (let k = -30000; k <= 30000; k++) xs.push(k / 100, k / 100 + 0.001, k * 7.3);
    let seed = 7;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 48271) % 2147483647;
      xs.push((seed / 2147483647 - 0.5) * 10 ** (i % 9));
    }
    const wrong = xs.filter((x) => n(x) !== reference(x));
    expect(wrong).toEqual([]);
  });

  it('step like d3 (1, 2, 5 times a power of ten)', () => {
    expect([tickStep(0, 70000, 12), tickStep(30, 120, 12), tickStep(0, 1, 12), tickStep(0, 3, 3)]).toEqual([
      5000, 10, 0.1, 1,
    ]);
  });

  it('nice count domains with whole-number ticks only', () => {
    const a = linearAxis(0, 67329, 480, { nice: true, count: true });
    expect([a.lo, a.hi, a.ticks.length, a.format(65000)]).toEqual([0, 70000, 15, '65000']);
    expect(linearAxis(0, 3, 480, { nice: true, count: true }).ticks).toEqual([0, 1, 2, 3]);
    expect(linearAxis(0, 0, 180, { nice: true, count: true }).ticks).toEqual([0, 1]);
    expect(linearAxis(0, 7, 180, { nice: true, count: true }).ticks).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(linearAxis(0, 13, 180, { nice: true, count: true }).ticks).toEqual([0, 2, 4, 6, 8, 10, 12]);
    const minutes = linearAxis(0.5, 1234.5, 480, { nice: false, count: false });
    expect(minutes.ticks.at(-1)).toBe(1200);
    expect(minutes.format(1200)).toBe('1,200');
  });
});
