import { UserError } from './errors.js';

/** Checks a calendar date 'YYYY-MM-DD' (a real day, not 2026-02-30). */
export function checkDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  const ok =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
  if (!ok) throw new UserError(`not a date: "${date}"`, { hint: 'use YYYY-MM-DD, e.g. 2026-11-28' });
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
