// One batch of files -> events, rejects, file_players and ledger rows: one transaction and a fixed number of
// statements however many files the batch holds (per-file statements made small files cost ~100 ms each).
import { listValue } from '@duckdb/node-api';
import { InternalError } from '../domain/errors.js';
import { faultPoint } from '../domain/fault.js';
import { inputMessages } from '../domain/input-messages.js';
import { type Db, readerPath, runScript, sqlFile } from '../engine/db.js';
import { baseExt } from './formats.js';
import {
  type BatchEnv,
  type BatchKind,
  type BatchResult,
  type Counts,
  FAST_KINDS,
  FastPathRefused,
  MAX_LINE,
  type Planned,
} from './plan.js';
import type { Mapping } from './presets.js';
import { read } from './read-errors.js';
import { LONG_LINE } from './stage-sql.js';
import { stageFastTabular, stageTabular } from './tabular.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

export async function loadBatch(db: Db, kind: BatchKind, files: Planned[], env: BatchEnv): Promise<BatchResult> {
  const ids = (await db.all<{ id: number }>(sqlFile('ingest/file_ids'), { n: files.length })).map((r) => r.id);
  const rows = files.map((f, i) => ({
    file_id: ids[i],
    idx: i,
    path: f.path,
    hash: f.hash,
    identity: f.identity,
    format: f.format.format,
    source: env.source,
    bytes: f.bytes,
    lines: f.lines,
    old_id: f.oldId,
    ...f.seed,
  }));
  // Ids are searched for control characters only where the bytes can hold one (see Fingerprint.ctrl); seed players
  // come from the path, which the byte scan never saw.
  const scan = kind === 'tabular' || files.some((f) => f.ctrl || CONTROL.test(f.seed?.player ?? ''));
  await db.run('SET VARIABLE ql_scan = $scan', { scan });
  try {
    // The NDJSON fast path's staged read comes before the transaction: it writes nothing but a temp table, and a temp
    // table filled inside the transaction was often scanned by one thread when its rows went into events (~0.5 s of
    // wall at 1M events; bench/results/issue13/NOTES.md).
    if (kind === 'fast') await readFast(db, files, env);
    return await db.transaction(async () => {
      await db.run(sqlFile('ingest/batch'), { files: JSON.stringify(rows) });
      if (FAST_KINDS.includes(kind)) return await loadFast(db, kind, files, ids, env);
      // Parquet numbers rows itself (file_row_number); every other reader is numbered by read order.
      const parquet = kind === 'tabular' && baseExt(files[0]?.path ?? '') === '.parquet';
      await (parquet ? stage(db, kind, files, env) : ordered(db, () => stage(db, kind, files, env)));
      const gaps = await db.all<{ file_id: number }>(sqlFile('ingest/numbering'));
      if (gaps.length > 0)
        throw new InternalError(`line numbering broken for file id(s) ${gaps.map((g) => g.file_id)}`);
      await forget(db, files);
      await db.run(sqlFile('ingest/counts'));
      const counts = await readCounts(db, files, ids);
      await db.run(sqlFile('ingest/files'), { at: env.ingestedAt });
      await runScript(db, sqlFile('ingest/store'));
      // A mapped file with extra dimensions (tabular batches hold one file; an empty one stages no values).
      const names = Object.keys(files[0]?.format.mapping?.dimensions ?? {});
      if (kind === 'tabular' && names.length > 0)
        await db.run(sqlFile('ingest/dimensions'), { names: listValue(names) });
      faultPoint('ingest-batch');
      return { counts, unclean: [] };
    });
  } finally {
    await db.run('SET preserve_insertion_order = false');
    await dropStage(db);
  }
}

/**
 * A fast batch: the typed reader's rows go into events with no per-line staging (NDJSON and CSV keep one narrow
 * ordered copy for line numbers, NDJSON's made by readFast before the transaction; Parquet rows go straight in), and
 * everything else (counts, duplicates, players) is read back from the batch's own events, or for NDJSON from its
 * staged copy, which both threads scan (ndjson_loaded.sql). Files that were not clean leave the batch for the exact
 * path.
 */
async function loadFast(db: Db, kind: BatchKind, files: Planned[], ids: number[], env: BatchEnv): Promise<BatchResult> {
  const paths = listValue(files.map((f) => readerPath(f.path)));
  const batch = { lo: Math.min(...ids), hi: Math.max(...ids) };
  const reading = readingOf(files, env);
  if (kind === 'fast') {
    await db.run(sqlFile('ingest/ndjson_first'));
    await db.run(sqlFile('ingest/fast_events'));
  } else {
    const reader = kind === 'fast-parquet' ? 'parquet' : 'csv';
    const stageIt = () => reading(() => stageFastTabular(db, reader, paths, kind === 'fast-tsv' ? '\t' : ','));
    const staged = reader === 'csv' ? ordered(db, stageIt) : db.withSettings(PARSE_ONCE, stageIt);
    if (!(await staged)) throw new FastPathRefused();
    if (reader === 'csv') await db.run(sqlFile('ingest/fast_events'));
  }
  await runScript(db, sqlFile(kind === 'fast' ? 'ingest/ndjson_loaded' : 'ingest/fast_loaded'), batch);
  const bad = new Set((await db.all<{ file_id: number }>(sqlFile('ingest/unclean'))).map((r) => r.file_id));
  const unclean = files.filter((_f, i) => bad.has(ids[i] as number));
  if (bad.size > 0) {
    // Only a Parquet file can have rows in events here (its good rows); the exact path loads it again.
    await runScript(db, sqlFile('ingest/unclean_delete'));
  }
  // After the unclean files left the batch: a replacement that ends up failing keeps its old version.
  await forget(db, files);
  await db.run(sqlFile('ingest/fast_counts'));
  const counts = await readCounts(db, files, ids);
  await db.run(sqlFile('ingest/files'), { at: env.ingestedAt });
  await runScript(db, sqlFile(kind === 'fast' ? 'ingest/ndjson_players' : 'ingest/fast_players'), batch);
  return { counts, unclean };
}

/**
 * The NDJSON fast path's read into ql_read, in file order (line numbers come from it). Two statements on purpose: a
 * one-pass insert (reader WITH ORDINALITY straight into events) runs on one thread and measured ~10% slower at 1M
 * events on a quiet machine, and one such read per half of the files in a UNION ALL was not reliably run on two
 * threads (bench/results/issue13/NOTES.md).
 */
function readFast(db: Db, files: Planned[], env: BatchEnv): Promise<void> {
  const paths = listValue(files.map((f) => readerPath(f.path)));
  const reading = readingOf(files, env);
  return ordered(db, () => reading(() => db.run(sqlFile('ingest/events_fast'), { paths, long_line: LONG_LINE })));
}

/**
 * For the statements that parse rows and insert the loadable ones: DuckDB pushes a WHERE below the projection that
 * parses, so every field was parsed twice (filter, then insert): ~4x the one-pass insert's time at 1M events. Not for
 * statements that read events, whose file_id ranges must reach the scan (zone maps).
 */
const PARSE_ONCE = { disabled_optimizers: 'filter_pushdown' };

/** Removes the earlier versions of replaced files (each statement scans a whole table, so only when there are any). */
async function forget(db: Db, files: Planned[]): Promise<void> {
  if (files.some((f) => f.oldId !== null)) await runScript(db, sqlFile('ingest/forget'));
}

/**
 * Runs a step that reads the batch's files, watched for progress (env.watch). With one file, DuckDB's complaints name
 * it; a batch of several files cannot say which file DuckDB choked on, so the caller retries them one by one.
 */
function readingOf(files: Planned[], env: BatchEnv) {
  const one = files.length === 1 ? files[0]?.path : undefined;
  const watch = env.watch ?? (<T>(fn: () => Promise<T>) => fn());
  return <T>(fn: () => Promise<T>) => watch(() => (one === undefined ? fn() : read(one, fn)));
}

async function stage(db: Db, kind: BatchKind, files: Planned[], env: BatchEnv): Promise<void> {
  const reading = readingOf(files, env);
  if (kind === 'empty') return db.run(sqlFile('ingest/empty'));
  if (kind === 'seed' || kind === 'gameanalytics' || kind === 'json') {
    await reading(() => rawLines(db, files));
    const sql = { seed: 'ingest/seed', gameanalytics: 'ingest/gameanalytics', json: 'ingest/events_json' }[kind];
    return reading(() => runScript(db, sqlFile(sql), { long_line: LONG_LINE, json_array: inputMessages.jsonArray }));
  }
  const f = files[0];
  if (kind !== 'tabular') throw new InternalError(`${kind} batches take the fast path`);
  if (!f || files.length !== 1) throw new InternalError('a tabular batch holds exactly one file');
  const ext = baseExt(f.path);
  const mapping = f.format.format === 'events' ? eventsMapping(ext) : f.format.mapping;
  if (!mapping) throw new InternalError(`no reader for format ${f.format.format}`);
  const rawLinesOf = (db: Db, _path: string) => reading(() => rawLines(db, [f]));
  const readIt = <T>(_path: string, fn: () => Promise<T>) => reading(fn);
  const tabEnv = {
    required: f.format.format === 'events',
    rawLines: rawLinesOf,
    read: readIt,
    maxLine: lineBuffer([f]),
  };
  await stageTabular(db, f.path, mapping, tabEnv, await batchId(db));
}

async function batchId(db: Db): Promise<number> {
  const row = await db.one<{ id: number }>(sqlFile('ingest/batch_id'));
  if (row?.id == null) throw new InternalError('empty batch');
  return row.id;
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

/** Every physical line of the files into ql_raw (file id, line, text). */
function rawLines(db: Db, files: Planned[]): Promise<void> {
  const paths = listValue(files.map((f) => readerPath(f.path)));
  return runScript(db, sqlFile('ingest/raw_lines'), { paths, max_line: lineBuffer(files) });
}

/**
 * DuckDB's line buffer for these files: their longest line plus slack (at least 64 KB), at most
 * MAX_LINE (a longer line makes the file unreadable, as it always did). Parquet files report no lines.
 */
function lineBuffer(files: Planned[]): number {
  const longest = Math.max(0, ...files.map((f) => (f.lines > 0 ? f.longest : MAX_LINE)));
  return Math.min(MAX_LINE, Math.max(1 << 16, longest + 4096));
}

/**
 * Staging reads number lines by read order, so they run with preserve_insertion_order on; ingest otherwise keeps it
 * off for bulk statements whose order does not matter.
 */
async function ordered<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  // The restore fails inside an aborted transaction; loadBatch sets it again after the rollback.
  return db.withSettings({ preserve_insertion_order: true }, fn);
}

async function readCounts(db: Db, files: Planned[], ids: number[]): Promise<Map<string, Counts>> {
  const rows = await db.all<Record<string, string | number>>(sqlFile('ingest/batch_counts'));
  const pathOf = new Map(ids.map((id, i) => [id, files[i]?.path ?? '']));
  const out = new Map<string, Counts>();
  for (const row of rows) {
    const n = (k: string) => Number(row[k] ?? 0);
    const path = pathOf.get(n('file_id')) ?? '?';
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
    out.set(path, c);
  }
  return out;
}

const STAGE_TABLES = [
  'ql_batch',
  'ql_read',
  'ql_first',
  'ql_raw',
  'ql_src',
  'ql_lines',
  'ql_stage',
  'ql_unclean',
  'ql_loaded',
  'ql_counts',
  'ql_reader_rejects',
  'ql_status_map',
  'ql_csv_rejects',
  'ql_csv_scans',
  'ql_quote_lines',
  'ql_spans',
  'ql_cont',
  'ql_rejects_at',
  'ql_rec_breaks',
  'ql_cont_rejected',
];

async function dropStage(db: Db): Promise<void> {
  // The NDJSON fast path's ql_stage is a view; the view goes first, since the tables under it are dropped after.
  await db.run('DROP VIEW IF EXISTS ql_stage').catch(() => {});
  for (const t of STAGE_TABLES) await db.run(`DROP TABLE IF EXISTS ${t}`).catch(() => {});
}
