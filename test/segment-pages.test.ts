// The report's segment views: values listed by name, called above / below another only when the 95% conversion
// intervals do not overlap; suppressed values get no bar.
import { describe, expect, it } from 'vitest';
import type { SegmentRow } from '../src/domain/types.js';
import { breakdownsHtml } from '../src/publish/segment-html.js';
import { breakdownRows } from '../src/publish/segment-pages.js';

const row = (value: string, rate: number, low: number, high: number, suppressed = false): SegmentRow =>
  ({
    snapshot_date: '2026-11-28',
    quest_id: 'Q',
    name: 'Q',
    dimension: 'build',
    value,
    conversion_rate: suppressed ? null : rate,
    conversion_rate_low: suppressed ? null : low,
    conversion_rate_high: suppressed ? null : high,
    suppressed,
  }) as SegmentRow;

describe('segment breakdown', () => {
  it('names a difference only between disjoint intervals, and keeps the order it was given', () => {
    const out = breakdownRows([
      row('1.4', 0.75, 0.6, 0.9),
      row('1.5', 0.2, 0.1, 0.3),
      // Overlaps both: different from neither, though its rate lies between theirs.
      row('1.6', 0.45, 0.25, 0.65),
      row('1.7', 0, 0, 0, true),
    ]);
    expect(out.map((r) => [r.value, r.above, r.below])).toEqual([
      ['1.4', ['1.5'], []],
      ['1.5', [], ['1.4']],
      ['1.6', [], []],
      ['1.7', [], []],
    ]);
    expect(out.map((r) => r.bar)).toEqual([
      { x1: 60, x2: 90, cx: 75, y: 6 },
      { x1: 10, x2: 30, cx: 20, y: 18 },
      { x1: 25, x2: 65, cx: 45, y: 30 },
      null,
    ]);
  });
});

describe('segment breakdown HTML', () => {
  it('writes the bars, each row, the suppressed ones and both kinds of difference, values escaped', () => {
    const rows = breakdownRows([
      { ...row('<b>&"', 0.5, 0.45, 0.55), players: 1234, encountered: 1000, completed: 500, completion_rate: 0.4 },
      { ...row('lo', 0.2, 0.1, 0.3), players: 10, encountered: 9, completed: 2, times_suppressed: true },
      { ...row('hi', 0.8, 0.7, 0.9), players: 20, encountered: 19, completed: 15, median_seconds: 125 },
      row('x', 0, 0, 0, true),
    ]);
    const html = breakdownsHtml([{ dimension: "b'd", rows, height: 48, hasBars: true }], 5);
    expect(html.split('\n')).toEqual([
      '<section class="breakdown" aria-labelledby="seg-b&#x27;d-title">',
      '  <h3 id="seg-b&#x27;d-title">By b&#x27;d</h3>',
      '  <svg class="ranges" viewBox="0 0 100 48" preserveAspectRatio="none" role="img" aria-label="Conversion by b&#x27;d (completed / players who met the quest) with 95% intervals" focusable="false">',
      '    <g class="range"><path d="M45,6H55"/><path d="M10,18H30"/><path d="M70,30H90"/></g>' +
        '<g class="point"><circle cx="50" cy="6" r="1.6"/><circle cx="20" cy="18" r="1.6"/><circle cx="80" cy="30" r="1.6"/></g>',
      '  </svg>',
      '  <p class="scale" aria-hidden="true"><span>0%</span><span>50%</span><span>100%</span></p>',
      '  <div class="table-wrap">',
      '  <table class="data">',
      '    <thead><tr><th scope="col">b&#x27;d</th><th scope="col" class="n">Players</th><th scope="col" class="n">Met it</th><th scope="col" class="n">Completed</th><th scope="col" class="n">Conversion</th><th scope="col" class="n">95% interval</th><th scope="col" class="n">Completion rate</th><th scope="col" class="n">Median time</th><th scope="col">Clearly different</th></tr></thead>',
      '    <tbody>',
      // The rows on one line, without the end tags the next cell, row or </tbody> implies.
      '<tr><th scope="row">&lt;b&gt;&amp;&quot;<td>1,234<td>1,000<td>500<td>50.0%<td>45.0–55.0%<td>40.0%<td>–' +
        '<td>above lo; below hi' +
        '<tr><th scope="row">lo<td>10<td>9<td>2<td>20.0%<td>10.0–30.0%<td>–<td>suppressed' +
        '<td>below &lt;b&gt;&amp;&quot;, below hi' +
        '<tr><th scope="row">hi<td>20<td>19<td>15<td>80.0%<td>70.0–90.0%<td>–<td>2 min 05 s' +
        '<td>above &lt;b&gt;&amp;&quot;, above lo' +
        '<tr><th scope="row">x<td colspan="7">suppressed (fewer than 5 players)<td></tbody>',
      '  </table>',
      '  </div>',
      '</section>',
      '',
    ]);
  });
});
