// "Did you mean": the known names closest to a misspelt one, for config keys and notebook quest ids alike.

/** Levenshtein distance: one insertion, deletion or substitution a step. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] ?? 0;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j] ?? 0;
      d[j] = Math.min(cur + 1, (d[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length] ?? 0;
}

/**
 * The known names closest to `typed` and within `max` edits of it, ignoring case (a case slip alone is distance 0), in
 * their given order; at most `limit`. Only the closest: `fet0001` gets FET0001, not also the FET0006 one edit further.
 */
export function nearest(typed: string, known: readonly string[], max = 2, limit = 3): string[] {
  const t = typed.toLowerCase();
  const scored = known.map((name) => ({ name, d: distance(t, name.toLowerCase()) }));
  const best = Math.min(max + 1, ...scored.map((c) => c.d));
  return scored
    .filter((c) => c.d === best)
    .slice(0, limit)
    .map((c) => c.name);
}
