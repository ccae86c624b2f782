// The privacy floor on everything else a site publishes per quest (README "The privacy floor"): the overall rows and
// their history (month files included), completion-time histograms, survival figures and curves, chain funnel steps
// and the changes since the previous snapshot. Each hides what would tell about 1 to K-1 players, by the rule of
// src/publish/privacy.ts, and nothing hidden can be had back from what is shown beside it.
import type {
  ChainStep,
  ChangesData,
  Mover,
  QuestChange,
  QuestStats,
  SegmentRow,
  SurvivalStats,
} from '../domain/types.js';
import type { SiteData } from './api.js';
import { floorQuest, under } from './privacy.js';

// Hidden figures are null in the published copy; the stored rows' types have numbers, so they are written through this.
const HIDDEN = null as unknown as number;

/** The floor `k` on a site's data (0: unchanged). */
export function floorSite(data: SiteData, k: number): SiteData {
  if (k <= 0) return data;
  const quests = data.snapshot.quests.map((q) => floorQuest(q, k));
  const hiddenTimes = new Set(quests.filter((q) => q.times_suppressed).map((q) => q.quest_id));
  const history = data.history.map((q) => floorQuest(q, k));
  const survival = data.survival?.map((s) => floorSurvival(s, hiddenTimes.has(s.quest_id), k));
  const hiddenCurves = new Set(survival?.filter((s) => s.suppressed).map((s) => s.quest_id));
  const months = data.months;
  return {
    ...data,
    snapshot: { ...data.snapshot, quests },
    history,
    histogram: data.histogram.filter((b) => !hiddenTimes.has(b.quest_id)),
    ...(months
      ? { months: { ...months, load: async (m) => (await months.load(m)).map((q) => floorQuest(q, k)) } }
      : {}),
    ...(survival ? { survival } : {}),
    ...(data.survivalCurve ? { survivalCurve: data.survivalCurve.filter((p) => !hiddenCurves.has(p.quest_id)) } : {}),
    ...(data.chains ? { chains: floorChains(data.chains, k) } : {}),
    ...(data.changes ? { changes: floorChanges(data.changes, quests, history) } : {}),
  };
}

/**
 * Survival times are completion times (and censored attempts): hidden with the quest's times, or when the attempts
 * in the estimate number 1 to K-1.
 */
function floorSurvival(s: SurvivalStats, timesHidden: boolean, k: number): SurvivalStats {
  if (!timesHidden && !under(s.at_risk, k)) return s;
  return {
    ...s,
    suppressed: true,
    at_risk: HIDDEN,
    censored: HIDDEN,
    survival_median_seconds: null,
    survival_median_low_seconds: null,
    survival_median_high_seconds: null,
    survival_p90_seconds: null,
  };
}

/**
 * A chain step reached by 1 to K-1 players is hidden, counts and gap. The next step's `dropped` (players who completed
 * this step and never met the next) is hidden with it, as it would give this step's completions back.
 */
function floorChains(steps: readonly ChainStep[], k: number): ChainStep[] {
  const hidden = new Set(steps.filter((s) => under(s.reached, k)).map((s) => `${s.chain}\u0000${s.step}`));
  return steps.map((s) => {
    if (hidden.has(`${s.chain}\u0000${s.step}`)) {
      return {
        ...s,
        suppressed: true,
        reached: HIDDEN,
        completed: HIDDEN,
        dropped: null,
        median_gap_seconds: null,
        conversion_rate: null,
        conversion_rate_low: null,
        conversion_rate_high: null,
      };
    }
    return hidden.has(`${s.chain}\u0000${s.step - 1}`) ? { ...s, dropped: null } : s;
  });
}

/**
 * Changes compare two snapshots' figures of a quest: a figure is shown only where both dates show it (the latest from
 * the floored snapshot, the previous from the floored history). Movers and alerts about a hidden figure are dropped.
 */
function floorChanges(c: ChangesData, quests: readonly QuestStats[], history: readonly QuestStats[]): ChangesData {
  // Only the dates compared: the history window has 31 dates' rows (155,000 at 5,000 quests), changes use ~15.
  const dates = new Set<string | null>([c.latest.snapshot_date, c.latest.previous_date]);
  for (const h of c.history) dates.add(h.snapshot_date).add(h.previous_date);
  const byKey = new Map<string, QuestStats>();
  for (const q of history) if (dates.has(q.snapshot_date)) byKey.set(`${q.snapshot_date}\u0000${q.quest_id}`, q);
  for (const q of quests) byKey.set(`${q.snapshot_date}\u0000${q.quest_id}`, q);
  const row = (date: string | null, id: string) => (date ? byKey.get(`${date}\u0000${id}`) : undefined);
  // A figure of a quest on a date is hidden when its row there is (an absent row hides nothing: the quest was unmet).
  const hides = (date: string | null, id: string, metric: Mover['metric']) => {
    const r = row(date, id);
    return r ? (metric === 'conversion_rate' ? r.suppressed === true : r.times_suppressed === true) : false;
  };
  const shown = (m: Mover, date: string, previous: string | null) =>
    !hides(date, m.quest_id, m.metric) && !hides(previous, m.quest_id, m.metric);
  const { snapshot_date: date, previous_date: previous } = c.latest;
  return {
    ...c,
    latest: { ...c.latest, quests: c.latest.quests.map((q) => floorChange(q, date, previous, hides)) },
    history: c.history.map((h) => ({
      ...h,
      movers: h.movers.filter((m) => shown(m, h.snapshot_date, h.previous_date)),
    })),
    movers: c.movers.filter((m) => shown(m, date, previous)),
    alerts: c.alerts.filter((a) => shown(a.mover, date, previous)),
  };
}

function floorChange(
  q: QuestChange,
  date: string,
  previous: string | null,
  hides: (date: string | null, id: string, metric: Mover['metric']) => boolean,
): QuestChange {
  const out = { ...q };
  const rateNow = hides(date, q.quest_id, 'conversion_rate');
  const rateBefore = hides(previous, q.quest_id, 'conversion_rate');
  // Under the floor the count of players who met the quest goes too: it is the figure the floor protects.
  if (rateNow)
    Object.assign(out, {
      encountered: null,
      conversion_rate: null,
      conversion_rate_low: null,
      conversion_rate_high: null,
    });
  if (rateBefore)
    Object.assign(out, {
      encountered_before: null,
      conversion_rate_before: null,
      conversion_rate_low_before: null,
      conversion_rate_high_before: null,
    });
  if (rateNow || rateBefore) {
    out.conversion_rate_change = null;
    out.conversion_rate_z = null;
    out.conversion_rate_significant = false;
  }
  const timesNow = hides(date, q.quest_id, 'survival_median_seconds');
  const timesBefore = hides(previous, q.quest_id, 'survival_median_seconds');
  if (timesNow)
    Object.assign(out, {
      median_seconds: null,
      survival_median_seconds: null,
      survival_median_low_seconds: null,
      survival_median_high_seconds: null,
    });
  if (timesBefore)
    Object.assign(out, {
      median_seconds_before: null,
      survival_median_seconds_before: null,
      survival_median_low_seconds_before: null,
      survival_median_high_seconds_before: null,
    });
  if (timesNow || timesBefore) {
    out.median_seconds_change = null;
    out.survival_median_seconds_change = null;
    out.survival_median_significant = false;
  }
  if (rateNow || timesNow || rateBefore || timesBefore) out.suppressed = true;
  return out;
}

/**
 * Segment movers compare a quest x value's conversion on two dates: one is left out (and so is its alert) when that
 * row is hidden on either date by the segment floor (`rows`: both dates' floored rows, src/publish/privacy.ts).
 */
export function floorSegmentMovers(c: ChangesData, rows: readonly SegmentRow[]): ChangesData {
  const key = (date: string | null, r: { dimension?: string | null; value?: string | null; quest_id: string }) =>
    `${date}\u0000${r.dimension}\u0000${r.value}\u0000${r.quest_id}`;
  const hidden = new Set(rows.filter((r) => r.suppressed).map((r) => key(r.snapshot_date, r)));
  const { snapshot_date: date, previous_date: previous } = c.latest;
  const shown = (m: Mover) => m.dimension === undefined || !(hidden.has(key(date, m)) || hidden.has(key(previous, m)));
  return {
    ...c,
    ...(c.segmentMovers ? { segmentMovers: c.segmentMovers.filter(shown) } : {}),
    alerts: c.alerts.filter((a) => shown(a.mover)),
  };
}
