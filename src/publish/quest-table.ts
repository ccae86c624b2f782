// The index's quest table at any scale: pages of TABLE_PAGE rows, worst conversion first, with plain links (complete
// with JavaScript off), and one data file with every row in the same order, which table.js searches, filters and sorts.

import { formatDuration, formatInt, formatPercent, formatRateInterval } from '../domain/format.js';
import type { QuestStats } from '../domain/types.js';
import { questPaths } from './api.js';
import { worstFirst } from './rates.js';

/** Rows per page of the HTML table: a page stays light on a phone however many quests there are. */
const TABLE_PAGE = 200;
/** Every row, for table.js (a site file, not part of the API). */
export const TABLE_DATA = 'index.table.json';

interface TableRow {
  q: QuestStats;
  fileId: string;
}

export interface Pager {
  number: number;
  pages: number;
  from: number;
  to: number;
  total: number;
  links: { number: number; href: string; current: boolean }[];
}

/**
 * The table's default order: issue 19's worst-first ranking by conversion (rates.ts's worstFirst), then the quests
 * nobody met (no conversion), in catalogue order.
 */
export function tableOrder<T extends TableRow>(rows: readonly T[]): T[] {
  const rank = new Map(worstFirst(rows.map((r) => r.q)).map((q, i) => [q, i]));
  const at = (r: T) => rank.get(r.q) ?? rank.size;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => at(a.r) - at(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** Site-relative path of table page `n` (page 1 is the index). */
const tablePagePath = (n: number) => (n === 1 ? 'index.html' : `list/page-${n}.html`);

/** The table's pages: their rows and pager (null when one page holds every row). */
export function tablePages<T extends TableRow>(rows: readonly T[]): { rows: T[]; pager: Pager | null; path: string }[] {
  const pages = Math.max(1, Math.ceil(rows.length / TABLE_PAGE));
  return Array.from({ length: pages }, (_, i) => {
    const n = i + 1;
    const from = i * TABLE_PAGE;
    const inList = n > 1;
    const href = (m: number) => (inList ? (m === 1 ? '../index.html' : `page-${m}.html`) : tablePagePath(m));
    const pager =
      pages === 1
        ? null
        : {
            number: n,
            pages,
            from: from + 1,
            to: Math.min(rows.length, from + TABLE_PAGE),
            total: rows.length,
            links: Array.from({ length: pages }, (_, j) => ({
              number: j + 1,
              href: href(j + 1),
              current: j + 1 === n,
            })),
          };
    return { rows: rows.slice(from, from + TABLE_PAGE), pager, path: tablePagePath(n) };
  });
}

/**
 * Every row for table.js: the values it sorts by and the texts it shows, formatted here (once, as the pages are), in
 * the table's column order: completed, accepted, declined, abandoned, failed, not encountered, reach, conversion,
 * completion rate, median, p90; `ci` holds reach's and conversion's 95% intervals.
 */
export function tableData(rows: readonly TableRow[]) {
  return {
    rows: rows.map(({ q, fileId }) => {
      const v = [
        q.completed,
        q.accepted,
        q.declined,
        q.abandoned,
        q.failed,
        q.not_encountered,
        q.reach_rate,
        q.conversion_rate,
        q.completion_rate,
        q.median_seconds,
        q.p90_seconds,
      ];
      const t = [
        ...v.slice(0, 6).map((n) => formatInt(n)),
        formatPercent(q.reach_rate),
        formatPercent(q.conversion_rate),
        formatPercent(q.completion_rate),
        formatDuration(q.median_seconds),
        formatDuration(q.p90_seconds),
      ];
      const ci = [
        q.reach_rate_high === null ? null : formatRateInterval(q.reach_rate_low, q.reach_rate_high),
        q.conversion_rate_high === null ? null : formatRateInterval(q.conversion_rate_low, q.conversion_rate_high),
      ];
      return { f: questPaths(fileId).html, id: q.quest_id, n: q.name, c: q.chain, v, t, ci };
    }),
  };
}
