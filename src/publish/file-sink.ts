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
   * `onCopy`: each compressed copy written or kept (a worker reports them to the main thread's SiteFiles); `syncGzip`:
   * compress on this thread (a render worker), not in zlib's thread pool.
   */
  constructor(
    private readonly site: SiteFiles,
    private readonly onCopy: (rel: string) => void = () => {},
    syncGzip = false,
  ) {
    this.gz = new Compressor((rel, content) => {
      site.write(rel, content);
      onCopy(rel);
    }, syncGzip);
  }

  async put(rel: string, content: string | Buffer): Promise<FileRecord> {
    // Encoded once: the comparison with the recycled file, the write, the manifest's hash and gzip read these bytes
    // (each encoded a string again, four UTF-8 passes over ~2 GB of pages and JSON at 5,000 quests).
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const changed = this.site.write(rel, bytes);
    const sha256 = inManifest(rel) ? createHash('sha256').update(bytes).digest('hex') : null;
    if (compressible(rel, bytes.length)) {
      // An unchanged file's compressed copies, made from the same bytes, are kept rather than compressed again.
      if (!changed && this.site.keepCopies(rel, ENCODINGS)) for (const ext of ENCODINGS) this.onCopy(`${rel}${ext}`);
      else await this.gz.add(rel, bytes);
    }
    return { rel, bytes: bytes.length, changed, sha256 };
  }
}
