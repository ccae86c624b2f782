// Quest pages rendered and written by worker threads (issue 16): at 5,000 quests the pages, their JSON, history and
// gzip copies are ~90% of a nightly publish's CPU, all of it on one core while DuckDB sits idle. The main thread keeps
// the reads, the index and the SiteFiles bookkeeping; each worker renders whole quests from the rows it is sent (plain
// data, structured clone), writes their files into the build folder itself (same FileSink: no-follow writes, unchanged
// files kept, gzip), and reports what it wrote, so the manifest, `prune` and the counts stay on the main thread.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { InternalError } from '../domain/errors.js';
import { publishMessages } from '../domain/messages.js';
import type { SegmentRow, SurvivalStats } from '../domain/types.js';
import type { SiteData } from './api.js';
import type { FileRecord } from './file-sink.js';
import type { QuestPage } from './quest-pages.js';
import { questRows } from './segment-figures.js';
import { type SegmentValueFile, segmentValueFiles } from './segments.js';
import type { SiteFiles } from './site-files.js';
import type { PackedFound } from './worker-found.js';
import { startWorker, workerEntry } from './worker-start.js';

/** One quest as a worker gets it: its page rows, its survival figures and its segment rows. */
export interface QuestTask {
  page: QuestPage;
  survival: SurvivalStats | null;
  segments: SegmentRow[];
}

/** What every quest page reads of the site besides its own rows (sent once per worker). */
export interface Shared {
  data: Omit<SiteData, 'history' | 'histogram' | 'months' | 'survival' | 'survivalCurve' | 'chains' | 'changes'>;
  survival: boolean;
}

/** What a worker needs before its first batch, sent as its first message (the worker starts before the reads are done). */
export interface WorkerInit {
  root: string;
  /** What the recycled build folder held that a worker may write (worker-found.ts), so it creates new files in one open. */
  found: PackedFound;
  shared: Shared;
}

export interface Batch {
  id: number;
  tasks: QuestTask[];
  /** Segment API value files (segments.ts): each in a batch of its own, sent before the quests. */
  values: SegmentValueFile[];
}

/** A batch done: its files, the compressed copies written or kept, and how many copies were written. */
interface Done {
  id: number;
  /** Quests rendered (for the progress line). */
  quests: number;
  files: FileRecord[];
  copies: string[];
  gz: number;
}

/** A worker's messages: its init first, then batches. */
export type ToWorker = { init: WorkerInit } | Batch;

export type Reply = Done | { id: number; error: { name: string; message: string; stack?: string; code?: string } };

/** Quests per message: ~5 ms of work each, so a message is tens of ms and the two workers stay evenly loaded. */
const BATCH = 16;
/** Batches queued per worker: the next one waits there while the main thread handles the last reply. */
const IN_FLIGHT = 2;
/**
 * Below this many quests the pages render in this thread: each worker loads the modules, warms up and collects its own
 * garbage, and at 1,000 quests (a fresh 1M-event site, load ~6 on 2 cores) the pool took +35% CPU and more wall time
 * (issue 16 NOTES, round 4); at 5,000 quests its pages phase was the shorter one.
 */
const MIN_QUESTS = 2000;
const MAX_WORKERS = 4;

/**
 * How many render workers: `requested` (config `reports.workers`) when given, 0 or 1 meaning none (this thread, e.g.
 * to check that both give the same bytes); else one per core up to 4, none for a site under 2,000 quests or a single core.
 */
export function renderWorkers(requested: number | undefined, quests: number): number {
  if (requested !== undefined) return requested <= 1 ? 0 : Math.min(requested, 32);
  const n = Math.min(availableParallelism(), MAX_WORKERS);
  return quests < MIN_QUESTS || n < 2 ? 0 : n;
}

/** What every quest page reads of the site besides its own rows. */
export function sharedOf(data: SiteData): Shared {
  const { history, histogram, months, survival, survivalCurve, chains, changes, ...rest } = data;
  const segments = data.segments && { ...data.segments, rows: [] };
  return {
    data: { ...rest, snapshot: { ...data.snapshot, quests: [] }, ...(segments ? { segments } : {}) },
    survival: survival !== undefined,
  };
}

/** Each page as a worker's task, with its quest's survival figures and segment rows picked out of the site's. */
function questTasks(data: SiteData, pages: readonly QuestPage[]): QuestTask[] {
  const survivalOf = new Map((data.survival ?? []).map((s) => [s.quest_id, s]));
  return pages.map((page) => ({
    page,
    survival: survivalOf.get(page.q.quest_id) ?? null,
    segments: data.segments ? questRows(data.segments, page.q.quest_id) : [],
  }));
}

/**
 * The workers' batches: the segment API's value files first, one a batch (each is every quest's figures for a value,
 * one large document: written by a worker, not between the main thread's replies to them), then BATCH quests at a time.
 */
function batchesOf(data: SiteData, pages: readonly QuestPage[]): Omit<Batch, 'id'>[] {
  const values = data.segments ? segmentValueFiles(data, data.segments) : [];
  const tasks = questTasks(data, pages);
  const batches: Omit<Batch, 'id'>[] = values.map((v) => ({ tasks: [], values: [v] }));
  for (let i = 0; i < tasks.length; i += BATCH) batches.push({ tasks: tasks.slice(i, i + BATCH), values: [] });
  return batches;
}

export class RenderPool {
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  private onFailure: ((err: Error) => void) | undefined;
  private closing = false;
  private ready = false;
  /** Compressed copies the workers wrote. */
  copies = 0;
  private turn = performance.now();

  /** Starts the workers: they load their modules, then wait for `init`. */
  constructor(count: number) {
    const entry = workerEntry();
    for (let i = 0; i < count; i++) {
      // The environment as this thread sees it now (the default copies the process's, which a test may have changed).
      const worker = startWorker(entry, { env: { ...process.env } });
      worker.on('error', (err) =>
        this.fail(new InternalError(publishMessages.workerFailed(err.message), { cause: err })),
      );
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new InternalError(publishMessages.workerExited(code)));
      });
      this.workers.push(worker);
    }
  }

  /** Tells every worker where it writes and what every page reads (before any batch: messages arrive in order). */
  init(init: WorkerInit): void {
    for (const w of this.workers) w.postMessage({ init } satisfies ToWorker);
    this.ready = true;
  }

  /**
   * Renders every batch; `apply` records each batch's files (awaited before that worker gets more). Rejects on the
   * first failure (a worker's error, a worker gone); `close` must still be awaited before the folder is removed.
   */
  private run(batches: readonly Omit<Batch, 'id'>[], apply: (done: Done) => Promise<void> | void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.ready) throw new InternalError('render pool used before init');
      if (this.failure) return reject(this.failure);
      this.onFailure = reject;
      let next = 0;
      let out = 0;
      const queued = new Map<Worker, number>();
      const feed = (w: Worker) => {
        while (!this.failure && (queued.get(w) ?? 0) < IN_FLIGHT && next < batches.length) {
          w.postMessage({ id: next, ...batches[next] } as ToWorker);
          next++;
          out++;
          queued.set(w, (queued.get(w) ?? 0) + 1);
        }
        if (out === 0 && next >= batches.length && !this.failure) resolve();
      };
      for (const w of this.workers) {
        w.on('message', (reply: Reply) => {
          if (this.failure) return;
          if ('error' in reply) return this.fail(workerError(reply.error));
          Promise.resolve()
            .then(() => apply(reply))
            .then(() => {
              out--;
              queued.set(w, (queued.get(w) ?? 1) - 1);
              feed(w);
            })
            .catch((err: unknown) => this.fail(err as Error));
        });
      }
      for (const w of this.workers) feed(w);
    });
  }

  /**
   * The quest pages' writer for writePages (and the segment API's value files: writeSiteDocuments leaves them to the
   * pool): each worker's files recorded in `site` as written there and counted by
   * `note` (manifest, fault point, test pause), in the order they come back.
   */
  writer(
    data: SiteData,
    site: SiteFiles,
    note: (r: FileRecord) => Promise<void>,
    progress: (done: number, total: number) => void,
  ): (pages: QuestPage[]) => Promise<void> {
    return (pages) => {
      let done = 0;
      return this.run(batchesOf(data, pages), async (batch) => {
        for (const r of batch.files) {
          site.wroteElsewhere(r.rel, r.changed);
          await note(r);
        }
        // Written or kept there: recorded as written, so prune leaves them (not `keep`, which asks what the walk found).
        for (const rel of batch.copies) site.wroteElsewhere(rel, true);
        this.copies += batch.gz;
        done += batch.quests;
        progress(done, pages.length);
      });
    };
  }

  /**
   * Called between two of this thread's own files: every ~10 ms it lets the event loop run, so the workers' replies are
   * handled (and their next batches sent) while this thread writes the site's documents, whose writes never wait.
   */
  async breathe(): Promise<void> {
    if (performance.now() - this.turn < 10) return;
    await new Promise(setImmediate);
    this.turn = performance.now();
  }

  /** Stops every worker (a finished publish's idle ones, or a failed one's busy ones); nothing writes after this. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(err: Error): void {
    if (this.failure || this.closing) return;
    this.failure = err;
    this.onFailure?.(err);
  }
}

/** An error a worker reported, as an Error here: its message, name and errno code kept, marked as a worker's. */
function workerError(e: { name: string; message: string; stack?: string; code?: string }): Error {
  const err = new Error(e.message);
  err.name = e.name;
  err.stack = `${e.name}: ${e.message}\n    (in a render worker)\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
  return Object.assign(err, e.code === undefined ? {} : { code: e.code });
}
