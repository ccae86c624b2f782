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
  /** The nightly published, and at least one configured alert fired (README "Alerts"). */
  alert: 5,
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
  badValue: (file: string, key: string, allowed: string, got: string) =>
    `${file}: "${key}" must be ${allowed}, got ${got}`,
  missingFile: (path: string) => `config file ${path} does not exist`,
  notJson: (path: string, reason: string) => `${path}: not valid JSON: ${reason}`,
};

export const changesMessages = {
  nothingToCompare: (date: string) => `changes: snapshot ${date} has no earlier snapshot stored to compare with`,
  header: (date: string, before: string) => `changes: ${date} against ${before}`,
  noMovers: 'no significant change (differences within the noise are not listed)',
  alertsFired: (n: number) => `alerts: ${n} fired`,
  digestTitle: (title: string, date: string) => `# ${title}: what changed on ${date}`,
  unknownFormat: (format: string) => `unknown --format "${format}"; use text, markdown or json`,
};
