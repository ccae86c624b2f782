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

export const configMessages = {
  wrongType: (file: string, key: string, expected: string, got: string) =>
    `${file}: "${key || '(top level)'}" must be ${expected}, got ${got}`,
  unknownKey: (file: string, key: string, suggestion?: string) =>
    `${file}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  missingKey: (file: string, key: string) => `${file}: "${key}" is required`,
  missingFile: (path: string) => `config file ${path} does not exist`,
  notJson: (path: string, reason: string) => `${path}: not valid JSON: ${reason}`,
};

export const segmentMessages = {
  unknownDimension: (name: string, known: readonly string[]) =>
    `unknown dimension "${name}" (known: ${known.join(', ')})`,
  badFloor: (value: unknown) => `privacy.min_players must be a whole number from 0 up, got ${String(value)}`,
};

export const cliMessages = {
  badFormat: (value: string) => `--format must be table, json or csv, got "${value}"`,
  notWholeNumber: (flag: string, value: string) => `${flag} must be a whole number from 0 up, got "${value}"`,
};
