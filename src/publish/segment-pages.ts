// The report's segment views: a breakdown per dimension on each quest page, and one page per dimension with every
// quest's values side by side (plain tables and SVG: they read with JavaScript off). Values are listed by name, never
// ranked: a value is called higher or lower than another only when their 95% conversion intervals do not overlap
// (conversion = completed / players who met the quest, issue 19: what compares quests, and so values).
import type { SegmentRow } from '../domain/types.js';
import type { SiteData } from './api.js';
import { fileIdOf, fileIds } from './file-ids.js';
import { questRows, type SiteSegments } from './segment-figures.js';
import { segmentValues } from './segments.js';

export interface BreakdownRow {
  value: string;
  row: SegmentRow;
  /** Values whose interval lies wholly below / above this one's. */
  above: string[];
  below: string[];
  /** Interval bar in a 0..100 box (null when suppressed or no players). */
  bar: { x1: number; x2: number; cx: number; y: number } | null;
}

export interface Breakdown {
  dimension: string;
  rows: BreakdownRow[];
  height: number;
  hasBars: boolean;
}

const ROW_H = 12;
const pct = (x: number) => Math.round(x * 1000) / 10;

/** Rows of one quest and dimension as the page shows them: conversion interval bars, clear differences only. */
export function breakdownRows(rows: readonly SegmentRow[]): BreakdownRow[] {
  const shown = rows.filter((r) => !r.suppressed && r.conversion_rate_low !== null);
  return rows.map((r, i) => {
    const lo = r.conversion_rate_low;
    const hi = r.conversion_rate_high;
    const clear = (test: (o: SegmentRow) => boolean) =>
      lo === null || r.suppressed ? [] : shown.filter((o) => o !== r && test(o)).map((o) => o.value as string);
    return {
      value: r.value as string,
      row: r,
      above: clear((o) => (o.conversion_rate_high as number) < (lo as number)),
      below: clear((o) => (o.conversion_rate_low as number) > (hi as number)),
      bar:
        lo === null || hi === null || r.conversion_rate === null || r.suppressed
          ? null
          : { x1: pct(lo), x2: pct(hi), cx: pct(r.conversion_rate), y: i * ROW_H + ROW_H / 2 },
    };
  });
}

/** A quest page's breakdowns, one per published dimension. */
export function questBreakdowns(seg: SiteSegments | undefined, questId: string): Breakdown[] {
  if (!seg) return [];
  const rows = questRows(seg, questId);
  return seg.dimensions.map((dimension) => {
    const list = breakdownRows(rows.filter((r) => r.dimension === dimension));
    return { dimension, rows: list, height: Math.max(1, list.length) * ROW_H, hasBars: list.some((r) => r.bar) };
  });
}

/** A dimension page's model: its values as columns, every quest a row with each value's conversion and range. */
export function dimensionPage(data: SiteData, seg: SiteSegments, dimension: string) {
  const values = [...(segmentValues(seg).get(dimension) ?? new Map<string, string>())];
  const ids = fileIds(data.snapshot.quests.map((q) => q.quest_id));
  const quests = data.snapshot.quests.map((q) => {
    const rows = questRows(seg, q.quest_id).filter((r) => r.dimension === dimension);
    const byValue = new Map(breakdownRows(rows).map((b) => [b.value, b]));
    return {
      q,
      fileId: fileIdOf(ids, q.quest_id),
      cells: values.map(([value]) => byValue.get(value) ?? null),
    };
  });
  return { dimension, values: values.map(([value, fileId]) => ({ value, fileId })), quests };
}
