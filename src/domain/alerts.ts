// What counts as a mover and when an alert fires: rules on the comparison's rows, written once for the report, the
// API, the digest, the nightly's exit code and `questlog changes`. Rates are judged by conversion (completed / players
// who met the quest): completion rate (completed / all players) drops whenever new players join who have not reached
// a quest yet, so it would call every late-story quest a mover.
import {
  type AlertRule,
  type Changes,
  DIMENSIONS,
  type FiredAlert,
  type Mover,
  type QuestChange,
  type SegmentChange,
} from './types.js';

/** Every significant movement in a comparison, worst first (worse before better, then by relative size). */
export function movers(changes: Changes): Mover[] {
  const out: Mover[] = [];
  for (const q of changes.quests) {
    const rate = mover(q, q.conversion_rate_significant, {
      metric: 'conversion_rate',
      after: q.conversion_rate,
      before: q.conversion_rate_before,
      low: q.conversion_rate_low,
      high: q.conversion_rate_high,
      low_before: q.conversion_rate_low_before,
      high_before: q.conversion_rate_high_before,
    });
    const time = mover(q, q.survival_median_significant, {
      metric: 'survival_median_seconds',
      after: q.survival_median_seconds,
      before: q.survival_median_seconds_before,
      low: q.survival_median_low_seconds,
      high: q.survival_median_high_seconds,
      low_before: q.survival_median_low_seconds_before,
      high_before: q.survival_median_high_seconds_before,
    });
    if (rate) out.push(rate);
    if (time) out.push(time);
  }
  return worstFirst(out);
}

/** The significant segment values of a comparison (conversion: survival is per quest only), worst first. */
export function segmentMovers(rows: readonly SegmentChange[]): Mover[] {
  const out: Mover[] = [];
  for (const r of rows) {
    const m = mover(r, r.conversion_rate_significant, {
      metric: 'conversion_rate',
      after: r.conversion_rate,
      before: r.conversion_rate_before,
      low: r.conversion_rate_low,
      high: r.conversion_rate_high,
      low_before: r.conversion_rate_low_before,
      high_before: r.conversion_rate_high_before,
    });
    if (m) out.push({ ...m, dimension: r.dimension, value: r.value });
  }
  return worstFirst(out);
}

/** Worse before better, then by relative size (absolute where there is none), then quest, metric and value. */
function worstFirst(list: Mover[]): Mover[] {
  const size = (m: Mover) => Math.abs(m.relative_change ?? m.change);
  return list.sort(
    (a, b) =>
      Number(b.worse) - Number(a.worse) ||
      size(b) - size(a) ||
      a.quest_id.localeCompare(b.quest_id) ||
      a.metric.localeCompare(b.metric) ||
      (a.dimension ?? '').localeCompare(b.dimension ?? '') ||
      (a.value ?? '').localeCompare(b.value ?? ''),
  );
}

type Figures = Pick<Mover, 'metric' | 'low' | 'high' | 'low_before' | 'high_before'> & {
  after: number | null;
  before: number | null;
};

function mover(q: Pick<QuestChange, 'quest_id' | 'name'>, significant: boolean, f: Figures): Mover | undefined {
  const { after, before } = f;
  if (!significant || after === null || before === null || after === before) return undefined;
  const change = after - before;
  // Converting less is worse; taking longer is worse.
  const worse = f.metric === 'conversion_rate' ? change < 0 : change > 0;
  const relative_change = before === 0 ? null : change / before;
  return { quest_id: q.quest_id, name: q.name, ...f, after, before, change, relative_change, worse };
}

/** Alert scopes over segment values: every published value, or every value of one dimension (`dimensions`: the
 * config's known ones, built-in and extra; src/config-dimensions.ts). */
const SEGMENT_SCOPE = 'any segment';
export const isSegmentScope = (scope: string, dimensions: readonly string[] = DIMENSIONS) =>
  scope === SEGMENT_SCOPE || dimensions.some((d) => scope === `any ${d}`);

/** Whether a rule's scope covers a mover: 'any quest' and a quest id cover quests' own, the segment scopes values. */
function covers(scope: string, m: Mover): boolean {
  if (m.dimension === undefined) return scope === 'any quest' || scope === m.quest_id;
  return scope === SEGMENT_SCOPE || scope === `any ${m.dimension}`;
}

/**
 * The alerts a comparison fires: a significant mover of the rule's metric, in its direction, at least `min_change`
 * (absolute for rates, relative for times), in its scope (quests' own movers, or `segments`' for a segment scope).
 * Change inside the noise never fires.
 */
export function evaluateAlerts(
  rules: readonly AlertRule[],
  changes: Changes,
  segments: readonly Mover[] = [],
): FiredAlert[] {
  const found = [...movers(changes), ...segments];
  const fired: FiredAlert[] = [];
  for (const rule of rules) {
    for (const m of found) {
      if (m.metric !== rule.metric) continue;
      if (!covers(rule.scope, m)) continue;
      if (rule.direction === 'up' && m.change <= 0) continue;
      if (rule.direction === 'down' && m.change >= 0) continue;
      const size = rule.metric === 'conversion_rate' ? Math.abs(m.change) : Math.abs(m.relative_change ?? Infinity);
      if (size + 1e-12 < rule.min_change) continue;
      fired.push({ rule, mover: m });
    }
  }
  return fired;
}
