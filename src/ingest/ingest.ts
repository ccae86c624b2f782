// Ingest: log files -> events, rejects, file_players and the ledger, inside DuckDB. Files are fingerprinted in
// parallel in Node, then loaded in batches (one transaction and a fixed set of statements per batch of same-kind files).
import { isAbsolute, relative, resolve } from 'node:path';
import { type Config, type Limits, limitsOf, loadConfig } from '../config.js';
import { type Effects, nowOf } from '../domain/effects.js';
import { InputError, InternalError, UserError } from '../domain/errors.js';
import { Db, literal, sqlFile } from '../engine/db.js';
import { migrate } from '../engine/migrate.js';
import {
  type BatchKind,
  type Counts,
  FAST_KINDS,
  identityOf,
  kindOf,
  loadBatch,
  type Planned,
  runScript,
  seedParams,
} from './batch.js';
import {
  checkHeader,
  detectFormat,
  expandPaths,
  type FileFormat,
  FORMATS,
  type FormatName,
  fingerprint,
  sourceFormat,
  sourcePaths,
} from './formats.js';

export { runScript } from './batch.js';

export interface IngestOptions {
  /** Files, folders or globs; empty with `source` = the source's configured paths. */
  paths?: string[];
  /** Force a format for every file: seed | events | gameanalytics. */
  format?: string;
  /** A source named in the config (its format, preset or mapping, and its default paths). */
  source?: string;
  config?: Config;
  /** Seed logs: how the player id comes from the path: parent (default) | stem | /regex/. */
  player?: string;
  /** Ledger time for ingested_at (tests pin it). */
  now?: Date;
  /** Base for relative paths; default process.cwd(). */
  cwd?: string;
}

export type FileStatus = 'loaded' | 'replaced' | 'skipped' | 'failed';

export interface FileResult {
  path: string;
  status: FileStatus;
  format: string | null;
  lines_read: number;
  loaded: number;
  rejected: number;
  ignored: number;
  /** Exact duplicate events inside the file (loaded; state counts them once). */
  duplicates: number;
  bytes: number;
  ms: number;
  /** Why a file failed (without its path: `line N: reason` or the reason). */
  error?: string;
  /** Why a file was skipped. */
  note?: string;
}

export interface IngestSummary {
  files: FileResult[];
  totals: {
    files: number;
    files_loaded: number;
    files_replaced: number;
    files_skipped: number;
    files_failed: number;
    lines_read: number;
    loaded: number;
    rejected: number;
    ignored: number;
    duplicates: number;
    /** Bytes of the files actually read (loaded or replaced). */
    bytes: number;
    ms: number;
  };
}

/** A batch holds at most this many files and bytes (its staging lives in memory). */
const BATCH_FILES = 2000;
const BATCH_BYTES = 256 << 20;
/** Files fingerprinted at once (reading and hashing overlap DuckDB's work and each other). */
const PREPARE_PARALLEL = 4;

export async function ingest(db: Db, opts: IngestOptions, effects: Effects): Promise<IngestSummary> {
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.config ?? { root: cwd, sources: {} };
  const forced = forcedFormat(opts, config);
  let paths = opts.paths ?? [];
  if (paths.length === 0 && opts.source) paths = sourcePaths(opts.source, config);
  if (paths.length === 0) throw new UserError('no files to ingest', { hint: 'give paths, or a --source with paths' });

  const t0 = performance.now();
  await runScript(db, sqlFile('ingest/macros'));
  await setLimits(db, limitsOf(config));
  const { files, missing } = await expandPaths(db, paths, cwd);
  const results: FileResult[] = missing.map((p) =>
    failed(isAbsolute(p.path) ? relative(cwd, p.path) || p.path : p.path, p.reason),
  );
  for (const r of results) effects.log(`ingest ${r.path}: FAILED: ${r.error}`);
  const shown = (p: string) => relative(cwd, p) || p;
  const out = new InOrder(files.length, (r) => {
    results.push(r);
    effects.log(describe(r));
    if (files.length > 1) effects.progress?.('ingest', results.length - missing.length, files.length);
  });
  const env = {
    config,
    source: opts.source ?? null,
    ingestedAt: (opts.now ?? nowOf(effects)).toISOString().slice(0, 19).replace('T', ' '),
  };
  const index = new Map(files.map((f, i) => [f, i]));
  const emit = (r: FileResult) => out.add(index.get(r.path) ?? 0, { ...r, path: shown(r.path) });

  let pending: Planned[] = [];
  for (const p of await mapLimit(files, PREPARE_PARALLEL, (f) => prepare(f, forced, config, opts.player))) {
    if ('status' in p) emit(p);
    else pending.push(p);
  }
  const setting = await db.one<{ v: boolean; c: string }>(
    "SELECT current_setting('preserve_insertion_order') AS v, current_setting('force_compression') AS c",
  );
  await db.run('SET preserve_insertion_order = false');
  // Dictionary compression for the events' text columns (other types keep theirs): choosing among all string
  // compressions made inserting 10M events ~1.5x slower, for a file of the same size.
  await db.run("SET force_compression = 'dictionary'");
  try {
    // Rounds: a file whose content repeats an earlier file of the same call waits until that one is in the ledger.
    while (pending.length > 0) {
      const { load, later, skipped } = await plan(db, pending);
      for (const s of skipped) emit(s);
      for (const [kind, batch] of batches(load)) {
        for (const r of await runBatch(db, kind, batch, env)) emit(r);
      }
      pending = later;
    }
  } finally {
    await db.run(`SET preserve_insertion_order = ${setting?.v === false ? 'false' : 'true'}`);
    await db.run(`SET force_compression = ${literal(setting?.c ?? 'auto')}`);
  }
  const summary = summarize(results, Math.round(performance.now() - t0));
  effects.log(describeTotals(summary));
  return summary;
}

/** The config's limits as session variables, read by the parsing macros (src/sql/ingest/macros.sql). */
async function setLimits(db: Db, limits: Limits): Promise<void> {
  await db.run('SET VARIABLE ql_earliest = $t::TIMESTAMP', { t: limits.earliest });
  await db.run('SET VARIABLE ql_latest = $t::TIMESTAMP', { t: limits.latest });
  await db.run('SET VARIABLE ql_max_id = $n::INTEGER', { n: limits.max_id_length });
  await db.run('SET VARIABLE ql_scan = true');
}

/** The CLI verb: opens and migrates the database, ingests, closes; exits 3 when any file failed. */
export async function ingestCommand(opts: IngestOptions & { db: string }, effects: Effects): Promise<IngestSummary> {
  const db = await Db.open(opts.db);
  try {
    await migrate(db);
    const summary = await ingest(db, { ...opts, config: opts.config ?? loadConfig(opts.cwd) }, effects);
    if (summary.totals.files_failed > 0) {
      const bad = summary.files.filter((f) => f.status === 'failed');
      const list = bad.map((f) => `  ${f.path}: ${f.error}`).join('\n');
      throw new UserError(`${bad.length} of ${summary.files.length} file(s) could not be loaded:\n${list}`, {
        hint: 'the other files were loaded; fix these and run ingest again (loaded files are skipped)',
        exitCode: 3,
      });
    }
    return summary;
  } finally {
    db.close();
  }
}

export interface RejectRow {
  file: string;
  line: number | null;
  reason: string;
  raw: string | null;
}

export async function listRejects(db: Db, opts: { file?: string; limit?: number } = {}): Promise<RejectRow[]> {
  const rows = await db.all<RejectRow & { line: string | null }>(sqlFile('ingest/rejects_list'), {
    path: opts.file ?? null,
    limit: opts.limit ?? 100,
  });
  return rows.map((r) => ({ ...r, line: r.line === null ? null : Number(r.line) }));
}

/** The CLI verb: prints rejects as `file:line: reason` followed by the raw text. */
export async function rejectsCommand(
  opts: { db: string; file?: string; limit?: number; cwd?: string },
  effects: Effects,
): Promise<RejectRow[]> {
  const db = await Db.open(opts.db, { readOnly: true });
  try {
    const file = opts.file === undefined ? undefined : resolve(opts.cwd ?? '.', opts.file);
    const rows = await listRejects(db, { file, limit: opts.limit });
    for (const r of rows) effects.log(`${r.file}:${r.line ?? '?'}: ${r.reason}\n  ${r.raw ?? ''}`);
    if (rows.length === 0) effects.log('no rejected lines');
    return rows;
  } finally {
    db.close();
  }
}

// --- planning and batches ---

type Prepared = Planned & { prepareMs: number };

/** Fingerprint, format and reader parameters of one file, or its failure. */
async function prepare(
  path: string,
  forced: FileFormat | undefined,
  config: Config,
  player: string | undefined,
): Promise<Prepared | FileResult> {
  const t0 = performance.now();
  let format: FileFormat | undefined;
  try {
    const fp = await fingerprint(path);
    format = await detectFormat(path, forced);
    await checkHeader(path, format);
    const seed = format.format === 'seed' && fp.bytes > 0 ? seedParams(path, config, player) : undefined;
    const identity = identityOf(fp.hash, format, seed);
    return { ...fp, path, identity, format, oldId: null, seed, prepareMs: performance.now() - t0 };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { ...empty(path, 'failed', format?.format ?? null, 0, t0), error: reason(err) };
  }
}

/**
 * Splits pending files into: already in the ledger (skipped), to load now, and repeats of a file loaded now. A file
 * is the same as a ledger row when their identities match (content and whatever the rows derive from path or
 * config), or when a row from before identities (its identity is its content hash) has this path and content.
 */
async function plan(db: Db, pending: Planned[]) {
  const ledger = await db.all<{ file_id: number; path: string; content_hash: string; identity: string }>(
    'SELECT file_id, path, content_hash, identity FROM files ORDER BY file_id',
  );
  const byIdentity = new Map<string, string>();
  for (const r of ledger) if (!byIdentity.has(r.identity)) byIdentity.set(r.identity, r.path);
  const byPath = new Map(ledger.map((r) => [r.path, r]));
  const load: Planned[] = [];
  const later: Planned[] = [];
  const skipped: FileResult[] = [];
  const now = new Set<string>();
  for (const p of pending) {
    const old = byPath.get(p.path);
    const legacy = old !== undefined && old.identity === old.content_hash && old.content_hash === p.hash;
    const same = legacy ? p.path : byIdentity.get(p.identity);
    if (same !== undefined) {
      const note = same === p.path ? 'already loaded' : `same content as ${same}`;
      const ms = (p as Prepared).prepareMs ?? 0;
      skipped.push({ ...empty(p.path, 'skipped', null, p.bytes, performance.now() - ms), note });
    } else if (now.has(p.identity)) {
      later.push(p);
    } else {
      now.add(p.identity);
      load.push({ ...p, oldId: old?.file_id ?? null });
    }
  }
  return { load, later, skipped };
}

/** What a file weighs in a batch's memory: gzip and Parquet hold ~16x their size in text (the 1M demo data: 15-17x). */
const weight = (f: Planned) => f.bytes * (/\.(gz|parquet)$/i.test(f.path) ? 16 : 1);

/** Same-kind files in runs of at most BATCH_FILES files and BATCH_BYTES (weighted) bytes; tabular files one by one. */
function batches(files: Planned[]): [BatchKind, Planned[]][] {
  const byKind = new Map<BatchKind, Planned[]>();
  for (const f of files) {
    const k = kindOf(f);
    byKind.set(k, [...(byKind.get(k) ?? []), f]);
  }
  const out: [BatchKind, Planned[]][] = [];
  for (const [kind, list] of byKind) {
    let cur: Planned[] = [];
    let bytes = 0;
    for (const f of list) {
      if (cur.length > 0 && (kind === 'tabular' || cur.length >= BATCH_FILES || bytes + weight(f) > BATCH_BYTES)) {
        out.push([kind, cur]);
        cur = [];
        bytes = 0;
      }
      cur.push(f);
      bytes += weight(f);
    }
    if (cur.length > 0) out.push([kind, cur]);
  }
  return out;
}

/**
 * Loads a batch. The fast path hands files that were not clean (or a reader error) to the exact path; an exact
 * batch that cannot be read is retried file by file, so the unreadable file is isolated and named and the rest load.
 */
async function runBatch(
  db: Db,
  kind: BatchKind,
  files: Planned[],
  env: Parameters<typeof loadBatch>[3],
): Promise<FileResult[]> {
  const t0 = performance.now();
  const results: FileResult[] = [];
  try {
    const { counts, unclean } = await loadBatch(db, kind, files, env);
    const ms = (performance.now() - t0) / Math.max(1, counts.size);
    for (const f of files) {
      const c: Counts | undefined = counts.get(f.path);
      if (!c) continue;
      const status = f.oldId === null ? 'loaded' : 'replaced';
      results.push({ ...empty(f.path, status, f.format.format, f.bytes, performance.now() - ms), ...c });
    }
    if (unclean.length > 0) results.push(...(await exact(db, kind, unclean, env)));
    return results;
  } catch (err) {
    if (err instanceof InternalError || !(err instanceof Error)) throw err;
    if (FAST_KINDS.includes(kind)) return exact(db, kind, files, env);
    if (files.length > 1) {
      for (const f of files) results.push(...(await runBatch(db, kind, [f], env)));
      return results;
    }
    if (!(err instanceof UserError)) throw err;
    const f = files[0] as Planned;
    return [{ ...empty(f.path, 'failed', f.format.format, 0, t0), error: reason(err) }];
  }
}

/** The exact path for files a fast batch did not load: NDJSON as one line-by-line batch, tabular files one by one. */
async function exact(db: Db, kind: BatchKind, files: Planned[], env: Parameters<typeof loadBatch>[3]) {
  if (kind === 'fast') return runBatch(db, 'json', files, env);
  const out: FileResult[] = [];
  for (const f of files) out.push(...(await runBatch(db, 'tabular', [f], env)));
  return out;
}

/** Why a file failed, without its path: `line N: reason` or the reason. */
function reason(err: UserError): string {
  if (!(err instanceof InputError)) return err.message;
  return err.message
    .slice(err.file.length)
    .replace(/^:(\d+):/, 'line $1:')
    .replace(/^: /, '');
}

/** Runs fn over items with at most `limit` in flight; results keep the items' order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Reports results in the files' order although batches finish them out of order. */
class InOrder {
  private readonly done = new Map<number, FileResult>();
  private next = 0;
  constructor(
    private readonly total: number,
    private readonly emit: (r: FileResult) => void,
  ) {}
  add(i: number, r: FileResult): void {
    this.done.set(i, r);
    while (this.next < this.total && this.done.has(this.next)) {
      this.emit(this.done.get(this.next) as FileResult);
      this.done.delete(this.next++);
    }
  }
}

function forcedFormat(opts: IngestOptions, config: Config): FileFormat | undefined {
  if (opts.source && opts.format) throw new UserError('give either --source or --format, not both');
  if (opts.source) return sourceFormat(opts.source, config);
  if (opts.format === undefined) return undefined;
  const f = opts.format as FormatName;
  if (!FORMATS.includes(f) || f === 'mapped') {
    throw new UserError(`unknown format '${opts.format}'`, {
      hint: 'formats: seed, events, gameanalytics; mapped formats come from a --source in questlog.config.json',
    });
  }
  return { format: f };
}

// --- reporting ---

function empty(path: string, status: FileStatus, format: string | null, bytes: number, t0: number): FileResult {
  const ms = Math.round(performance.now() - t0);
  return { path, status, format, lines_read: 0, loaded: 0, rejected: 0, ignored: 0, duplicates: 0, bytes, ms };
}

function failed(path: string, error: string): FileResult {
  return { ...empty(path, 'failed', null, 0, performance.now()), error };
}

function describe(r: FileResult): string {
  if (r.status === 'failed') return `ingest ${r.path}: FAILED: ${r.error}`;
  if (r.status === 'skipped') return `ingest ${r.path}: skipped (${r.note}) in ${r.ms} ms`;
  const dup = r.duplicates ? `, ${r.duplicates} duplicate` : '';
  const note = r.lines_read === 0 ? ' (empty file)' : '';
  return (
    `ingest ${r.path}: ${r.status} ${r.format}, ${r.lines_read} lines = ${r.loaded} loaded + ${r.rejected} rejected + ` +
    `${r.ignored} ignored${dup}${note} in ${r.ms} ms`
  );
}

function summarize(files: FileResult[], ms: number): IngestSummary {
  const t: IngestSummary['totals'] = {
    files: files.length,
    files_loaded: 0,
    files_replaced: 0,
    files_skipped: 0,
    files_failed: 0,
    lines_read: 0,
    loaded: 0,
    rejected: 0,
    ignored: 0,
    duplicates: 0,
    bytes: 0,
    ms,
  };
  for (const f of files) {
    t[`files_${f.status}`]++;
    t.lines_read += f.lines_read;
    t.loaded += f.loaded;
    t.rejected += f.rejected;
    t.ignored += f.ignored;
    t.duplicates += f.duplicates;
    if (f.status === 'loaded' || f.status === 'replaced') t.bytes += f.bytes;
  }
  return { files, totals: t };
}

function describeTotals(s: IngestSummary): string {
  const t = s.totals;
  const mb = t.bytes / 1e6;
  const rate = t.ms > 0 && mb > 0 ? `, ${(mb / (t.ms / 1000)).toFixed(1)} MB/s` : '';
  return (
    `ingest total: ${t.files} file(s): ${t.files_loaded} loaded, ${t.files_replaced} replaced, ` +
    `${t.files_skipped} skipped, ${t.files_failed} failed; ${t.lines_read} lines = ${t.loaded} loaded + ${t.rejected} rejected + ` +
    `${t.ignored} ignored in ${t.ms} ms${rate}`
  );
}
