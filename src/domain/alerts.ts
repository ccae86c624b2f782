// What counts as a mover and when an alert fires: rules on the comparison's rows, written once for the report, the
// API, the digest, the nightly's exit code and `questlog changes`. Rates are judged by conversion (completed / players
// who met the quest): completion rate (completed / all players) drops whenever new players join who have not reached
// a quest yet, so it would call every late-story quest a mover.
import type { AlertRule, Changes, FiredAlert, Mover, QuestChange } from './types.js';

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
  const size = (m: Mover) => Math.abs(m.relative_change ?? m.change);
  return out.sort(
    (a, b) =>
      Number(b.worse) - Number(a.worse) ||
      size(b) - size(a) ||
      a.quest_id.localeCompare(b.quest_id) ||
      a.metric.localeCompare(b.metric),
  );
}

type Figures = Pick<Mover, 'metric' | 'low' | 'high' | 'low_before' | 'high_before'> & {
  after: number | null;
  before: number | null;
};

function mover(q: QuestChange, significant: boolean, f: Figures): Mover | undefined {
  const { after, before } = f;
  if (!significant || after === null || before === null || after === before) return undefined;
  const change = after - before;
  // Converting less is worse; taking longer is worse.
  const worse = f.metric === 'conversion_rate' ? change < 0 : change > 0;
  const relative_change = before === 0 ? null : change / before;
  return { quest_id: q.quest_id, name: q.name, ...f, after, before, change, relative_change, worse };
}

/**
 * The alerts a comparison fires: a significant mover of the rule's metric, in its direction, at least `min_change`
 * (absolute for rates, relative for times), in its scope. Change inside the noise never fires.
 */
export function evaluateAlerts(rules: readonly AlertRule[], changes: Changes): FiredAlert[] {
  const found = movers(changes);
  const fired: FiredAlert[] = [];
  for (const rule of rules) {
    for (const m of found) {
      if (m.metric !== rule.metric) continue;
      if (rule.scope !== 'any quest' && rule.scope !== m.quest_id) continue;
      if (rule.direction === 'up' && m.change <= 0) continue;
      if (rule.direction === 'down' && m.change >= 0) continue;
      const size = rule.metric === 'conversion_rate' ? Math.abs(m.change) : Math.abs(m.relative_change ?? Infinity);
      if (size + 1e-12 < rule.min_change) continue;
      fired.push({ rule, mover: m });
    }
  }
  return fired;
}
