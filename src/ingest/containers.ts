// What a file's first bytes say it is, against what its name and format say. A gzip file named `.csv`, a log gzipped
// twice, a zip archive, a bzip2/xz/zstd file, a Parquet file named `.csv` or gzipped, or UTF-16 text failed with a
// reader's complaint about its bytes ("line 1: not valid UTF-8 text", a header naming a binary column twice, "not a
// complete Parquet file"), which says nothing of the fix. Checked before any reader runs: the file fails naming what
// it is and what to do. A text file with a carriage return that no line feed follows is refused here too (formatOf).
import { InputError } from '../domain/errors.js';
import { inputMessages, containerMessages as msg } from '../domain/input-messages.js';
import { baseExt, detectFormat, type FileFormat } from './formats.js';

/** Bytes kept from the start of a file's content (after gunzip for `.gz`): enough for every signature below. */
export const HEAD_BYTES = 16;

type Container = 'gzip' | 'zip' | 'bzip2' | 'xz' | 'zstd' | 'parquet' | 'utf16';

const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The container or encoding the first bytes belong to; undefined for anything else (text, or an unknown binary). */
function containerOf(head: Uint8Array): Container | undefined {
  if (starts(head, [0x1f, 0x8b])) return 'gzip';
  if (starts(head, ascii('PK\x03\x04'))) return 'zip';
  // "BZh", the block size digit, then the block magic (pi): a text line cannot start so.
  if (
    starts(head, ascii('BZh')) &&
    /[1-9]/.test(String.fromCharCode(head[3] ?? 0)) &&
    starts(head.subarray(4), ascii('1AY&SY'))
  )
    return 'bzip2';
  if (starts(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (starts(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  // "PAR1" then the first page header's binary bytes: a CSV header named PAR1… goes on with text.
  if (starts(head, ascii('PAR1')) && (head[4] ?? 0x20) < 0x20) return 'parquet';
  if (starts(head, [0xff, 0xfe]) || starts(head, [0xfe, 0xff])) return 'utf16';
  return undefined;
}

/** Whether the file's reader is Parquet (canonical `.parquet` events, or a mapped source with the parquet reader). */
function wantsParquet(path: string, format: FileFormat | undefined): boolean {
  if (format?.format === 'mapped') return format.mapping?.reader === 'parquet';
  return baseExt(path) === '.parquet';
}

/**
 * Fails the file when its content is a container its reader cannot take (see the file's header). `format` is
 * undefined when the name says no format (an unknown extension): a known container is then named instead.
 */
function checkContainer(path: string, head: Uint8Array, format: FileFormat | undefined): void {
  const kind = containerOf(head);
  const gz = path.toLowerCase().endsWith('.gz');
  const parquet = wantsParquet(path, format);
  let problem: string | undefined;
  if (kind === 'gzip') problem = gz ? msg.gzipTwice : msg.gzipUnnamed;
  else if (kind === 'parquet' && gz) problem = msg.parquetGzipped;
  else if (kind === 'parquet' && !parquet) problem = msg.parquetUnnamed;
  else if (kind === 'zip') problem = msg.zipArchive;
  else if (kind === 'bzip2' || kind === 'xz' || kind === 'zstd') problem = msg.otherCompression(kind);
  else if (kind === 'utf16' && !parquet) problem = msg.utf16;
  if (problem !== undefined) throw new InputError(path, problem);
}

/**
 * The file's format (detectFormat), once its first bytes are known not to be a container its reader cannot take, and
 * a text file known to hold no carriage return without a line feed (`loneCr`, its first line, from the fingerprint):
 * DuckDB's line reader ends a line there and drops the byte after it (an old-Mac seed log's '10:00:00,…' became
 * '0:00:00,…', ten hours early, with exit 0), so such a file is refused before anything reads it.
 */
export async function formatOf(
  path: string,
  forced: FileFormat | undefined,
  head: Uint8Array,
  loneCr: number,
): Promise<FileFormat> {
  let format: FileFormat;
  try {
    format = await detectFormat(path, forced);
  } catch (err) {
    checkContainer(path, head, undefined);
    throw err;
  }
  checkContainer(path, head, format);
  if (loneCr > 0 && !wantsParquet(path, format)) {
    throw new InputError(path, inputMessages.loneCr, { line: loneCr, hint: inputMessages.loneCrHint });
  }
  return format;
}
