// What an ingest reports: per-file results, their totals and the one line per file the CLI prints; and the two
// helpers that keep that report in the files' order while files are prepared and loaded concurrently.
import type { Config } from '../config.js';
import { ingestMessages as msg } from '../domain/messages.js';
import type { IngestCounts } from '../domain/types.js';

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

type FileStatus = 'loaded' | 'replaced' | 'skipped' | 'failed';

export interface FileResult extends IngestCounts {
  path: string;
  status: FileStatus;
  format: string | null;
  /** Why a file failed (without its path: `line N: reason` or the reason). */
  error?: string;
  /** Why a file was skipped. */
  note?: string;
}

export interface IngestSummary {
  files: FileResult[];
  totals: IngestCounts & {
    files: number;
    files_loaded: number;
    files_replaced: number;
    files_skipped: number;
    files_failed: number;
  };
}

export function empty(path: string, status: FileStatus, format: string | null, bytes: number, t0: number): FileResult {
  const ms = Math.round(performance.now() - t0);
  return { path, status, format, lines_read: 0, loaded: 0, rejected: 0, ignored: 0, duplicates: 0, bytes, ms };
}

export function failed(path: string, error: string): FileResult {
  return { ...empty(path, 'failed', null, 0, performance.now()), error };
}

/** The line the CLI prints for one file. */
export function describe(r: FileResult): string {
  if (r.status === 'failed') return msg.fileFailed(r.path, r.error);
  if (r.status === 'skipped') return msg.fileSkipped(r.path, r.note, r.ms);
  return msg.fileLoaded(r);
}

export function summarize(files: FileResult[], ms: number): IngestSummary {
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

export function describeTotals(s: IngestSummary): string {
  return msg.totals(s.totals);
}

/**
 * Starts fn over items in their order, with at most `limit.items` in flight and, past the first, at most `limit.bytes`
 * of their sizes (`sizes[i]` is item i's); each result can be awaited as soon as it is done. A failure surfaces where its promise is awaited
 * (never as an unhandled rejection meanwhile).
 */
export function startLimit<T, R>(
  items: T[],
  sizes: number[],
  limit: { items: number; bytes: number },
  fn: (item: T) => Promise<R>,
): Promise<R>[] {
  const go: (() => void)[] = [];
  const starts = items.map(() => new Promise<void>((resolve) => go.push(resolve)));
  let next = 0;
  let running = 0;
  let bytes = 0;
  const admit = () => {
    while (next < items.length && running < limit.items) {
      const size = sizes[next] ?? 0;
      if (running > 0 && bytes + size > limit.bytes) return;
      running++;
      bytes += size;
      go[next++]?.();
    }
  };
  const out = items.map((item, i) => {
    const size = sizes[i] ?? 0;
    const p = (starts[i] as Promise<void>).then(() => fn(item));
    p.catch(() => {}).finally(() => {
      running--;
      bytes -= size;
      admit();
    });
    return p;
  });
  admit();
  return out;
}

/** Reports results in the files' order although batches finish them out of order. */
export class InOrder {
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
