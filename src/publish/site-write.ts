// Writing one file of a site being built: created new, or overwritten in place, never through a link.
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';

/** A regular file with no other name: neither a link nor a hard link to a file elsewhere (which we never make). */
export function ownPlainFile(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isFile() && st.nlink === 1;
  } catch {
    return false;
  }
}

/**
 * A new file at `path` (its folder exists), opened for writing; undefined when something is there already. Exclusive
 * and O_NOFOLLOW: it never opens what another name points to. Mode 0666 minus the umask, like the folders.
 */
export function create(path: string): number | undefined {
  try {
    return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  }
}

/**
 * Writes `content` into `fd` and closes it; `before`: the length the file had (0 for a new one). Only a file that was
 * longer is cut to the new length: one that was as long or shorter already is after the write, and a nightly's pages,
 * JSON and month files mostly grow (a truncate per file was ~1.5% of a render worker's time, issue 16 NOTES round 9).
 */
export function fill(fd: number, content: string | Buffer, before: number, buf?: Buffer): void {
  try {
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    // A string goes to the kernel without a Buffer copy on the JS heap (30,000 pages' worth of garbage otherwise).
    let done = !buf && typeof content === 'string' ? writeSync(fd, content, 0) : 0;
    if (done < bytes) {
      const rest = buf ?? (typeof content === 'string' ? Buffer.from(content) : content);
      while (done < bytes) done += writeSync(fd, rest, done, bytes - done, done);
    }
    if (before > bytes) ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the bytes of a file the recycled folder holds: in place (its blocks stay allocated), or as a new file when
 * what is there is not a plain file of ours. A file that already holds these exact bytes is left alone; returns true
 * then. Synchronous: a write into the page cache takes microseconds, less than a promise round trip through the
 * thread pool.
 */
export function overwrite(path: string, content: string | Buffer): boolean {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  const { fd, size } = openForOverwrite(path);
  // Only a file of the same size can hold the same bytes: the others are written without being read.
  const buf = size === bytes ? (typeof content === 'string' ? Buffer.from(content) : content) : undefined;
  let same: boolean;
  try {
    same = buf !== undefined && sameBytes(fd, buf);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  if (!same) fill(fd, content, size, buf);
  else closeSync(fd);
  return same;
}

/** One read buffer for every comparison (quest pages are ~100 KB; it grows to the largest file compared). */
let scratch = Buffer.alloc(1 << 18);

function sameBytes(fd: number, want: Buffer): boolean {
  if (scratch.length < want.length) scratch = Buffer.alloc(want.length);
  let got = 0;
  while (got < want.length) {
    const n = readSync(fd, scratch, got, want.length - got, got);
    if (n === 0) return false;
    got += n;
  }
  return scratch.subarray(0, want.length).equals(want);
}

/** The file opened for writing and its size; -1 for one just created (which holds nothing to compare). */
function openForOverwrite(path: string): { fd: number; size: number } {
  try {
    // Never through a symlink: whatever the recycled folder holds, the bytes land inside the site.
    const fd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    // Only a plain file of ours is written in place: a hard link's other name (or a fifo, a device) is not the site's.
    if (st.isFile() && st.nlink === 1) return { fd, size: st.size };
    closeSync(fd);
    rmSync(path, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ELOOP') rmSync(path, { recursive: true });
    else if (code !== 'ENOENT') throw err;
  }
  return { fd: openSync(path, 'wx'), size: -1 };
}
