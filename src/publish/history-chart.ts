// A quest page's history chart as published: the spec beside the page reads its data from the quest's files holding
// each month (closed months' api/v1/quests/<id>/history/YYYY-MM.json, and history.json for the open month: both list
// their entries under `history`) instead of carrying a copy of it. The spec names files, one per month, not dates, so
// its bytes change once a month, not when the figures do (a nightly keeps the file as it is), and a quest's history is
// written once a night, in its history.json.
import { BUCKETS, type Chart } from './charts.js';

/** The bucket fields of a history entry, as the chart's status labels and stacking order. */
const STATUS = BUCKETS.map((b, rank) => ({ bucket: b.field, rank, status: b.label }));

/**
 * `chart` (questHistoryChart, inline data: what the static SVG and notebooks draw) with the spec to publish: the same
 * marks and encoding, one layer per file of `urls` (the files holding the page's months, relative to the page;
 * each date is in one file, so each layer stacks its own dates), one row per date and status made by folding each
 * entry's bucket fields, dates under the privacy floor left out as the inline chart leaves them out.
 */
export function historyChartByUrls(chart: Chart, urls: readonly string[]): Chart {
  const { data: _inline, encoding, mark, ...rest } = chart.spec;
  const { x, ...others } = encoding as Record<string, Record<string, unknown>>;
  const transform = [
    { filter: 'datum.suppressed !== true' },
    { fold: STATUS.map((s) => s.bucket), as: ['bucket', 'players'] },
    { lookup: 'bucket', from: { data: { values: STATUS }, key: 'bucket', fields: ['rank', 'status'] } },
  ];
  return {
    ...chart,
    published: {
      ...rest,
      encoding: { x: { ...x, field: 'snapshot_date' }, ...others },
      layer: urls.map((url) => ({ data: { url, format: { type: 'json', property: 'history' } }, transform, mark })),
    },
  };
}
