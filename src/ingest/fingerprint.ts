// What ingest learns about a file before DuckDB reads it: its identity (sha256), size, lines and what the readers
// need to know in advance, in one pass over the bytes.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { errorMessage, InputError } from '../domain/errors.js';
import { inputMessages } from '../domain/input-messages.js';
import { ingestMessages as msg } from '../domain/messages.js';
import { HEAD_BYTES } from './containers.js';
import { baseExt } from './formats.js';

export interface Fingerprint {
  hash: string;
  bytes: number;
  /** Physical lines ('\n'-terminated, plus an unterminated last one) of the decompressed text; 0 for Parquet. */
  lines: number;
  /** Whether some line is empty (or just '\r'): such files cannot take the NDJSON fast path. */
  blank: boolean;
  /** Bytes in the longest line (DuckDB's line buffer is sized to it: a 64 MB buffer per small file is slow). */
  longest: number;
  /**
   * Whether the text may put a control character into an id: a raw C0/C1 control or DEL (tab included), or a
   * backslash (a JSON escape such as \u001b); or a U+FEFF past the file's first bytes (a byte order mark that `cat`
   * put at a line's start). Always true for Parquet (not scanned). Gates the per-id check and the whitespace regex
   * (ql_trim) in SQL.
   */
  ctrl: boolean;
  /** The first bytes of the content (inflated for `.gz`): what the file is (containers.ts). */
  head: Uint8Array;
  /**
   * The first line holding a '\r' not followed by '\n' (0: none). DuckDB's line reader ends a line there and drops
   * the byte after it, so a text file with one is refused (containers.ts, after the container check: binary bytes hold
   * such '\r's).
   */
  loneCr: number;
}

type LineCounts = Pick<Fingerprint, 'lines' | 'blank' | 'longest' | 'ctrl' | 'loneCr'>;

/**
 * Bytes taken at a time. The work per chunk (hash update, scans, stream plumbing) made 64 KiB chunks cost about twice
 * the bytes' own work: fingerprinting the 1M bench data (150 MB NDJSON) took ~0.6 s of CPU, ~0.3 s in 1 MiB chunks.
 */
export const CHUNK = 1 << 20;

/**
 * sha256 of the bytes (the file's identity), its size and its line count, in one pass. Gzip files are also inflated
 * here: DuckDB reads a truncated gzip without complaint, so this is where a cut-off download is caught.
 */
export async function fingerprint(path: string, onBytes?: (n: number) => void): Promise<Fingerprint> {
  const hash = createHash('sha256');
  let bytes = 0;
  const take = (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    onBytes?.(chunk.length);
  };
  const counter = lineCounter(baseExt(path) !== '.parquet');
  let head = Buffer.alloc(0);
  const look = (chunk: Buffer) => {
    if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
  };
  const gz = path.toLowerCase().endsWith('.gz');
  try {
    if (gz) {
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          take(chunk);
          cb(null, chunk);
        },
      });
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          try {
            look(chunk);
            counter.feed(chunk);
            cb();
          } catch (err) {
            cb(err as Error);
          }
        },
      });
      await pipeline(createReadStream(path, { highWaterMark: CHUNK }), tap, createGunzip({ chunkSize: CHUNK }), sink);
    } else {
      await readChunks(path, (chunk) => {
        take(chunk);
        look(chunk);
        counter.feed(chunk);
      });
    }
  } catch (err) {
    const reason = errorMessage(err);
    throw new InputError(path, gz ? msg.badGzip(reason) : msg.unreadable(reason), { cause: err });
  }
  return { hash: hash.digest('hex'), bytes, ...counter.result(), head };
}

/** Every byte of a plain file, in order, through one reused buffer (a small file costs one read). */
async function readChunks(path: string, fn: (chunk: Buffer) => void): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, (await fh.stat()).size + 1)));
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      fn(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
}

/** Counts lines and spots empty ones across chunk boundaries (a line holding nothing but '\r' is empty too). */
function lineCounter(enabled: boolean) {
  let lines = 0;
  let loneCr = 0;
  // The previous chunk ended in '\r': whether it was alone depends on this chunk's first byte.
  let crLast = false;
  let blank = false;
  let longest = 0;
  let ctrl = !enabled;
  // The previous chunk ended in 0xC2, the first byte of a two-byte character that may be a C1 control.
  let lead = false;
  let first = true;
  // Bytes of the current, unfinished line, and whether they are exactly '\r'.
  let len = 0;
  let onlyCr = false;
  const feed = (chunk: Buffer) => {
    if (!enabled || chunk.length === 0) return;
    if (loneCr === 0) {
      const at = crLast && chunk[0] !== 10 ? -1 : loneCrAt(chunk);
      if (at !== undefined) loneCr = lines + 1 + (at < 0 ? 0 : newlines(chunk, at));
      crLast = chunk[chunk.length - 1] === 13;
    }
    if (!ctrl) {
      // The file's own byte order mark is no value's: the readers drop it.
      const skip = first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
      ctrl = (lead && isC1Tail(chunk[0])) || suspect(skip === 0 ? chunk : chunk.subarray(skip));
      lead = chunk[chunk.length - 1] === 0xc2;
    }
    first = false;
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
      const total = len + nl - from;
      if (total > longest) longest = total;
      if (total === 0 || (total === 1 && (len === 1 ? onlyCr : chunk[from] === 13))) blank = true;
      lines++;
      len = 0;
      from = nl + 1;
    }
    const rest = chunk.length - from;
    if (rest > 0) {
      onlyCr = len === 0 && rest === 1 && chunk[from] === 13;
      len += rest;
    }
  };
  const result = (): LineCounts => ({
    lines: lines + (len > 0 ? 1 : 0),
    blank: blank || (len === 1 && onlyCr),
    longest: Math.max(longest, len),
    ctrl,
    loneCr,
  });
  return { feed, result };
}

/** The index of the chunk's first '\r' followed by a byte other than '\n' (one at the chunk's end waits for the next). */
function loneCrAt(chunk: Buffer): number | undefined {
  for (let i = chunk.indexOf(13); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(13, i + 1)) {
    if (chunk[i + 1] !== 10) return i;
  }
  return undefined;
}

/** '\n' bytes before index end. */
function newlines(chunk: Buffer, end: number): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1 && i < end; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Bytes that make a text suspect (see Fingerprint.ctrl): C0 controls but '\n' and '\r', DEL, and the backslash; 0xC2
 * and 0xEF start the UTF-8 of a C1 control and of U+FEFF, looked at with the bytes after them.
 */
const SUSPECT = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) SUSPECT[b] = b === 10 || b === 13 ? 0 : 1;
SUSPECT[0x7f] = 1;
SUSPECT[0x5c] = 1;

const isC1Tail = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0x9f;

/**
 * Whether the byte at i is suspect, or starts a UTF-8 C1 control (0xC2 0x80-0x9F) within the chunk, or may start a
 * U+FEFF (0xEF 0xBB 0xBF; one cut by the chunk's end counts).
 */
const suspectAt = (b: Buffer, i: number) =>
  SUSPECT[b[i] as number] === 1 ||
  (b[i] === 0xc2 && isC1Tail(b[i + 1])) ||
  (b[i] === 0xef && (i + 1 >= b.length || (b[i + 1] === 0xbb && (i + 2 >= b.length || b[i + 2] === 0xbf))));

/**
 * Whether a chunk holds a suspect byte. Four bytes at a time: a word with a byte below 0x20 or equal to 0x7F, 0x5C,
 * 0xC2 or 0xEF is looked at byte by byte (words with a '\n' too, one a line). A regex over the chunk as latin1 text cost
 * twice as much, mostly making the string.
 */
function suspect(b: Buffer): boolean {
  const n = b.length;
  const head = Math.min(n, (4 - (b.byteOffset & 3)) & 3);
  for (let i = 0; i < head; i++) if (suspectAt(b, i)) return true;
  const words = (n - head) >> 2;
  const w = new Uint32Array(b.buffer, b.byteOffset + head, words);
  for (let k = 0; k < words; k++) {
    const x = w[k] as number;
    const del = x ^ 0x7f7f7f7f;
    const bs = x ^ 0x5c5c5c5c;
    const c2 = x ^ 0xc2c2c2c2;
    const ef = x ^ 0xefefefef;
    // Exact "some byte is below 0x20" and "some byte is zero" tests (bit-twiddling hasless/haszero); a hit may name
    // the wrong byte of the word, so the word is checked byte by byte.
    const hit =
      ((x - 0x20202020) & ~x) |
      ((del - 0x01010101) & ~del) |
      ((bs - 0x01010101) & ~bs) |
      ((c2 - 0x01010101) & ~c2) |
      ((ef - 0x01010101) & ~ef);
    if ((hit & 0x80808080) !== 0) {
      const at = head + k * 4;
      for (let i = at; i < at + 4; i++) if (suspectAt(b, i)) return true;
    }
  }
  for (let i = head + words * 4; i < n; i++) if (suspectAt(b, i)) return true;
  return false;
}

/**
 * Why a file that failed to load failed, when it is no longer the file that was fingerprinted: a log still being
 * written grows between the fingerprint and DuckDB's read, and the read then disagrees with the line count (which
 * said "quoted values spanning several lines" before). Undefined when its size is unchanged (or it is gone).
 */
export function changedSince(f: { path: string; bytes: number }): string | undefined {
  try {
    const now = statSync(f.path).size;
    return now === f.bytes ? undefined : inputMessages.changedWhileRead(f.bytes, now);
  } catch {
    return undefined;
  }
}
