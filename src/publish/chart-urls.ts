// A quest page's status, histogram and survival charts as published: the specs beside the page read their figures by
// URL from the quest's API JSON (its `buckets`, `completion_histogram` and `survival_curve`, chart-figures.ts) instead
// of carrying a copy, so the page's spec file keeps its bytes when only the figures change and a nightly leaves it as
// it is (as history-chart.ts does for the history chart). Marks and encodings are the inline charts' own: transforms
// rebuild the inline values' fields from the API's.
import { BUCKETS, type Chart } from './charts.js';

/** The status chart's bars: each bucket field with its label and order (the inline chart's `status` and `order`). */
const STATUS = BUCKETS.map((b, order) => ({ bucket: b.field, order, status: b.label }));

const renamed = (fields: Record<string, string>) =>
  Object.entries(fields).map(([as, from]) => ({ calculate: `datum.${from}`, as }));

/** What each chart reads from the quest JSON: the property holding its rows, and how they become the inline values. */
const SOURCES: Record<string, { property: string; transform: Record<string, unknown>[] }> = {
  status: {
    property: 'buckets',
    transform: [
      { fold: STATUS.map((s) => s.bucket), as: ['bucket', 'players'] },
      { lookup: 'bucket', from: { data: { values: STATUS }, key: 'bucket', fields: ['order', 'status'] } },
    ],
  },
  histogram: { property: 'completion_histogram', transform: renamed({ from: 'from_minutes', to: 'to_minutes' }) },
  survival: {
    property: 'survival_curve',
    transform: renamed({
      high: 'surviving_high_percent',
      low: 'surviving_low_percent',
      surviving: 'surviving_percent',
    }),
  },
};

/** `chart` with the spec to publish reading `url` (the quest JSON, relative to the page), when it is one of SOURCES. */
export function chartByUrl(chart: Chart, url: string): Chart {
  const source = SOURCES[chart.key];
  if (!source) return chart;
  const { data: _inline, ...rest } = chart.spec;
  const data = { url, format: { type: 'json', property: source.property } };
  return { ...chart, published: { ...rest, data, transform: source.transform } };
}
