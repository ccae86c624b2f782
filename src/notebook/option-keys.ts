// The option keys each notebook call takes, checked at run time: tslab's type check refuses an unknown key only in an
// object literal, so `const o = { dat: '2026-11-28' }; ql.stats(o)` (or plain JavaScript) would run on the defaults and
// show the latest snapshot as if it were the one asked for. Each list is tied to its type by `satisfies`, so a new
// option that is not listed here is a compile error.
import { UserError } from '../domain/errors.js';
import { nearest } from '../domain/nearest.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import type { ChartOptions } from './charts.js';
import type { TableOptions } from './display.js';
import type { SegmentQueryOptions } from './segments.js';

const keys = <T>(record: Record<keyof T, true>) => Object.keys(record);

export const CHART_KEYS = keys<ChartOptions>({
  date: true,
  quest: true,
  by: true,
  chain: true,
  limit: true,
  title: true,
});
export const SEGMENT_KEYS = keys<SegmentQueryOptions>({ by: true, date: true, quest: true, minPlayers: true });
export const STATS_KEYS = [...SEGMENT_KEYS, 'limit'];
export const TABLE_KEYS = keys<TableOptions>({ limit: true, total: true, columns: true, caption: true, rest: true });

/** Refuses a key of `opts` that `call` does not take, naming it, the nearest known ones and every one. */
export function checkOptions(call: string, opts: unknown, known: readonly string[]): void {
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) return;
  for (const key of Object.keys(opts)) {
    if (!known.includes(key)) throw new UserError(msg.unknownOption(call, key, nearest(key, known), known));
  }
}
