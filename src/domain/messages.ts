// Every message a user can see from the library, as functions, in one place (vega-lite's log/message.ts): wording
// changes here, and tests assert against these functions rather than copied fragments. Grouped by room.

/** Process exit codes: the CLI maps errors to these, cron and CI read them. Documented in the README. */
export const EXIT = {
  ok: 0,
  /** An error inside a command that is not the user's fault nor a bad file (commander's own failures, too). */
  failed: 1,
  /** A usage or user error: a bad flag, config, date, missing database. */
  usage: 2,
  /** A file could not be loaded (the rest still loaded). */
  input: 3,
  /** The nightly published, but the newest event is older than `freshness.max_age_hours`: the log shipper stalled? */
  stale: 4,
  /** A bug or broken invariant in questlog itself. */
  internal: 70,
  /** The database is locked by another process. */
  locked: 75,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const configMessages = {
  wrongType: (file: string, key: string, expected: string, got: string) =>
    `${file}: "${key || '(top level)'}" must be ${expected}, got ${got}`,
  unknownKey: (file: string, key: string, suggestion?: string) =>
    `${file}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  missingKey: (file: string, key: string) => `${file}: "${key}" is required`,
  missingFile: (path: string) => `config file ${path} does not exist`,
  notJson: (path: string, reason: string) => `${path}: not valid JSON: ${reason}`,
};

export const ingestMessages = {
  mappingField: (key: string, expr: string, reason: string, reader: string) =>
    `mapping ${key} = ${expr} cannot be evaluated on this file: ${reason}` +
    (reader === 'csv'
      ? "; a CSV file's columns are read as text: convert them in the expression, e.g. " +
        'to_timestamp("col"::DOUBLE) or strptime("col", \'%Y-%m-%d %H:%M:%S\')'
      : ''),
  globNoMatch: (pattern: string) => `no file matches ${pattern} (set "freshness": {"strict_globs": true} to fail)`,
};

export const cliMessages = {
  badFormat: (got: string) => `--format must be table, json or csv, got ${got}`,
  badLimit: (got: string) => `--limit must be a positive integer, got ${got}`,
  futureAsOf: (date: string, last: string) =>
    `--as-of ${date} is after the last event date ${last} plus one day: the snapshot would be empty of new data`,
  futureAsOfHint: () => 'pass --force to store it anyway',
  noSnapshot: (date: string) => `no snapshot stored for ${date}`,
  deleted: (date: string) => `snapshots: deleted ${date}`,
};

export const nightlyMessages = {
  stale: (date: string, through: string, hours: number, bound: number) =>
    `data is stale: the newest event of ${date} is ${through} UTC, ${hours.toFixed(1)} h before the day's end ` +
    `(bound ${bound} h); published anyway`,
  staleNotice: (date: string, through: string, hours: number) =>
    `Stale data: the newest event is from ${through} UTC, ${Math.round(hours)} hours before the end of ${date}. ` +
    'New logs may have stopped arriving.',
  noEvents: (date: string) => `no events up to the end of ${date}: the snapshot is empty`,
  firstSnapshot: () =>
    'only one snapshot is stored: trends need history; run `questlog stats --backfill` once to compute every past day',
  summary: (date: string, loaded: number, skipped: number, files: number, ms: number) =>
    `nightly: snapshot ${date}, ${loaded} file(s) loaded, ${skipped} unchanged, ${files} site files, in ${ms} ms`,
};

export const runMessages = {
  none: () => 'no runs recorded yet',
};
