// Numbers as people read them, locale-independent (the same bytes on every machine): one style for the report, the
// CLI and notebooks. Notebook tables only differ in leaving missing values blank (each formatter's `missing`).

export function formatInt(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A rate in [0, 1] as a percentage with one decimal; `missing` for NULL (a quest nobody met). */
export function formatPercent(rate: number | null | undefined, missing = '–'): string {
  if (rate === null || rate === undefined) return missing;
  return `${(rate * 100).toFixed(1)}%`;
}

/** A rate's 95% interval as a percentage range, e.g. `30.1–86.3%`; `missing` without one. */
export function formatRateInterval(
  low: number | null | undefined,
  high: number | null | undefined,
  missing = '–',
): string {
  if (low === null || low === undefined || high === null || high === undefined) return missing;
  return `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%`;
}

/** Seconds as questlog prints them everywhere: 45 s, 30 min 05 s, 2 h 03 min, 3 d 4 h; `missing` for NULL. */
export function formatDuration(seconds: number | null | undefined, missing = '–'): string {
  if (seconds === null || seconds === undefined) return missing;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h === 0) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  if (h < 48) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined) return '–';
  return x.toFixed(digits);
}

/** 'YYYY-MM-DD HH:MM:SS' or ISO -> 'YYYY-MM-DD HH:MM UTC'. */
export function formatTimestamp(ts: string | null | undefined): string {
  if (!ts) return '–';
  return `${ts.replace('T', ' ').slice(0, 16)} UTC`;
}
