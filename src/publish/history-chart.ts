// A quest page's history chart as published: the spec beside the page reads its data from the quest's history.json
// instead of carrying a copy of it, so the spec's bytes do not change when only the figures do (a nightly keeps the
// file as it is) and a quest's history is written once a night, not three times (history.json, spec, page).
import { BUCKETS, type Chart } from './charts.js';

/** The bucket fields of a history.json entry, as the chart's status labels and stacking order. */
const STATUS = BUCKETS.map((b, rank) => ({ bucket: b.field, rank, status: b.label }));

/**
 * `chart` (questHistoryChart, inline data: what the static SVG and notebooks draw) with the spec to publish: the same
 * marks and encoding over `url` (the quest's history.json, relative to its page), one row per date and status made
 * by folding each entry's bucket fields, dates under the privacy floor left out as the inline chart leaves them out.
 */
export function historyChartByUrl(chart: Chart, url: string): Chart {
  const { data: _inline, encoding, ...rest } = chart.spec;
  const { x, ...others } = encoding as Record<string, Record<string, unknown>>;
  return {
    ...chart,
    published: {
      ...rest,
      data: { url, format: { type: 'json', property: 'history' } },
      transform: [
        { filter: 'datum.suppressed !== true' },
        { fold: STATUS.map((s) => s.bucket), as: ['bucket', 'players'] },
        { lookup: 'bucket', from: { data: { values: STATUS }, key: 'bucket', fields: ['rank', 'status'] } },
      ],
      encoding: { x: { ...x, field: 'snapshot_date' }, ...others },
    },
  };
}
