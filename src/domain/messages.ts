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
  /** A bug or broken invariant in questlog itself. */
  internal: 70,
  /** The database is locked by another process. */
  locked: 75,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Text bound for a terminal: control characters (C0 but tab and newline, DEL, C1: ANSI escape sequences among them)
 * and bidirectional overrides become visible escapes (`\x1b`, `\u202e`), so data (quest ids, rejected lines, file
 * names) can never move the cursor, recolour the screen or reorder what is shown.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

export const configMessages = {
  wrongType: (file: string, key: string, expected: string, got: string) =>
    `${file}: "${key || '(top level)'}" must be ${expected}, got ${got}`,
  unknownKey: (file: string, key: string, suggestion?: string) =>
    `${file}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  missingKey: (file: string, key: string) => `${file}: "${key}" is required`,
  missingFile: (path: string) => `config file ${path} does not exist`,
  notJson: (path: string, reason: string) => `${path}: not valid JSON: ${reason}`,
  emptyRange: (file: string, earliest: string, latest: string) =>
    `${file}: "limits.earliest" (${earliest}) must be before "limits.latest" (${latest})`,
};

export const limitMessages = {
  backfillTooLong: (from: string, to: string, days: number, max: number) =>
    `a backfill from ${from} to ${to} would compute ${days} daily snapshots, more than limits.backfill_days (${max})`,
  backfillHint: 'check the data for stray dates (`questlog status`), pass --as-of, or raise "limits.backfill_days"',
};

/** Why a file or a source cannot be loaded, from the checks made before DuckDB reads it (SQL gives line reasons). */
export const ingestMessages = {
  notARealStart: (stamp: string) => `the file name's date-time ${stamp} is not a real date or time`,
  notARealStartHint: 'seed session files are named after their start, e.g. 2026-01-01T19-05-00.csv',
  notARealOffset: (zone: string) => `the file name's zone offset ${zone} is not a real offset`,
  linkLoop: 'symbolic link loop',
  danglingLink: (target: string) => `dangling symbolic link (to ${target})`,
  cannotList: (reason: string) => `cannot list the folder: ${reason}`,
  noMatch: 'no such file or no match',
  duplicateColumn: (name: string, first: number, second: number) =>
    `the header names column '${name}' twice (columns ${first} and ${second})`,
  nestedCatalogueColumn: (column: string, type: string) => `column "${column}" holds nested values (${type}), not text`,
  nestedColumn: (column: string, field: string, type: string) =>
    `column ${column} (${field}) holds nested values of type ${type}, not text or numbers`,
  unknownReader: (source: string, reader: string, readers: string[]) =>
    `source '${source}': unknown reader '${reader}' (readers: ${readers.join(', ')})`,
  unknownField: (source: string, field: string, fields: string[]) =>
    `source '${source}': unknown field '${field}' (fields: ${fields.join(', ')})`,
  notOneExpression: (source: string, key: string, problem: string) =>
    `source '${source}': ${key} is not a single SQL expression: ${problem}`,
};
