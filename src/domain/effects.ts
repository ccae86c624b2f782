/**
 * What a command may do to the outside world besides its files. The library never touches the console:
 * the CLI passes an effects object that prints, tests pass one that records, notebooks pass a silent one.
 */
import type { ProgressUnit } from './progress-messages.js';

export interface Effects {
  /** One line per step, e.g. `ingest a.csv: 1200 rows (3 rejected, 0 ignored) in 41 ms`. */
  log(line: string): void;
  /**
   * Per-item detail (one line per file loaded or skipped): the CLI shows it only with `--verbose`, so a cron mail
   * holds one line per step. Lines about something that went wrong go to `log`, never here.
   */
  detail?(line: string): void;
  /** One line of a command's result (a table, JSON, CSV): never timestamped or redirected; default `log`. */
  data?(line: string): void;
  /** A problem that does not stop the job (stale data, a glob with no match): always shown, prefixed `warning:`. */
  warn?(line: string): void;
  /**
   * Optional progress for long work: `done` of `total` (bytes, days, pages...) under a label naming the phase. The CLI
   * draws it with an ETA on a terminal only, never in logs; `done >= total` ends the phase (the line goes away).
   */
  progress?(label: string, done: number, total: number, unit?: ProgressUnit): void;
  /** Clock, injectable so output is deterministic in tests. */
  now?(): Date;
  /**
   * A stop asked for from outside (the CLI's SIGTERM / SIGINT): long jobs check it at safe points and stop there,
   * cleaning up as for any error (src/domain/interrupt.ts).
   */
  signal?: AbortSignal;
}

export const silent: Effects = { log() {} };

/** Records every line (details and warnings too, warnings prefixed as the CLI prints them), for tests. */
export function recorder(): Effects & { lines: string[] } {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  return { lines, log, detail: log, data: log, warn: (line) => log(`warning: ${line}`) };
}

/** Shows a detail line where the effects have a place for it. */
export function detail(effects: Effects, line: string): void {
  effects.detail?.(line);
}

/** Writes a result (a table, JSON, CSV; text or lines) where the effects want it, line by line. */
export function emit(effects: Effects, result: string | string[]): void {
  const lines = typeof result === 'string' ? result.replace(/\n$/, '').split('\n') : result;
  for (const line of lines) (effects.data ?? effects.log)(line);
}

/** Shows a warning: through `warn` when given, else as a log line. */
export function warn(effects: Effects, line: string): void {
  if (effects.warn) effects.warn(line);
  else effects.log(`warning: ${line}`);
}

export function nowOf(effects: Effects): Date {
  return effects.now ? effects.now() : new Date();
}

/** Runs `fn` and returns its result with the elapsed milliseconds, for the CLI's one-line-per-step output. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, Math.round(performance.now() - t0)];
}
