// Pre-compressed copies beside each text file of the site (`.gz`), which static hosts (nginx gzip_static, S3/CloudFront
// with Content-Encoding metadata) and `questlog serve` send to clients that accept gzip.
//
// No `.br`: brotli quality 5 costs about what gzip 6 does per file (sample quest pages, 56 KB: 4.9 vs 4.3 ms; history
// JSON, 20 KB: 0.73 vs 0.77 ms) for 7-20% smaller files, but as a second copy it would double the compression CPU of
// every changed file, and a new snapshot changes every quest's page and JSON (README, "The JSON API for consumers").
// A page's chart specs (`*.specs.json`, a few KB read by the interactive upgrade and as downloads) are not compressed:
// a copy per quest page each night for little.
import { gzipSync } from 'node:zlib';
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

export const ENCODINGS = ['.gz'] as const;

/** Whether a file gets a compressed copy. */
export function compressible(rel: string, bytes: number): boolean {
  return TEXT.test(rel) && !rel.endsWith(SPECS) && bytes >= MIN_BYTES;
}

/**
 * Compresses on the calling thread (the main thread or a render worker), not in zlib's thread pool: an async `gzip()`
 * is a stream per file whose hand-offs to the pool cost more than the compression. A fresh 1M-event site's 3,253 copies
 * (50 MB at level 3): 0.30-0.35 s of CPU with gzipSync, 1.2-1.6 s with `gzip()` 64 at a time, of which 0.22-0.36 s
 * on the calling thread anyway (issue 13 NOTES, round 14; the render workers' same finding: issue 16 NOTES, round 6).
 */
export class Compressor {
  count = 0;

  constructor(private readonly write: (rel: string, content: Buffer) => void) {}

  add(rel: string, content: string | Buffer): void {
    this.write(`${rel}.gz`, gzipSync(content, { level: LEVEL }));
    this.count++;
  }
}
