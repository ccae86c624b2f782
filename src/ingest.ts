// Ingest: log files -> events, rejects, file_players and the ledger, inside DuckDB, one transaction per file.
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type Config, loadConfig } from './config.js';
import { Db, type Params, sqlFile } from './db.js';
import { type Effects, nowOf } from './effects.js';
import { errorMessage, InputError, InternalError, UserError } from './errors.js';
import {
  baseExt,
  detectFormat,
  expandPaths,
  type FileFormat,
  FORMATS,
  type FormatName,
  fingerprint,
  type Mapping,
  seedPlayer,
  sourceFormat,
  sourcePaths,
  startFromName,
  stem,
} from './formats.js';
import { migrate } from './model.js';
import { LONG_LINE, stageTabular } from './tabular.js';

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

/** DuckDB's line buffer: anything longer makes the whole file unreadable. */
const MAX_LINE = 64 << 20;

export async function ingest(db: Db, opts: IngestOptions, effects: Effects): Promise<IngestSummary> {
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.config ?? { root: cwd, sources: {} };
  const forced = forcedFormat(opts, config);
  let paths = opts.paths ?? [];
  if (paths.length === 0 && opts.source) paths = sourcePaths(opts.source, config);
  if (paths.length === 0) throw new UserError('no files to ingest', { hint: 'give paths, or a --source with paths' });

  const t0 = performance.now();
  await runScript(db, sqlFile('ingest_macros'));
  const { files, missing } = await expandPaths(db, paths, cwd);
  const results: FileResult[] = missing.map((p) => failed(p, 'no such file or no match'));
  for (const r of results) effects.log(`ingest ${r.path}: FAILED: ${r.error}`);
  const ingestedAt = (opts.now ?? nowOf(effects)).toISOString().slice(0, 19).replace('T', ' ');
  for (const [i, path] of files.entries()) {
    const shown = relative(cwd, path) || path;
    const result = await ingestFile(db, path, { opts, config, forced, ingestedAt });
    result.path = shown;
    results.push(result);
    effects.log(describe(result));
    if (files.length > 1) effects.progress?.('ingest', i + 1, files.length);
  }
  const summary = summarize(results, Math.round(performance.now() - t0));
  effects.log(describeTotals(summary));
  return summary;
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
  const rows = await db.all<RejectRow & { line: string | null }>(sqlFile('rejects_list'), {
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

// --- one file ---

interface Ctx {
  opts: IngestOptions;
  config: Config;
  forced: FileFormat | undefined;
  ingestedAt: string;
}

async function ingestFile(db: Db, path: string, ctx: Ctx): Promise<FileResult> {
  const t0 = performance.now();
  let format: FileFormat | undefined;
  try {
    const { hash, bytes } = await fingerprint(path);
    const same = await db.one<{ path: string }>(
      'SELECT path FROM files WHERE content_hash = $hash ORDER BY file_id LIMIT 1',
      { hash },
    );
    if (same) {
      const why = same.path === path ? 'already loaded' : `same content as ${same.path}`;
      return { ...empty(path, 'skipped', null, bytes, t0), note: why };
    }
    format = await detectFormat(path, ctx.forced);
    const fmt = format;
    const old = await db.one<{ file_id: number }>('SELECT file_id FROM files WHERE path = $path', { path });
    const counts = await db.transaction(async () => {
      if (old) await runScript(db, sqlFile('ingest_forget'), { file_id: old.file_id });
      if (bytes === 0) await db.run(sqlFile('ingest_empty'));
      else await stage(db, path, fmt, ctx);
      const c = await readCounts(db, path);
      const row = await db.one<{ file_id: number }>(
        `INSERT INTO files (path, content_hash, format, source, bytes, lines_read, loaded, rejected, ignored, ingested_at)
         VALUES ($path, $hash, $format, $source, $bytes, $lines_read, $loaded, $rejected, $ignored, $at::TIMESTAMP)
         RETURNING file_id`,
        {
          path,
          hash,
          format: fmt.format,
          source: ctx.opts.source ?? null,
          bytes,
          lines_read: c.lines_read,
          loaded: c.loaded,
          rejected: c.rejected,
          ignored: c.ignored,
          at: ctx.ingestedAt,
        },
      );
      if (!row) throw new InternalError('ledger insert returned no id');
      await runScript(db, sqlFile('ingest_store'), { file_id: row.file_id });
      return c;
    });
    await dropStage(db);
    return { ...empty(path, old ? 'replaced' : 'loaded', fmt.format, bytes, t0), ...counts };
  } catch (err) {
    await dropStage(db);
    if (!(err instanceof UserError)) throw err;
    const error =
      err instanceof InputError
        ? err.message
            .slice(err.file.length)
            .replace(/^:(\d+):/, 'line $1:')
            .replace(/^: /, '')
        : err.message;
    return { ...empty(path, 'failed', format?.format ?? null, 0, t0), error };
  }
}

async function stage(db: Db, path: string, fmt: FileFormat, ctx: Ctx): Promise<void> {
  const ext = baseExt(path);
  if (fmt.format === 'seed') {
    await rawLines(db, path);
    const named = startFromName(path);
    const start = named ?? statSync(path).mtime.toISOString().slice(0, 19).replace('T', ' ');
    const tz = named ? (ctx.config.timezone ?? 'UTC') : 'UTC';
    const player = seedPlayer(path, ctx.opts.player);
    await read(path, () =>
      runScript(db, sqlFile('ingest_seed'), { start, tz, player, session: stem(path), long_line: LONG_LINE }),
    );
  } else if (fmt.format === 'gameanalytics') {
    await rawLines(db, path);
    await read(path, () => runScript(db, sqlFile('ingest_gameanalytics'), { long_line: LONG_LINE }));
  } else if (fmt.format === 'events' && (ext === '.ndjson' || ext === '.jsonl' || ext === '.json')) {
    await rawLines(db, path);
    await read(path, () => runScript(db, sqlFile('ingest_events_json'), { long_line: LONG_LINE }));
  } else if (fmt.format === 'events') {
    await stageTabular(db, path, eventsMapping(ext), { required: true, rawLines, read, maxLine: MAX_LINE });
  } else if (fmt.mapping) {
    await stageTabular(db, path, fmt.mapping, { required: false, rawLines, read, maxLine: MAX_LINE });
  } else {
    throw new InternalError(`no reader for format ${fmt.format}`);
  }
}

function eventsMapping(ext: string): Mapping {
  return {
    reader: ext === '.parquet' ? 'parquet' : 'csv',
    options: ext === '.tsv' ? { delim: '\t' } : {},
    fields: {
      ts: '"ts"',
      player_id: '"player_id"',
      quest_id: '"quest_id"',
      status: '"status"',
      session_id: '"session_id"',
      build: '"build"',
      platform: '"platform"',
    },
  };
}

/** Every physical line of the file into ql_raw (numbered); an unreadable file becomes an InputError. */
async function rawLines(db: Db, path: string): Promise<void> {
  await read(path, () => runScript(db, sqlFile('ingest_raw_lines'), { path, max_line: MAX_LINE }));
}

/** Runs a step that reads the file; DuckDB's complaints about the file become InputErrors naming file and line. */
async function read<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError || err instanceof InternalError) throw err;
    const msg = errorMessage(err);
    const line = /(?:on )?line:? (\d+)/i.exec(msg)?.[1];
    throw new InputError(path, duckReason(msg), { line: line ? Number(line) : undefined, cause: err });
  }
}

/** DuckDB messages carry hints for SQL users; keep the first meaningful sentence. */
function duckReason(msg: string): string {
  if (/not utf-8|invalid unicode/i.test(msg)) return 'not valid UTF-8 text';
  if (/maximum line size/i.test(msg)) return `a line is longer than ${MAX_LINE} bytes`;
  const first = msg.split('\n').find((l) => l.trim() !== '' && !/^CSV Error on Line/i.test(l)) ?? msg;
  return first.replace(/^[A-Za-z ]+Error: /, '').trim();
}

async function readCounts(db: Db, path: string) {
  const row = await db.one<Record<string, string>>(sqlFile('ingest_counts'));
  if (!row) throw new InternalError('no counts for staged file');
  const n = (k: string) => Number(row[k] ?? 0);
  const c = {
    lines_read: n('lines_read'),
    loaded: n('loaded'),
    rejected: n('rejected'),
    ignored: n('ignored'),
    duplicates: n('duplicates'),
  };
  if (n('unclassified') !== 0 || c.lines_read !== c.loaded + c.rejected + c.ignored) {
    throw new InternalError(
      `${path}: ledger invariant broken: ${c.lines_read} lines read != ${c.loaded} loaded + ${c.rejected} rejected + ${c.ignored} ignored`,
    );
  }
  return c;
}

const STAGE_TABLES = [
  'ql_raw',
  'ql_src',
  'ql_lines',
  'ql_stage',
  'ql_reader_rejects',
  'ql_status_map',
  'ql_csv_rejects',
];

async function dropStage(db: Db): Promise<void> {
  const sql = [...STAGE_TABLES, 'ql_csv_scans'].map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n');
  await db.run(sql).catch(() => {});
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
