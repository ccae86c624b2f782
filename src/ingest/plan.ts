// What a file's batch will be: its kind (which reader and path it takes), what preparing it found, and what loading
// it reports. Decided before any batch runs, so a file that cannot be planned fails alone.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Config } from '../config.js';
import { sqlTimestamp } from '../domain/dates.js';
import type { Fingerprint } from './fingerprint.js';
import { baseExt, checkDateOnly, type FileFormat, seedPlayer, startFromName, stem } from './formats.js';

/** DuckDB's line buffer: anything longer makes the whole file unreadable. */
export const MAX_LINE = 64 << 20;

/**
 * How a batch is read. `fast`: canonical NDJSON through DuckDB's JSON reader, `fast-csv|tsv|parquet`: canonical
 * events through the typed readers; `json`, `seed`, `gameanalytics`: every physical line staged and parsed in SQL
 * (exact line numbers and rejects); `tabular`: one CSV/Parquet/mapped file on the exact path.
 */
export type BatchKind =
  | 'empty'
  | 'seed'
  | 'gameanalytics'
  | 'json'
  | 'fast'
  | 'tabular'
  | 'fast-csv'
  | 'fast-tsv'
  | 'fast-parquet';

/** Fast kinds read every file of the batch with a typed reader; files that are not clean go to the exact path. */
export const FAST_KINDS: BatchKind[] = ['fast', 'fast-csv', 'fast-tsv', 'fast-parquet'];

export interface Planned extends Fingerprint {
  path: string;
  /** What makes two files the same load: see `identityOf`. */
  identity: string;
  format: FileFormat;
  /** The ledger id of an earlier version at the same path (replaced by this one). */
  oldId: number | null;
  /** Seed logs: session start ('YYYY-MM-DD HH:MM:SS'), its zone, player and session, from the path. */
  seed?: { start: string; tz: string; player: string; session: string };
}

/** A fast batch that cannot be read that way at all; its files take the exact path. */
export class FastPathRefused extends Error {}

export interface Counts {
  lines_read: number;
  loaded: number;
  rejected: number;
  ignored: number;
  duplicates: number;
}

export interface BatchEnv {
  config: Config;
  source: string | null;
  ingestedAt: string;
  /** Wraps each statement that reads the batch's files (ingest reports their progress); default: run as is. */
  watch?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface BatchResult {
  /** Per loaded file (by path). */
  counts: Map<string, Counts>;
  /** Fast-path files that were not clean; they must be loaded again on the exact path. */
  unclean: Planned[];
}

/** Which batch kind a file goes to. Files with an empty line never take the NDJSON fast path (lines_read stays true). */
export function kindOf(f: Planned): BatchKind {
  if (f.bytes === 0) return 'empty';
  const ext = baseExt(f.path);
  if (f.format.format === 'seed') return 'seed';
  if (f.format.format === 'gameanalytics') return 'gameanalytics';
  if (f.format.format === 'events' && (ext === '.ndjson' || ext === '.jsonl' || ext === '.json')) {
    return f.blank ? 'json' : 'fast';
  }
  if (f.format.format === 'events' && ext === '.parquet') return 'fast-parquet';
  if (f.format.format === 'events' && !f.blank && (ext === '.csv' || ext === '.tsv')) {
    return ext === '.csv' ? 'fast-csv' : 'fast-tsv';
  }
  return 'tabular';
}

/**
 * A file's identity in the ledger: its content hash, and for formats whose rows depend on more than the bytes (seed:
 * player, session and start from the path; mapped: the mapping) a hash over those too. Events and GameAnalytics rows
 * depend on the bytes alone, so their identity stays the content hash.
 */
export function identityOf(hash: string, format: FileFormat, seed: Planned['seed']): string {
  if (format.format !== 'seed' && format.format !== 'mapped') return hash;
  const derived = JSON.stringify({ format: format.format, mapping: format.mapping ?? null, seed: seed ?? null });
  return createHash('sha256').update(hash).update('\0').update(derived).digest('hex');
}

/** Seed logs: the per-file reader parameters, computed before the batch (a bad --player pattern fails the file). */
export function seedParams(path: string, config: Config, player?: string): Planned['seed'] {
  const named = startFromName(path);
  const mtime = statSync(path).mtime;
  if (!named) checkDateOnly(path, mtime, config.timezone ?? 'UTC');
  const start = named?.start ?? sqlTimestamp(mtime);
  return {
    start,
    tz: named && !named.utc ? (config.timezone ?? 'UTC') : 'UTC',
    player: seedPlayer(path, player),
    session: stem(path),
  };
}

/** A batch holds at most this many files (its statements are per batch, not per file). */
const BATCH_FILES = 2000;
/** The bytes of a kind's first batch: small, so loading starts as soon as its files are checked. */
const BATCH_BYTES = 256 << 20;

/**
 * The most bytes a later batch may hold, for a DuckDB `memory_limit` as `current_setting` shows it ('3.7 GiB'): a
 * quarter of it, at most 1 GiB, never under the first batch's. A batch's staging lives in memory (peak RSS ~0.6 GB with
 * 190 MB batches, ~1.3 GB with 1 GB ones at 10M events); every batch adds a transaction and a tail of one-thread
 * statements, and batches growing to 1 GiB took ~10% less CPU than 256 MB ones at 10M events, while a batch's duplicate
 * and player counts grow faster than its rows (bench/results/issue13/NOTES.md, round 12). An unreadable setting keeps
 * the first batch's size.
 */
export function batchBytesMax(memoryLimit: string): number {
  const m = /^([\d.]+) ?(bytes|KiB|MiB|GiB|TiB|PiB)$/.exec(memoryLimit.trim());
  const power = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'].indexOf(m?.[2] ?? '');
  const bytes = m && power >= 0 ? Number(m[1]) * 1024 ** power : 0;
  return Math.max(BATCH_BYTES, Math.min(1 << 30, Math.floor(bytes / 4)));
}

/**
 * One kind's batches, in file order: complete ones not yet run (`done`) and the one being filled. Each holds at most
 * BATCH_FILES files and twice the (weighted) bytes of the one before, from BATCH_BYTES up to `max`; tabular files go
 * one by one.
 */
export class KindBatches {
  readonly done: Planned[][] = [];
  private cur: Planned[] = [];
  private bytes = 0;
  private closed = 0;

  constructor(
    private readonly kind: BatchKind,
    private readonly max: number,
  ) {}

  add(f: Planned): void {
    const cap = Math.min(this.max, BATCH_BYTES * 2 ** this.closed);
    const full = this.kind === 'tabular' || this.cur.length >= BATCH_FILES || this.bytes + weight(f) > cap;
    if (this.cur.length > 0 && full) {
      this.done.push(this.cur);
      this.closed++;
      this.cur = [];
      this.bytes = 0;
    }
    this.cur.push(f);
    this.bytes += weight(f);
  }

  /** The batches left to run, the one being filled last. */
  rest(): Planned[][] {
    return [...this.done, this.cur].filter((b) => b.length > 0);
  }
}

/** What a file weighs in a batch's memory: gzip and Parquet hold ~16x their size in text (the 1M demo data: 15-17x). */
const weight = (f: Planned) => f.bytes * (/\.(gz|parquet)$/i.test(f.path) ? 16 : 1);
