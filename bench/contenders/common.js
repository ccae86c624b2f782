// What every JavaScript contender shares: the state vocabulary, phase timing and the one-line report to the harness.

/** Same-instant tie-break order, as in questlog's quest_state.sql. */
export const BUCKETS = ['accepted', 'declined', 'completed', 'abandoned', 'failed'];
export const RANK = Object.fromEntries(BUCKETS.map((b, i) => [b, i]));

// questlog ingest's status synonyms; anything else is a reject there and skipped here.
const SYNONYMS = {
  accept: 'accepted',
  start: 'accepted',
  begin: 'accepted',
  decline: 'declined',
  reject: 'declined',
  rejected: 'declined',
  complete: 'completed',
  success: 'completed',
  succeed: 'completed',
  succeeded: 'completed',
  abandon: 'abandoned',
  quit: 'abandoned',
  fail: 'failed',
};

export function canonicalStatus(raw) {
  const s = String(raw).trim().toLowerCase();
  return RANK[s] !== undefined ? s : SYNONYMS[s];
}

/** Event time in epoch ms; a time without a zone is UTC (as questlog stores it). */
export function epochMs(ts) {
  if (typeof ts === 'number') return ts * 1000;
  const iso = ts.includes('T') ? ts : ts.replace(' ', 'T');
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
}

/** quantile_cont over ascending values: linear interpolation between closest ranks. */
export function quantileCont(sorted, q) {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** `lap(name)` records the ms since the previous lap; `lap.phases` holds them all. */
export function stopwatch() {
  let t = performance.now();
  const phases = {};
  const lap = (name) => {
    const now = performance.now();
    phases[name] = Math.round(now - t);
    t = now;
  };
  lap.phases = phases;
  return lap;
}

/** The last stdout line is what the harness reads: phase times and this process's peak RSS. */
export function report(lap, extra = {}) {
  process.stdout.write(
    `${JSON.stringify({ phases: lap.phases, maxRssKB: process.resourceUsage().maxRSS, ...extra })}\n`,
  );
}
