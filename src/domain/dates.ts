import { UserError } from './errors.js';
import { dateMessages as msg } from './messages.js';

/** Checks a calendar date 'YYYY-MM-DD' (a real day, not 2026-02-30). */
export function checkDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  const ok =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
  if (!ok) throw new UserError(msg.notADate(date), { hint: msg.notADateHint });
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC, as DuckDB's TIMESTAMP literals read it. */
export function sqlTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date in an IANA zone, 'YYYY-MM-DD'. */
export function today(now: Date, timezone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .slice(0, 10);
}

/** ISO 8601 in UTC to the second, e.g. '2026-11-28T03:15:00Z' (a site's generated_at). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whether `zone` is a time zone ICU knows (DuckDB's ICU extension reads the same IANA names). */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
