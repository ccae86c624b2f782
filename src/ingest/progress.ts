// Ingest progress in bytes, drawn by the CLI on a terminal only: first the files checked (hashed and their lines
// counted in Node), then the bytes DuckDB's reader has got through (its query progress, polled: a single big file
// moves the line too, not only the file count).
import { statSync } from 'node:fs';
import type { Effects } from '../domain/effects.js';

/** A file's size now, 0 when it cannot be read (preparing it fails later, with the reason). */
export function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export class BytesProgress {
  private done = 0;
  private shown = -1;
  private total: number;

  constructor(
    private readonly effects: Effects,
    private readonly label: string,
    total = 0,
  ) {
    this.total = total;
  }

  /** More bytes to go (a later round of loads). */
  grow(bytes: number): void {
    this.total += bytes;
  }

  /** Bytes finished (a file checked, a batch stored). */
  add(bytes: number): void {
    this.done += bytes;
    this.show(this.done);
  }

  /**
   * A batch of `bytes` is read this far (0..1): shown short of the batch's end, which only `add` reaches once the rows
   * are stored (at the end of the last batch the line goes away).
   */
  part(bytes: number, fraction: number): void {
    this.show(this.done + Math.min(Math.floor(bytes * fraction), bytes - 1));
  }

  private show(done: number): void {
    // Never backwards: a batch retried file by file reads its bytes again.
    if (this.total <= 0 || done <= this.shown) return;
    this.shown = Math.min(done, this.total);
    this.effects.progress?.(this.label, this.shown, this.total, 'bytes');
  }
}
