// The connection to a ClickHouse cluster: one HTTP client for the node questlog queries (reads, inserts through the
// Distributed tables) and one per shard (DDL and cleanup of the shard's own tables, since `ON CLUSTER` DDL needs
// ZooKeeper/Keeper). ClickHouse 18.16 cannot bind query parameters, so every value pasted into SQL goes through
// `chString`/`chIdent` here: one escaping rule, tested with hostile strings.
import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type ClickHouseClient, ClickHouseLogLevel, type ClickHouseSettings, createClient } from '@clickhouse/client';
import type { EngineConfig } from '../../config.js';
import { clickhouseMessages as msg } from '../../domain/clickhouse-messages.js';
import { errorMessage, UserError } from '../../domain/errors.js';
import { packageRoot } from '../../root.js';

/** A string literal for ClickHouse: backslash and quote escaped (its parser reads `\\` escapes in quoted strings). */
export function chString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** An identifier for ClickHouse, in backquotes. */
export function chIdent(name: string): string {
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
}

/** A number literal; refuses anything that is not a finite number (a NaN pasted into SQL would be a column name). */
export function chNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
  return String(value);
}

const sqlCache = new Map<string, string>();

/**
 * Reads `src/sql/clickhouse/<name>.sql` and fills its `{name}` placeholders with already-quoted SQL (identifiers from
 * chIdent, values from chString/chNumber): the only way a value reaches ClickHouse SQL.
 */
export function chSql(name: string, vars: Record<string, string>): string {
  let text = sqlCache.get(name);
  if (text === undefined) {
    text = readFileSync(resolve(packageRoot, 'src/sql/clickhouse', `${name}.sql`), 'utf8');
    sqlCache.set(name, text);
  }
  return text.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new TypeError(`clickhouse/${name}.sql: no value for ${whole}`);
    return v;
  });
}

// Settings on every request: 64-bit integers as JSON numbers (counts stay numbers), inserts through Distributed
// tables written to the shards before they return (otherwise they are queued and a following query misses them).
const SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  insert_distributed_sync: 1,
  // Progress headers every 10 s keep a long backfill's connection alive through idle timeouts on the way.
  send_progress_in_http_headers: 1,
  http_headers_progress_interval_ms: '10000',
};

export interface Cluster {
  /** The node questlog reads from and inserts through. */
  main: ClickHouseClient;
  /** One client per shard, for its local tables. */
  shards: ClickHouseClient[];
  url: string;
  shardUrls: string[];
  database: string;
  cluster: string;
  /** Placeholders every ClickHouse SQL file may use: {db}, {cluster}. */
  vars: Record<string, string>;
  close(): Promise<void>;
}

export function connect(config: EngineConfig): Cluster {
  const url = config.url ?? 'http://127.0.0.1:8123';
  const shardUrls = config.shards ?? [url];
  const database = config.database ?? 'questlog';
  const cluster = config.cluster ?? 'questlog';
  const client = (u: string) =>
    createClient({
      url: u,
      username: config.user ?? 'default',
      password: process.env.QUESTLOG_CLICKHOUSE_PASSWORD ?? '',
      clickhouse_settings: SETTINGS,
      // Long backfills on a busy cluster: a query may take minutes, never a silent hang of hours.
      request_timeout: 30 * 60_000,
      // The library never writes to the console; failures reach the caller as errors.
      log: { level: ClickHouseLogLevel.OFF },
    });
  const main = client(url);
  const shards = shardUrls.map(client);
  return {
    main,
    shards,
    url,
    shardUrls,
    database,
    cluster,
    vars: { db: chIdent(database), cluster: chString(cluster) },
    close: async () => {
      await Promise.all([main, ...shards].map((c) => c.close()));
    },
  };
}

/** Runs `fn`, turning a refused connection or a server error into a user error that names the server. */
export async function onCluster<T>(url: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new UserError(msg.failed(url, what, errorMessage(err)), { hint: msg.hint, cause: err });
  }
}

/** A query's rows (result rows only: figures, ledger entries, counts). */
export async function chRows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const rs = await client.query({ query, format: 'JSONEachRow' });
  return rs.json<T>();
}

/** Streams a query's result (JSONEachRow) into a new file for DuckDB to read: result rows never parsed here. */
export async function chToFile(client: ClickHouseClient, query: string, path: string): Promise<void> {
  const res = await client.exec({ query: `${query}\nFORMAT JSONEachRow` });
  await pipeline(res.stream, createWriteStream(path, { flags: 'wx' }));
}
