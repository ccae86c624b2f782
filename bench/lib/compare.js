// Every contender must produce the same statistics; a benchmark of programs that disagree measures nothing.

const COUNTS = ['players', 'accepted', 'declined', 'completed', 'abandoned', 'failed', 'not_encountered', 'anomalies'];
const FLOATS = ['mean_seconds', 'min_seconds', 'max_seconds', 'median_seconds', 'p90_seconds', 'mean_attempts'];

/** Relative tolerance for floats: summation order differs between engines, nothing else may. */
export const TOLERANCE = 1e-9;

/** Differences between two canonical stats documents ({players, quests: [...]}) as readable lines; [] when identical. */
export function compareStats(expected, actual, limit = 10) {
  const diffs = [];
  if (expected.players !== actual.players) diffs.push(`players: ${expected.players} != ${actual.players}`);
  const want = new Map(expected.quests.map((q) => [q.quest_id, q]));
  const got = new Map(actual.quests.map((q) => [q.quest_id, q]));
  for (const id of want.keys()) if (!got.has(id)) diffs.push(`quest ${id}: missing`);
  for (const id of got.keys()) if (!want.has(id)) diffs.push(`quest ${id}: unexpected`);
  for (const [id, w] of want) {
    const g = got.get(id);
    if (g === undefined) continue;
    for (const k of COUNTS) if (w[k] !== g[k]) diffs.push(`quest ${id} ${k}: ${w[k]} != ${g[k]}`);
    for (const k of FLOATS) if (!sameFloat(w[k], g[k])) diffs.push(`quest ${id} ${k}: ${w[k]} != ${g[k]}`);
  }
  return diffs.length > limit ? [...diffs.slice(0, limit), `… and ${diffs.length - limit} more`] : diffs;
}

function sameFloat(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}
