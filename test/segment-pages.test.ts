// The report's segment views: values listed by name, called above / below another only when the 95% conversion
// intervals do not overlap; suppressed values get no bar.
import { describe, expect, it } from 'vitest';
import type { SegmentRow } from '../src/domain/types.js';
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
