// Pre-compressed copies beside each text file of the site (`.gz`, `.br`), which static hosts (nginx gzip_static and
// brotli_static, S3/CloudFront with Content-Encoding metadata) and `questlog serve` send to clients that accept them.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(html|json|js|css|svg)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512;

export const ENCODINGS = ['.gz', '.br'] as const;

/** Whether a file gets compressed copies. */
export function compressible(rel: string, bytes: number): boolean {
  return TEXT.test(rel) && bytes >= MIN_BYTES;
}

/**
 * The gzip and brotli copies. Levels measured on the site's pages: gzip 6 and brotli 5 give ~90% of the best ratio at
 * a fraction of its cost (brotli 11 takes ~40x longer per page), which matters for 15,000 files a night.
 */
export function compressedCopies(content: string | Buffer): [string, Buffer][] {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return [
    ['.gz', gzipSync(buf, { level: 6 })],
    [
      '.br',
      brotliCompressSync(buf, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
    ],
  ];
}
