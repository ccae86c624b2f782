/**
 * What a command may do to the outside world besides its files. The library never touches the console:
 * the CLI passes an effects object that prints, tests pass one that records, notebooks pass a silent one.
 */
export interface Effects {
  /** One line per step, e.g. `ingest a.csv: 1200 rows (3 rejected, 0 ignored) in 41 ms`. */
  log(line: string): void;
  /** Optional progress for long multi-file work; `done` of `total` units. */
  progress?(label: string, done: number, total: number): void;
  /** Clock, injectable so output is deterministic in tests. */
  now?(): Date;
}

export const silent: Effects = { log() {} };

export function recorder(): Effects & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
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
