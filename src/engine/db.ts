import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { DEFAULT_DB } from '../defaults.js';
import { errorMessage, systemProblem, UserError } from '../domain/errors.js';
import { dbMessages, EXIT } from '../domain/messages.js';
import { opsMessages } from '../domain/ops-messages.js';
import { packageRoot } from '../root.js';
import { rowObjectsJson } from './rows.js';

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB worker threads; default 2 (this project's target machines have two cores). */
  threads?: number;
  /** e.g. '4GB'. Bounded by default so a big backfill spills to disk instead of exhausting memory. */
  memoryLimit?: string;
  /** Where DuckDB spills; default `<db>.tmp` beside the database file. */
  tempDirectory?: string;
}

const sqlCache = new Map<string, string>();

/** How often `watch` asks DuckDB how far a statement is (a poll is a cheap read of a counter). */
const WATCH_MS = 100;

/** Reads `src/sql/<stage>/<name>.sql`: SQL lives in files named after what they produce. */
export function sqlFile(name: string): string {
  let text = sqlCache.get(name);
  if (text === undefined) {
    text = readFileSync(resolve(packageRoot, 'src/sql', `${name}.sql`), 'utf8');
    sqlCache.set(name, text);
  }
  return text;
}

/** Quotes an identifier for DuckDB (identifiers cannot be bound as parameters). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal, for the few places DuckDB accepts no parameter (e.g. PRAGMA, SET, table functions' paths). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * DuckDB binds no table function's path: the file is pasted as a quoted literal where the SQL says {path}, in the form
 * its readers take (readerPath: they glob every path).
 */
export function withPath(sql: string, path: string): string {
  return sql.replaceAll('{path}', literal(readerPath(path)));
}

/** A query's rows written to a file by DuckDB's COPY, whose target cannot be bound either (pasted as a literal). */
export function copySql(query: string, path: string, options: string): string {
  return `COPY (${query.trim().replace(/;\s*$/, '')}) TO ${literal(path)} (${options})`;
}

/**
 * A file's path as DuckDB's readers take it: they glob every path they are given, so `a[1].csv` would read `a1.csv`
 * (and `x*.csv` every file it matches). Each wildcard character becomes a class holding only itself, which matches
 * that character alone; a path without one is returned as it is. The reader's `filename` is still the real path.
 */
export function readerPath(path: string): string {
  return path.replace(/[[*?]/g, '[$&]');
}

/**
 * Database files this process has open through `Db`, by device and inode. DuckDB's file locks keep other processes
 * out, but never the process holding them (src/engine/readcopy.ts must not rewrite a copy a notebook here still reads).
 */
const openHere = new Map<string, number>();

function fileKey(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** Whether this process has `path` (or another name of the same file) open through `Db`. */
export function openInThisProcess(path: string): boolean {
  const key = fileKey(path);
  return key !== undefined && (openHere.get(key) ?? 0) > 0;
}

export class Db {
  private key: string | undefined;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    /** Whether close() closes the database too (false for connectAgain's connections). */
    private readonly owner = true,
  ) {}

  static async open(path: string = DEFAULT_DB, opts: OpenOptions = {}): Promise<Db> {
    const memory = path === ':memory:';
    if (!memory && !opts.readOnly) mkdirSync(dirname(resolve(path)), { recursive: true });
    const config: Record<string, string> = {
      threads: String(opts.threads ?? 2),
      memory_limit: opts.memoryLimit ?? '4GB',
    };
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    if (!memory) config.temp_directory = opts.tempDirectory ?? `${resolve(path)}.tmp`;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(memory ? ':memory:' : path, config);
    } catch (err) {
      throw openError(path, err, opts.readOnly ?? false);
    }
    const conn = await session(instance);
    const db = new Db(path, opts.readOnly ?? false, instance, conn);
    db.key = memory ? undefined : fileKey(path);
    if (db.key) openHere.set(db.key, (openHere.get(db.key) ?? 0) + 1);
    return db;
  }

  /**
   * Another connection to the same database, set up as `open` sets one up, for reads beside this connection's (DuckDB
   * runs one statement at a time per connection). It sees what is committed, not this connection's open transaction;
   * its close() leaves the database open.
   */
  async connectAgain(): Promise<Db> {
    return new Db(this.path, this.readOnly, this.instance, await session(this.instance), false);
  }

  /** Runs one statement (or a script without parameters) and returns rows as JSON-safe objects. */
  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    return (await rowObjectsJson(await this.conn.run(sql, params))) as T[];
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.conn.run(sql, params);
  }

  /** One transaction: everything `fn` does lands together or not at all. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.conn.run('COMMIT');
      return out;
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  /**
   * Runs `fn` with DuckDB session settings changed, then puts back the values they had (the one way every module
   * changes a setting, so a caller's setting survives a nested change). When `fn` failed inside a transaction the
   * restore may fail too; the original error is the one that matters then.
   */
  async withSettings<T>(settings: Record<string, string | boolean>, fn: () => Promise<T>): Promise<T> {
    const names = Object.keys(settings);
    const saved = await this.one<Record<string, string | boolean>>(
      `SELECT ${names.map((n, i) => `current_setting(${literal(n)}) AS s${i}`).join(', ')}`,
    );
    const set = (values: (string | boolean | undefined)[]) =>
      names.reduce<Promise<void>>((p, n, i) => p.then(() => this.run(settingSql(n, values[i]))), Promise.resolve());
    await set(names.map((n) => settings[n]));
    let ok = false;
    try {
      const out = await fn();
      ok = true;
      return out;
    } finally {
      const restore = set(names.map((_, i) => saved?.[`s${i}`]));
      if (ok) await restore;
      else await restore.catch(() => {});
    }
  }

  /**
   * Runs `fn` (statements on this connection) while polling DuckDB's progress of the statement running, and reports it
   * as a fraction in [0, 1] that never goes back (a statement after the first one starts at 0 again): the one view
   * into a long single read, since DuckDB's readers have no callback.
   */
  async watch<T>(fn: () => Promise<T>, onFraction: (fraction: number) => void, everyMs = WATCH_MS): Promise<T> {
    let best = 0;
    const poll = () => {
      const pct = this.conn.progress.percentage;
      if (pct > best * 100) {
        best = Math.min(pct / 100, 1);
        onFraction(best);
      }
    };
    const timer = setInterval(poll, everyMs);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Runs `fn`, and when `signal` aborts meanwhile, interrupts the statement this connection runs then (it fails with
   * DuckDB's INTERRUPT error; a transaction around it rolls back): a SIGTERM during a minutes-long state refresh need
   * not wait for it. The connection is usable again at once.
   */
  async interruptible<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    if (!signal) return fn();
    const stop = () => this.conn.interrupt();
    signal.addEventListener('abort', stop, { once: true });
    try {
      return await fn();
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /** The underlying connection, for appenders and streaming readers. */
  get connection(): DuckDBConnection {
    return this.conn;
  }

  close(): void {
    this.conn.closeSync();
    if (!this.owner) return;
    this.instance.closeSync();
    if (!this.key) return;
    const left = (openHere.get(this.key) ?? 1) - 1;
    if (left > 0) openHere.set(this.key, left);
    else openHere.delete(this.key);
    this.key = undefined;
  }
}

/** A new connection with this project's session: UTC, the statistical macros, progress tracked. */
async function session(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  // Timestamps are stored as UTC; the session zone must not depend on the host.
  await conn.run("SET TimeZone = 'UTC'");
  // Shared statistical rules (Wilson intervals, two-proportion tests) as temp macros on every connection.
  await conn.run(sqlFile('stats/macros'));
  // Query progress for `watch` (a long read of one big file): tracked, never printed by DuckDB itself.
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  return conn;
}

function settingSql(name: string, v: string | boolean | undefined): string {
  if (v === undefined) return `RESET ${name}`;
  return `SET ${name} = ${typeof v === 'boolean' ? String(v) : literal(v)}`;
}

/** How DuckDB says a file is no (whole) database: cut short, overwritten, or another kind of file. */
const DAMAGED = /not a valid DuckDB database|Could not read enough bytes|corrupt|checksum/i;

function openError(path: string, err: unknown, readOnly: boolean): Error {
  const msg = errorMessage(err);
  if (/lock/i.test(msg)) {
    return new UserError(dbMessages.locked(path), {
      hint: dbMessages.lockedHint,
      exitCode: EXIT.locked,
      cause: err,
    });
  }
  // The machine's state (a file or folder it may not write, a full disk) is exit 1 like any other write it refuses,
  // and is checked before "missing": a read-only open of a file this user may not read also says "Cannot open".
  const problem = systemProblem(err);
  if (problem !== undefined) {
    const hint = opsMessages.cannotOpenSystemHint(path);
    return new UserError(opsMessages.cannotOpenSystem(path, problem), { hint, exitCode: EXIT.failed, cause: err });
  }
  if (DAMAGED.test(msg)) {
    const hint = opsMessages.corruptHint(path);
    return new UserError(opsMessages.corrupt(path, msg), { hint, exitCode: EXIT.failed, cause: err });
  }
  if (readOnly && /does not exist|No such file|Cannot open/i.test(msg)) {
    return new UserError(dbMessages.missing(path), { cli: ['ingestFirst'], hint: dbMessages.createHint, cause: err });
  }
  return new UserError(dbMessages.cannotOpen(path, msg), { cause: err });
}

/** Runs a multi-statement SQL file, binding to each statement only the parameters it uses. */
export async function runScript(db: Db, sql: string, params: Params = {}): Promise<void> {
  const statements = sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
  for (const s of statements) {
    const used: Params = {};
    for (const [k, v] of Object.entries(params)) if (new RegExp(`\\$${k}\\b`).test(s)) used[k] = v;
    await db.run(s, Object.keys(used).length ? used : undefined);
  }
}
