// Each quest's survival fields in the API (issue 15): looked up from the site's survival rows.
import type { SurvivalStats } from '../domain/types.js';
import { isoDuration, round } from './json.js';

const survivalIndex = new WeakMap<object, Map<string, SurvivalStats>>();

/** A quest's survival fields, when the site has survival figures (looked up by id, indexed once per site). */
export function survivalOf(data: { survival?: SurvivalStats[] }, questId: string) {
  if (!data.survival) return {};
  let index = survivalIndex.get(data);
  if (!index) {
    index = new Map(data.survival.map((s) => [s.quest_id, s]));
    survivalIndex.set(data, index);
  }
  return survivalFigures(index.get(questId));
}

/** The API's survival fields (keys in JSON's order); all null for a quest nobody attempted. */
function survivalFigures(s: SurvivalStats | undefined) {
  const secs = (x: number | null | undefined) => round(x ?? null, 3);
  return {
    // Counts null under the privacy floor (s.suppressed), 0 for a quest nobody attempted.
    survival_at_risk: s ? s.at_risk : 0,
    survival_censored: s ? s.censored : 0,
    survival_median_high_seconds: secs(s?.survival_median_high_seconds),
    survival_median_iso: isoDuration(secs(s?.survival_median_seconds)),
    survival_median_low_seconds: secs(s?.survival_median_low_seconds),
    survival_median_seconds: secs(s?.survival_median_seconds),
    survival_p90_seconds: secs(s?.survival_p90_seconds),
    ...(s?.suppressed ? { survival_suppressed: true } : {}),
  };
}
