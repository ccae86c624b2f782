// Pre-compressed copies beside each text file of the site (`.gz`), which static hosts (nginx gzip_static, S3/CloudFront
// with Content-Encoding metadata) and `questlog serve` send to clients that accept gzip.
//
// No `.br`: brotli quality 5 costs about what gzip 6 does per file (sample quest pages, 56 KB: 4.9 vs 4.3 ms; history
// JSON, 20 KB: 0.73 vs 0.77 ms) for 7-20% smaller files, but as a second copy it would double the compression CPU of
// every changed file, and a new snapshot changes every quest's page and JSON (README, "The JSON API for consumers").
// A page's chart specs (`*.specs.json`, a few KB read by the interactive upgrade and as downloads) are not compressed:
// a copy per quest page each night for little.
import { gzip, gzipSync } from 'node:zlib';
import { SPECS } from './quest-pages.js';

const TEXT = /\.(html|json|js|css|svg)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512;
/**
 * gzip level 3, zlib's slowest level without lazy matching: on 500 quest pages of 55 KB and 500 quest JSON files of
 * 16 KB of a 5,000-quest site it took 0.30 and 0.094 ms a file against level 4's 0.42 and 0.16 ms (level 6: 0.77 and
 * 0.18), for copies of 19.0% and 16.5% of the bytes against 18.0% and 16.1% (issue 16 NOTES, round 7).
 */
const LEVEL = 3;
/** Compressions queued in zlib's thread pool at once: enough to keep it busy, bounded memory. */
const IN_FLIGHT = 64;

export const ENCODINGS = ['.gz'] as const;

/** Whether a file gets a compressed copy. */
export function compressible(rel: string, bytes: number): boolean {
  return TEXT.test(rel) && !rel.endsWith(SPECS) && bytes >= MIN_BYTES;
}

/**
 * Compresses in zlib's thread pool while the main thread renders the next pages (a publish has two cores to use),
 * writing each copy through `write` when it is done. `sync`: on the calling thread instead, for a render worker, which
 * is itself one of the threads sharing the cores: the pool's hand-offs (a stream per file, each 16 KB chunk a round
 * trip, the waiting worker woken after each) cost it CPU and bring no extra core (issue 16 NOTES, round 6).
 */
export class Compressor {
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  count = 0;

  constructor(
    private readonly write: (rel: string, content: Buffer) => void,
    private readonly sync = false,
  ) {}

  async add(rel: string, content: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.sync) {
      this.write(`${rel}.gz`, gzipSync(content, { level: LEVEL }));
      this.count++;
      return;
    }
    const p = new Promise<void>((ok) => {
      gzip(content, { level: LEVEL }, (err, out) => {
        try {
          if (err) throw err;
          this.write(`${rel}.gz`, out);
          this.count++;
        } catch (e) {
          this.failure ??= e;
        }
        ok();
      });
    });
    this.pending.add(p);
    void p.then(() => this.pending.delete(p));
    if (this.pending.size >= IN_FLIGHT) await Promise.race(this.pending);
  }

  /** Waits for every copy; throws the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
}
