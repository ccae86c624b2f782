// The config's `limits`: what ingest and stats accept (README "Guarantees"), with defaults and their own checks.
import { UserError } from './domain/errors.js';
import { configLimitMessages } from './domain/input-messages.js';
import { configMessages as msg } from './domain/messages.js';

/** What ingest and stats accept (README "Guarantees"); every key has a default (`LIMIT_DEFAULTS`). */
export interface Limits {
  /** Earliest accepted event time, ISO date or date-time (UTC), inclusive. */
  earliest: string;
  /** Latest accepted event time, exclusive. */
  latest: string;
  /** Longest accepted player or quest id, in characters. */
  max_id_length: number;
  /** Most snapshot days one `stats --backfill` computes. */
  backfill_days: number;
}

/** Wide enough for any real game log, narrow enough that a year-1900 or year-10000 stamp is a reject, not a day. */
export const LIMIT_DEFAULTS: Limits = {
  earliest: '2000-01-01',
  latest: '2100-01-01',
  max_id_length: 256,
  backfill_days: 3660,
};

/** The limits with defaults filled in; times must be ISO dates (or date-times) and earliest before latest. */
export function checkLimits(given: Partial<Limits>, file: string): Limits {
  const limits = { ...LIMIT_DEFAULTS, ...given };
  const iso = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/;
  for (const key of ['earliest', 'latest'] as const) {
    const v = limits[key];
    // A real date: Date.UTC rolls 2026-02-30 over to March, so the round trip must give the same day back.
    const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    const real = iso.test(v) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v.slice(0, 10);
    if (!real) {
      throw new UserError(msg.wrongType(file, `limits.${key}`, 'a date YYYY-MM-DD[ HH:MM[:SS]] (UTC)', `"${v}"`));
    }
  }
  if (limits.earliest >= limits.latest)
    throw new UserError(configLimitMessages.emptyRange(file, limits.earliest, limits.latest));
  return limits;
}
