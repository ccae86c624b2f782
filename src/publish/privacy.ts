// The privacy floor of published output: a row (a quest overall, or a quest x segment value) about 1 to K-1 players
// who met the quest could identify them, so its figures are withheld; completion times from 1 to K-1 completers too.
// Suppression is complementary: within a quest and dimension, a lone hidden value beside a published overall row would
// be the overall minus the other values, so a second value is hidden with it. Notebooks see everything unless asked.
import type { QuestStats, SegmentRow } from '../domain/types.js';

/** Published output's default floor (config `privacy.min_players`; 0 turns it off). */
export const DEFAULT_MIN_PLAYERS = 5;

const COUNTS = ['players', 'accepted', 'declined', 'completed', 'abandoned', 'failed', 'not_encountered'] as const;
const RATES = ['completion_rate', 'reach_rate', 'conversion_rate'] as const;
const TIMES = ['mean_seconds', 'min_seconds', 'max_seconds', 'median_seconds', 'p90_seconds', 'mean_attempts'] as const;

/** The rule, once: a count from 1 to K-1 is under the floor (0 tells nothing about anybody). */
export const under = (n: number | null, k: number) => k > 0 && n !== null && n >= 1 && n < k;
const encountered = (r: SegmentRow) => r.encountered ?? 0;
const completers = (r: SegmentRow) => r.completed ?? 0;

/**
 * Rows with the floor `k` applied: every row gets `suppressed` and `times_suppressed` (false when published), hidden
 * figures become null. Input rows of one snapshot date, any quests and dimensions, overall rows with dimension null.
 * Order is kept. The rows are changed in place (every caller floors rows it has just read): a copy of each doubled
 * what the floor allocates, and at 100M events (100,000 rows of 30 columns per date) the copies cost ~1 s of CPU, most
 * of it garbage collection.
 */
export function applyFloor(rows: readonly SegmentRow[], k: number): SegmentRow[] {
  const hide = new Set<SegmentRow>();
  const hideTimes = new Set<SegmentRow>();
  for (const r of rows) {
    if (under(encountered(r), k)) hide.add(r);
    else if (under(completers(r), k)) hideTimes.add(r);
  }
  for (const group of groups(rows)) {
    const overall = group.overall;
    for (const values of group.dimensions.values()) {
      // Counts: a published overall row with exactly one hidden value would give it away.
      if (overall && !hide.has(overall))
        complement(values, (r) => hide.has(r) && encountered(r) > 0, encountered, hide);
      // Times (a mean times its completers adds up the same way), over the values whose times are still shown.
      const timesShown = (r: SegmentRow) => !hide.has(r) && !hideTimes.has(r);
      if (overall && timesShown(overall)) {
        complement(values, (r) => !timesShown(r) && completers(r) > 0, completers, hideTimes, timesShown);
      }
    }
  }
  return rows.map((r) => floored(r, hide.has(r), hide.has(r) || hideTimes.has(r)));
}

/** When exactly one value is hidden, hides the shown value with the fewest (but some) players too. */
function complement(
  values: SegmentRow[],
  hidden: (r: SegmentRow) => boolean,
  size: (r: SegmentRow) => number,
  into: Set<SegmentRow>,
  shown: (r: SegmentRow) => boolean = (r) => !into.has(r),
): void {
  if (values.filter(hidden).length !== 1) return;
  const candidates = values.filter((r) => shown(r) && size(r) > 0);
  candidates.sort((a, b) => size(a) - size(b) || String(a.value).localeCompare(String(b.value)));
  const next = candidates[0];
  if (next) into.add(next);
}

function floored(r: SegmentRow, rowHidden: boolean, timesHidden: boolean): SegmentRow {
  const out = r;
  out.suppressed = rowHidden;
  out.times_suppressed = timesHidden;
  if (rowHidden) {
    for (const f of COUNTS) out[f] = null;
    out.encountered = null;
    out.anomalies = null;
    for (const f of RATES) {
      out[f] = null;
      out[`${f}_low`] = null;
      out[`${f}_high`] = null;
    }
  }
  if (timesHidden) for (const f of TIMES) out[f] = null;
  return out;
}

interface Group {
  overall?: SegmentRow;
  dimensions: Map<string, SegmentRow[]>;
}

function groups(rows: readonly SegmentRow[]): Group[] {
  const byQuest = new Map<string, Group>();
  for (const r of rows) {
    const key = `${r.snapshot_date}\u0000${r.quest_id}`;
    let g = byQuest.get(key);
    if (!g) {
      g = { dimensions: new Map() };
      byQuest.set(key, g);
    }
    if (r.dimension === null) g.overall = r;
    else {
      const list = g.dimensions.get(r.dimension);
      if (list) list.push(r);
      else g.dimensions.set(r.dimension, [r]);
    }
  }
  return [...byQuest.values()];
}

// Hidden figures are null in the published copy; the stored row's type has numbers, so they are written through this.
const HIDDEN = null as unknown as number;

/**
 * A quest's overall row as published: the same rule as applyFloor's overall rows (no complement is needed there: the
 * overall row is no difference of other published rows). Flags are set only when true, so unaffected documents keep
 * their bytes. Hidden figures are null.
 */
export function floorQuest(q: QuestStats, k: number): QuestStats {
  if (under(q.players - q.not_encountered, k)) {
    const out: QuestStats = { ...q, suppressed: true, times_suppressed: true };
    for (const f of [...COUNTS, 'anomalies'] as const) out[f] = HIDDEN;
    for (const f of RATES) {
      out[f] = null;
      out[`${f}_low`] = null;
      out[`${f}_high`] = null;
    }
    for (const f of TIMES) out[f] = null;
    return out;
  }
  if (under(q.completed, k)) {
    const out: QuestStats = { ...q, times_suppressed: true };
    for (const f of TIMES) out[f] = null;
    return out;
  }
  return q;
}

/** A published row's floor flags, present only when set (unaffected documents keep their bytes). */
export function floorFlags(q: { suppressed?: boolean; times_suppressed?: boolean }) {
  return { ...(q.suppressed ? { suppressed: true } : {}), ...(q.times_suppressed ? { times_suppressed: true } : {}) };
}

/** floorFlags added to `doc` when `q` has any (most quests have none), after every key `doc` already holds. */
export function withFlags<T extends object>(doc: T, q: { suppressed?: boolean; times_suppressed?: boolean }): T {
  return q.suppressed || q.times_suppressed ? Object.assign(doc, floorFlags(q)) : doc;
}
