// Pre-compressed copies beside each text file of the site (`.gz`), which static hosts (nginx gzip_static, S3/CloudFront
// with Content-Encoding metadata) and `questlog serve` send to clients that accept gzip.
//
// No `.br`: measured on 300 quest pages (19.5 KB each), gzip level 6 took 1.2 ms a page for 20.4% of the size, brotli
// quality 5 1.8 ms for 18.5% and quality 1 0.7 ms for 23.5%: brotli buys ~9% smaller files for 50% more of the
// publish's CPU, on ~15,000 files a night. Chart spec downloads (`*.vl.json`) are embedded in their pages already, and
// are not compressed.
import { gzip } from 'node:zlib';

const TEXT = /\.(html|json|js|css|svg)$/;
const SKIP = /\.vl\.json$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512;
/** Compressions queued in zlib's thread pool at once: enough to keep it busy, bounded memory. */
const IN_FLIGHT = 64;

export const ENCODINGS = ['.gz'] as const;

/** Whether a file gets a compressed copy. */
export function compressible(rel: string, bytes: number): boolean {
  return TEXT.test(rel) && !SKIP.test(rel) && bytes >= MIN_BYTES;
}

/**
 * Compresses in zlib's thread pool while the main thread renders the next pages (a publish has two cores to use),
 * writing each copy through `write` when it is done.
 */
export class Compressor {
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  count = 0;

  constructor(private readonly write: (rel: string, content: Buffer) => void) {}

  async add(rel: string, content: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    const p = new Promise<void>((ok) => {
      gzip(content, { level: 6 }, (err, out) => {
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
