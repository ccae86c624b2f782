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
  badValue: (file: string, key: string, got: string, expected: string) =>
    `${file}: "${key}" must be ${expected}, got "${got}"`,
  missingFile: (path: string) => `config file ${path} does not exist`,
  notJson: (path: string, reason: string) => `${path}: not valid JSON: ${reason}`,
};

export const clickhouseMessages = {
  failed: (url: string, what: string, reason: string) => `ClickHouse at ${url}: ${what} failed: ${reason}`,
  hint: "check engine.url and engine.shards in questlog.config.json, that the servers run, and the user's permissions",
  rosterUnsupported: () => 'a roster is not supported with engine "clickhouse" yet',
  rosterHint: 'remove "roster" from the config (or --roster), or use engine "duckdb"',
  shardCount: (url: string, cluster: string, known: number, listed: number) =>
    `ClickHouse at ${url}: cluster "${cluster}" has ${known} shard(s), engine.shards lists ${listed}`,
  shardHint:
    'list one HTTP url per shard of the cluster (its remote_servers) in engine.shards, and check engine.cluster',
  mutationTimeout: (url: string, table: string) =>
    `ClickHouse at ${url}: deleting replaced files from ${table} did not finish`,
};
