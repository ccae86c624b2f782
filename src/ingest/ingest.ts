// Ingest: log files -> events, rejects, file_players and the ledger, inside DuckDB. Files are fingerprinted in
// parallel in Node, then loaded in batches (one transaction and a fixed set of statements per batch of same-kind files).
import { isAbsolute, relative, resolve } from 'node:path';
import { type Config, limitsOf } from '../config.js';
import type { Limits } from '../config-limits.js';
import { sqlTimestamp } from '../domain/dates.js';
import { detail, type Effects, nowOf, warn } from '../domain/effects.js';
import { InputError, InternalError, UserError } from '../domain/errors.js';
import { stopPoint } from '../domain/interrupt.js';
import { ingestMessages as msg } from '../domain/messages.js';
import { progressMessages } from '../domain/progress-messages.js';
import { type Db, runScript, sqlFile } from '../engine/db.js';
import { loadBatch } from './batch.js';
import { formatOf } from './containers.js';
import { expandPaths } from './discover.js';
import { changedSince, fingerprint } from './fingerprint.js';
import {
  checkHeader,
  type FileFormat,
  FORMATS,
  type FormatName,
  isGlob,
  playerRegex,
  sourceFormat,
  sourcePaths,
} from './formats.js';
import {
  type BatchKind,
  batchBytesMax,
  type Counts,
  FAST_KINDS,
  identityOf,
  KindBatches,
  kindOf,
  type Planned,
  seedParams,
} from './plan.js';
import { BytesProgress, sizeOf } from './progress.js';
import {
  describe,
  describeTotals,
  empty,
  type FileResult,
  failed,
  type IngestOptions,
  type IngestSummary,
  InOrder,
  startLimit,
  summarize,
} from './results.js';

export type { FileResult, IngestOptions, IngestSummary } from './results.js';

/**
 * Files fingerprinted at once (reading and hashing overlap each other), and their bytes past the first: hashing runs on
 * this thread, so four big files checked together all finish late, and the first batch waits for the last of them.
 */
const PREPARE_PARALLEL = { items: 4, bytes: 64 << 20 };

export async function ingest(db: Db, opts: IngestOptions, effects: Effects): Promise<IngestSummary> {
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.config ?? { root: cwd, sources: {} };
  const forced = forcedFormat(opts, config);
  let paths = opts.paths ?? [];
  const configured = paths.length === 0 && opts.source !== undefined;
  if (configured && opts.source) paths = sourcePaths(opts.source, config);
  if (paths.length === 0) throw new UserError(msg.noFiles, { cli: ['givePaths'] });
  if (opts.player !== undefined) playerRegex(opts.player);

  const t0 = performance.now();
  await runScript(db, sqlFile('ingest/macros'));
  await setLimits(db, limitsOf(config));
  const expanded = await expandPaths(db, paths, cwd);
  const { files } = expanded;
  // A configured glob that matches nothing (no new export tonight) is a warning unless the config says strict; a
  // named file that is missing, a glob given by hand, or an entry that cannot be read is still a failure.
  const lenient = configured && config.freshness?.strict_globs !== true;
  const quiet = (p: { path: string; reason: string }) => lenient && isGlob(p.path) && p.reason === msg.noMatch;
  const missing = expanded.missing.filter((p) => !quiet(p));
  for (const p of expanded.missing.filter(quiet)) {
    warn(effects, msg.globNoMatch(relative(cwd, resolve(cwd, p.path)) || p.path));
  }
  const results: FileResult[] = missing.map((p) =>
    failed(isAbsolute(p.path) ? relative(cwd, p.path) || p.path : p.path, p.reason),
  );
  for (const r of results) effects.log(describe(r));
  const shown = (p: string) => relative(cwd, p) || p;
  const out = new InOrder(files.length, (r) => {
    results.push(r);
    // One line per file only when asked for, or when the file needs a look (failed, or lines rejected).
    if (r.status === 'failed' || r.rejected > 0) effects.log(describe(r));
    else detail(effects, describe(r));
  });
  const env = {
    config,
    source: opts.source ?? null,
    ingestedAt: sqlTimestamp(opts.now ?? nowOf(effects)),
  };
  const index = new Map(files.map((f, i) => [f, i]));
  const emit = (r: FileResult) => out.add(index.get(r.path) ?? 0, { ...r, path: shown(r.path) });

  const sizes = files.map(sizeOf);
  const checking = new BytesProgress(effects, progressMessages.ingestCheck, sizes.reduce(sum, 0));
  const onBytes = (n: number) => checking.add(n);
  // Files are checked ahead while batches load: a batch starts once its files are checked, not once every file is
  // (checking 10M events' 1.5 GB took ~7 s of wall before the first batch; bench/results/issue13/NOTES.md).
  let pending: Promise<Planned | FileResult>[] = startLimit(files, sizes, PREPARE_PARALLEL, (f) =>
    prepare(f, forced, config, opts.player, onBytes),
  );
  const loading = new BytesProgress(effects, progressMessages.ingestLoad);
  const run = async (kind: BatchKind, batch: Planned[]) => {
    // A safe point: the batches before are committed, the files after load next run.
    stopPoint(effects);
    const bytes = batch.map((f) => f.bytes).reduce(sum, 0);
    const watch = effects.progress
      ? <T>(fn: () => Promise<T>) => db.watch(fn, (part) => loading.part(bytes, part))
      : undefined;
    for (const r of await runBatch(db, kind, batch, { ...env, watch })) emit(r);
    loading.add(bytes);
  };
  // Dictionary compression for the events' text columns (other types keep theirs): choosing among all string
  // compressions made inserting 10M events ~1.5x slower, for a file of the same size.
  await db.withSettings({ preserve_insertion_order: false, force_compression: 'dictionary' }, async () => {
    // Rounds: a file whose content repeats an earlier file of the same call waits until that one is in the ledger.
    while (pending.length > 0) {
      const later = await round(db, pending, { emit, run, grow: (n) => loading.grow(n) });
      pending = later.map((p) => Promise.resolve(p));
    }
  });
  const summary = summarize(results, Math.round(performance.now() - t0));
  effects.log(describeTotals(summary));
  return summary;
}

/** The config's limits as session variables, read by the parsing macros (src/sql/ingest/macros.sql). */
async function setLimits(db: Db, limits: Limits): Promise<void> {
  await runScript(db, sqlFile('ingest/limits'), {
    earliest: limits.earliest,
    latest: limits.latest,
    max_id: limits.max_id_length,
  });
}

// --- planning and batches ---

type Prepared = Planned & { prepareMs: number };

/** Fingerprint, format and reader parameters of one file, or its failure. */
async function prepare(
  path: string,
  forced: FileFormat | undefined,
  config: Config,
  player: string | undefined,
  onBytes: (n: number) => void,
): Promise<Prepared | FileResult> {
  const t0 = performance.now();
  let format: FileFormat | undefined;
  try {
    const fp = await fingerprint(path, onBytes);
    format = await formatOf(path, forced, fp.head, fp.loneCr);
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
 * One round over pending files, in order, as their checks finish. Each file is: already in the ledger (skipped), to
 * load now, or a repeat of a file loaded now (returned, for the next round). The ledger's content_hash is the file's
 * identity (content and whatever the rows derive from path or config). Rows written before identities hold the bare
 * content hash: such a row at this path with this content is this file.
 *
 * Files to load go into same-kind batches of at most BATCH_FILES files and batchBytes (weighted) bytes: a kind's first
 * batch is small, later ones grow up to a cap set by DuckDB's memory limit (plan.ts); tabular files go one by one.
 * Batches run kind by kind (kinds in the order of their first file), each kind's in file order; a batch of the first
 * kind runs as soon as it is complete (the next file of its kind did not fit), while later files are still being
 * checked. Which batches there are and their order do not depend on when checks finish.
 */
async function round(
  db: Db,
  pending: Promise<Planned | FileResult>[],
  to: {
    emit: (r: FileResult) => void;
    run: (kind: BatchKind, batch: Planned[]) => Promise<void>;
    grow: (n: number) => void;
  },
): Promise<Planned[]> {
  const ledger = await db.all<{ file_id: number; path: string; content_hash: string }>(sqlFile('ingest/ledger'));
  const byIdentity = new Map<string, string>();
  for (const r of ledger) if (!byIdentity.has(r.content_hash)) byIdentity.set(r.content_hash, r.path);
  const byPath = new Map(ledger.map((r) => [r.path, r]));
  const later: Planned[] = [];
  const now = new Set<string>();
  // Per kind, in the order of their first file: complete batches not yet run, and the batch being filled.
  const kinds = new Map<BatchKind, KindBatches>();
  const max = batchBytesMax((await db.one<{ m: string }>("SELECT current_setting('memory_limit') AS m"))?.m ?? '');
  for (const next of pending) {
    const p = await next;
    if ('status' in p) {
      to.emit(p);
      continue;
    }
    const old = byPath.get(p.path);
    const same = old?.content_hash === p.hash ? p.path : byIdentity.get(p.identity);
    if (same !== undefined) {
      const note = same === p.path ? 'already loaded' : `same content as ${same}`;
      const ms = (p as Prepared).prepareMs ?? 0;
      to.emit({ ...empty(p.path, 'skipped', null, p.bytes, performance.now() - ms), note });
      continue;
    }
    if (now.has(p.identity)) {
      later.push(p);
      continue;
    }
    now.add(p.identity);
    const f = { ...p, oldId: old?.file_id ?? null };
    to.grow(f.bytes);
    const kind = kindOf(f);
    const k = kinds.get(kind) ?? new KindBatches(kind, max);
    kinds.set(kind, k);
    k.add(f);
    // Only the first kind's batches run before every file is checked; the other kinds' wait for its last, as always.
    const [first] = kinds;
    if (first) for (const b of first[1].done.splice(0)) await to.run(first[0], b);
  }
  for (const [kind, k] of kinds) {
    for (const b of k.rest()) await to.run(kind, b);
  }
  return later;
}

const sum = (a: number, b: number) => a + b;

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
    return [{ ...empty(f.path, 'failed', f.format.format, 0, t0), error: changedSince(f) ?? reason(err) }];
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

function forcedFormat(opts: IngestOptions, config: Config): FileFormat | undefined {
  if (opts.source && opts.format) throw new UserError(msg.sourceAndFormat);
  if (opts.source) return sourceFormat(opts.source, config);
  if (opts.format === undefined) return undefined;
  const f = opts.format as FormatName;
  if (!FORMATS.includes(f) || f === 'mapped') {
    throw new UserError(msg.unknownFormat(opts.format), { hint: msg.unknownFormatHint });
  }
  return { format: f };
}
