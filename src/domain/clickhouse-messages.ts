// The ClickHouse engine's messages, beside src/domain/messages.ts (which is at the 300-line limit), under the same
// rule: wording changes here, tests assert against these functions.
export const clickhouseMessages = {
  failed: (url: string, what: string, reason: string) => `ClickHouse at ${url}: ${what} failed: ${reason}`,
  hint: "check engine.url and engine.shards in questlog.config.json, that the servers run, and the user's permissions",
  rosterUnsupported: () => 'a roster is not supported with engine "clickhouse" yet',
  rosterHint: 'remove "roster" from the config, or use engine "duckdb"',
  shardCount: (url: string, cluster: string, known: number, listed: number) =>
    `ClickHouse at ${url}: cluster "${cluster}" has ${known} shard(s), engine.shards lists ${listed}`,
  shardHint:
    'list one HTTP url per shard of the cluster (its remote_servers) in engine.shards, and check engine.cluster',
  players: (ms: number) => `clickhouse: players and event counts in ${ms} ms`,
  shipped: (files: number, events: number, removed: number, ms: number) =>
    `clickhouse: ${files} file(s) shipped (${events} events), ${removed} removed, in ${ms} ms`,
  figures: (days: number, ms: number) => `clickhouse: figures for ${days} day(s) on the cluster in ${ms} ms`,
  mutationTimeout: (url: string, table: string) =>
    `ClickHouse at ${url}: deleting replaced files from ${table} did not finish`,
};
