// The files of a site being built: a build folder beside the live one, written in place, swapped in by rename.

import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { InternalError } from '../domain/errors.js';

/** Writes files under a build folder, remembering what it wrote or kept (for `prune`). */
export class SiteFiles {
  readonly written = new Set<string>();
  /** Files `write` found holding exactly its bytes already, and left as they were. */
  unchanged = 0;

  constructor(readonly root: string) {}

  /**
   * Puts `content` at `rel`, unless the recycled folder's file there already holds exactly these bytes: then it is left
   * untouched (same inode, same mtime), so a nightly neither rewrites nor recompresses what did not change. Returns
   * whether it wrote.
   */
  write(rel: string, content: string | Buffer): boolean {
    const path = this.inside(rel);
    this.written.add(path);
    if (!overwrite(path, content)) return true;
    this.unchanged++;
    return false;
  }

  /** Keeps a file the recycled build folder already holds as it is: `prune` leaves it. */
  keep(rel: string): void {
    this.written.add(this.inside(rel));
  }

  /**
   * Keeps the copies `${rel}${ext}` of an unchanged file when every one of them is there as a plain file of ours
   * (a site published before an encoding was added has none); returns whether it kept them.
   */
  keepCopies(rel: string, exts: readonly string[]): boolean {
    const paths = exts.map((ext) => this.inside(`${rel}${ext}`));
    if (!paths.every(ownPlainFile)) return false;
    for (const path of paths) this.written.add(path);
    return true;
  }

  private inside(rel: string): string {
    const path = resolve(this.root, rel);
    // File ids are escaped, so this never triggers; it is the last line of defence against writing outside.
    if (!path.startsWith(this.root + sep)) throw new InternalError(`refusing to write outside the site: ${rel}`);
    return path;
  }
}

/** A regular file with no other name: neither a link nor a hard link to a file elsewhere (which we never make). */
function ownPlainFile(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isFile() && st.nlink === 1;
  } catch {
    return false;
  }
}

/** Where the site before the current one waits (never served). */
export const oldOf = (out: string) => join(dirname(out), `.${basename(out)}.old`);

/**
 * Where the new site is built: the site before the previous one (`.old`) when there is one, else a new folder.
 * Creating 30,000 files and unlinking as many each night cost ~5 s here (up to 12 s on a busy disk); rewriting the
 * same files in place ~1 s. `.old` is never served, and the previous site takes its place at the swap.
 */
export function buildDir(out: string): string {
  const old = oldOf(out);
  // mkdir, not mkdtemp: mkdtemp makes 0700 folders, and the site is read by a web server running as another user.
  // mkdir gives 0777 minus the user's umask, like every other folder and file of the site.
  const tmp = join(dirname(out), `.${basename(out)}.new-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp);
  const kind = entryKind(old);
  if (kind === 'dir') {
    // A recycled site keeps its root's mode, which older versions left at 0700: it takes the fresh folder's.
    const mode = statSync(tmp).mode & 0o7777;
    rmSync(tmp, { recursive: true });
    renameSync(old, tmp);
    chmodSync(tmp, mode);
    dropLinks(tmp);
  } else if (kind !== 'none') {
    // `.old` as a link (or a file) was not made by publish: the link goes, never what it points to.
    rmSync(old, { force: true });
  }
  return tmp;
}

function entryKind(path: string): 'none' | 'dir' | 'other' {
  try {
    return lstatSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}

/**
 * Publish creates no links, so any link in a recycled folder was planted: removed (the link, not its target) before a
 * byte is written, or a folder link (`assets` -> elsewhere) would carry the writes out of the site. Files are opened
 * with O_NOFOLLOW as well; this covers the folders on their path.
 */
function dropLinks(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) dropLinks(path);
    else if (!entry.isFile()) rmSync(path, { force: true });
  }
}

/**
 * Replaces a file's bytes: in place when it exists (its blocks stay allocated), else as a new file, creating its
 * folder only when the open says it is missing (a recycled site has them all: 5,000 mkdir calls saved). A file that
 * already holds these exact bytes is left alone; returns true then. Synchronous: a write into the page cache takes
 * microseconds, less than a promise round trip through the thread pool.
 */
function overwrite(path: string, content: string | Buffer): boolean {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  const { fd, size } = openForOverwrite(path);
  try {
    // Only a file of the same size can hold the same bytes: the others are written without being read.
    const buf = size === bytes ? (typeof content === 'string' ? Buffer.from(content) : content) : undefined;
    if (buf && sameBytes(fd, buf)) return true;
    // A string goes to the kernel without a Buffer copy on the JS heap (30,000 pages' worth of garbage otherwise).
    let done = buf ? 0 : typeof content === 'string' ? writeSync(fd, content, 0) : 0;
    if (done < bytes) {
      const rest = buf ?? (typeof content === 'string' ? Buffer.from(content) : content);
      while (done < bytes) done += writeSync(fd, rest, done, bytes - done, done);
    }
    ftruncateSync(fd, bytes);
    return false;
  } finally {
    closeSync(fd);
  }
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
  try {
    return { fd: openSync(path, 'wx'), size: -1 };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dirname(path), { recursive: true });
    return { fd: openSync(path, 'wx'), size: -1 };
  }
}

/** Removes whatever a recycled build folder holds that this publish did not write (e.g. a quest gone since). */
export function prune(dir: string, written: Set<string>): void {
  const keep = new Set<string>();
  for (const path of written) {
    for (let d = dirname(path); d.startsWith(dir + sep) && !keep.has(d); d = dirname(d)) keep.add(d);
  }
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory() && keep.has(path)) walk(path);
      else if (!written.has(path)) rmSync(path, { recursive: true, force: true });
    }
  };
  walk(dir);
}

/**
 * out -> .old, new -> out. Between the two renames `out` is briefly missing; a crash exactly there leaves the
 * complete previous site in `.old`, which `recoverSite` puts back before anything else touches the folder.
 */
export async function swap(out: string, tmp: string, between?: () => Promise<void>): Promise<void> {
  if (existsSync(out)) renameSync(out, oldOf(out));
  await between?.();
  renameSync(tmp, out);
}

/** Undoes what a killed publish left behind: restores `.old` if `out` is missing, drops dead temp folders. */
export function recoverSite(out: string): void {
  const old = oldOf(out);
  if (!existsSync(out) && existsSync(old)) renameSync(old, out);
  const prefix = `.${basename(out)}.new-`;
  for (const name of readdirSync(dirname(out))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!alive(pid)) rmSync(join(dirname(out), name), { recursive: true, force: true });
  }
}

export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where the alert digest lives: beside the site, not in it (README "Alerts"), so it is not served with the site. */
export const digestOf = (out: string) => join(dirname(out), 'digest.md');

/**
 * Writes `content` to `path` atomically: a fresh temp file in the same folder (created exclusively, so it never follows
 * a link), renamed over `path` (which replaces a link there rather than writing through it).
 */
export function writeAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.new-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Removes a file this program wrote at `path` (a regular file); a link or folder someone else put there stays. */
export function removeOwnFile(path: string): void {
  try {
    if (lstatSync(path).isFile()) rmSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
