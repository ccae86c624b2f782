// One file of a site as the pages hand it over, written the same way on the main thread and in a render worker:
// encoded once, written (or found unchanged), hashed when the manifest lists it, its gzip copy made or kept.
import { createHash } from 'node:crypto';
import { Compressor, compressible, ENCODINGS } from './compress.js';
import { inManifest } from './manifest.js';
import type { SiteFiles } from './site-files.js';

/** What the publish records of a written file: its count, the manifest's hash, whether it changed. */
export interface FileRecord {
  rel: string;
  bytes: number;
  /** false: the recycled site held exactly these bytes, left as they were. */
  changed: boolean;
  /** sha256 (hex) of the bytes, for files the manifest lists; else null. */
  sha256: string | null;
}

export class FileSink {
  readonly gz: Compressor;
  /**
   * Where each file is encoded (grown to the largest): everything that reads the bytes (the comparison, the write, the
   * hash, gzip) is done with them before `put` returns, so one buffer serves every file instead of a new one per file
   * (~100 MB of them per 1,000 quests for the garbage collector).
   */
  private scratch = Buffer.allocUnsafe(1 << 17);

  /** `onCopy`: each compressed copy written or kept (a worker reports them to the main thread's SiteFiles). */
  constructor(
    private readonly site: SiteFiles,
    private readonly onCopy: (rel: string) => void = () => {},
  ) {
    this.gz = new Compressor((rel, content) => {
      site.write(rel, content);
      onCopy(rel);
    });
  }

  /** `content` as UTF-8 bytes, in the reused buffer (a view valid until the next call). */
  private encode(content: string | Buffer): Buffer {
    if (typeof content !== 'string') return content;
    // At most 3 bytes per UTF-16 unit: a file that may not fit is measured first, and the buffer grown.
    if (content.length * 3 > this.scratch.length) {
      const need = Buffer.byteLength(content);
      if (need > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(need, 2 * this.scratch.length));
    }
    return this.scratch.subarray(0, this.scratch.write(content));
  }

  /** Synchronous from start to end: callers interleaving their writes cannot reuse the buffer under one another. */
  put(rel: string, content: string | Buffer): FileRecord {
    // Encoded once: the comparison with the recycled file, the write, the manifest's hash and gzip read these bytes
    // (each encoded a string again, four UTF-8 passes over ~2 GB of pages and JSON at 5,000 quests).
    const bytes = this.encode(content);
    const changed = this.site.write(rel, bytes);
    const sha256 = inManifest(rel) ? createHash('sha256').update(bytes).digest('hex') : null;
    if (compressible(rel, bytes.length)) {
      // An unchanged file's compressed copies, made from the same bytes, are kept rather than compressed again.
      if (!changed && this.site.keepCopies(rel, ENCODINGS)) for (const ext of ENCODINGS) this.onCopy(`${rel}${ext}`);
      else this.gz.add(rel, bytes);
    }
    return { rel, bytes: bytes.length, changed, sha256 };
  }
}
