// Segments in notebooks: `ql.stats({ by })` rows and `ql.chart('segments', { quest, by })`. Notebooks are inside the
// studio: they see every row unless they ask for the published floor (`minPlayers`).

import { UserError } from '../domain/errors.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import type { SegmentRow } from '../domain/types.js';
import type { Db } from '../engine/db.js';
import { getSnapshot } from '../engine/read.js';
import { checkDimension, getSegmentRows } from '../engine/segments.js';
import { type Chart, FONT } from '../publish/charts.js';
import { applyFloor } from '../publish/privacy.js';
import { formatDuration, formatInterval, formatPercent } from './display.js';
import { unknownQuestIn } from './quest-ids.js';

export interface SegmentQueryOptions {
  by: string;
  date?: string;
  quest?: string;
  /** Apply the published privacy floor (default 0: every row). */
  minPlayers?: number;
}

/** Stored figures per quest and value of `by` (each quest's overall row first), for the snapshot (default latest). */
export async function segmentRows(db: Db, opts: SegmentQueryOptions): Promise<SegmentRow[]> {
  const date = opts.date ?? (await getSnapshot(db)).meta.snapshot_date;
  const dimension = await checkDimension(db, opts.by, date);
  const rows = await getSegmentRows(db, { date, dimension, quest: opts.quest });
  if (opts.quest !== undefined && rows.length === 0) {
    throw await unknownQuestIn(db, msg.questNotInSnapshot(opts.quest, date), opts.quest, date);
  }
  return applyFloor(rows, opts.minPlayers ?? 0);
}

/**
 * Rows as `stats({ by })` shows them: counts as they are, rates readable with their 95% interval. The value column is
 * named after the dimension on every row, the quest's overall row `(all)`.
 */
export function segmentTable(rows: readonly SegmentRow[], by: string): Record<string, unknown>[] {
  return rows.map((r) => ({
    quest: r.quest_id,
    [by]: r.dimension === null ? '(all)' : r.value,
    players: r.players,
    met: r.encountered,
    completed: r.completed,
    conversion: formatPercent(r.conversion_rate),
    conversion_95: formatInterval(r.conversion_rate_low, r.conversion_rate_high),
    completion: formatPercent(r.completion_rate),
    completion_95: formatInterval(r.completion_rate_low, r.completion_rate_high),
    median: formatDuration(r.median_seconds),
    suppressed: r.suppressed ? 'yes' : '',
  }));
}

/** One quest's conversion per value of a dimension: a point on its 95% interval per value (values by name). */
export async function segmentChart(db: Db, opts: { quest?: string; by?: string; date?: string }): Promise<Chart> {
  if (!opts.quest) throw new UserError(msg.chartNeedsQuest('segments'));
  if (!opts.by) throw new UserError(msg.chartNeedsBy);
  const rows = (await segmentRows(db, { by: opts.by, date: opts.date, quest: opts.quest })).filter(
    (r) => r.dimension !== null && r.conversion_rate !== null,
  );
  // segmentRows has checked the quest is in the snapshot: nobody has met it (a catalogue quest nobody reached).
  if (rows.length === 0) throw new UserError(msg.noSegmentMet(opts.quest, opts.by, opts.date));
  const values = rows.map((r) => ({
    value: r.value,
    rate: r.conversion_rate,
    low: r.conversion_rate_low,
    high: r.conversion_rate_high,
    players: r.players,
  }));
  const description = `Conversion (completed / players who met it) of ${opts.quest} per ${opts.by}, each with its 95% Wilson interval: values whose intervals overlap are not shown to differ.`;
  const y = { field: 'value', type: 'nominal', title: opts.by, sort: null };
  return {
    key: 'segments',
    title: `${opts.quest} by ${opts.by}`,
    description,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      description,
      width: 480,
      background: 'white',
      config: { font: FONT, view: { stroke: null } },
      height: { step: 24 },
      data: { name: 'table', values },
      layer: [
        {
          mark: { type: 'rule', color: '#3182ce', strokeWidth: 2 },
          encoding: {
            y,
            x: {
              field: 'low',
              type: 'quantitative',
              title: 'Conversion (completed / met)',
              axis: { format: '%' },
              scale: { domain: [0, 1] },
            },
            x2: { field: 'high' },
          },
        },
        {
          mark: { type: 'point', filled: true, color: '#2c5282', size: 60, tooltip: true },
          encoding: { y, x: { field: 'rate', type: 'quantitative' } },
        },
      ],
    } as Chart['spec'],
    table: {
      columns: [opts.by, 'Players', 'Conversion', '95% low', '95% high'],
      rows: values.map((v) => [v.value, v.players, v.rate, v.low, v.high]),
    },
  };
}
