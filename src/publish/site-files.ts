// The files of a site being built: a build folder beside the live one, written in place, swapped in by rename.

import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { InternalError } from '../domain/errors.js';
import { dropLeftovers, escapeRegExp } from '../engine/leftovers.js';
import { create, fill, overwrite, ownPlainFile } from './site-write.js';

/**
 * Writes files under a build folder, remembering what it wrote or kept (for `prune`). `found` is what a recycled build
 * folder held (from `buildDir`'s walk): a file it did not hold is created straight away (one open, no failed attempt to
 * open it for overwriting), and `prune` removes what it held and this publish did not write, without a second walk.
 * A new build folder holds nothing else, so it is not walked at all.
 */
export class SiteFiles {
  readonly written = new Set<string>();
  /** Files `write` found holding exactly its bytes already, and left as they were. */
  unchanged = 0;
  /** Folders known to exist: a file's folder is made once, before its first file, not after a failed open. */
  private readonly dirs: Set<string>;
  /** The root as resolve gives it (absolute, normal, POSIX): a plain relative path is then simply appended. */
  private readonly plainRoot: boolean;

  constructor(
    readonly root: string,
    private readonly found: Found = new Map(),
  ) {
    this.dirs = new Set([root]);
    this.plainRoot = sep === '/' && resolve(root) === root && root !== '/';
    for (const [path, kind] of found) if (kind === 'dir') this.dirs.add(path);
  }

  /**
   * Puts `content` at `rel`, unless the recycled folder's file there already holds exactly these bytes: then it is left
   * untouched (same inode, same mtime), so a nightly neither rewrites nor recompresses what did not change. Returns
   * whether it wrote.
   */
  write(rel: string, content: string | Buffer): boolean {
    const path = this.inside(rel);
    const again = this.written.has(path);
    this.written.add(path);
    this.folder(dirname(path));
    if (!again && this.found.get(path) !== 'file') {
      const fd = create(path);
      if (fd !== undefined) {
        fill(fd, content, 0);
        return true;
      }
    }
    if (!overwrite(path, content)) return true;
    this.unchanged++;
    return false;
  }

  /** A file a render worker wrote (or found holding its bytes already) in this folder: recorded as if written here;
   * `changed` false counts it unchanged. */
  wroteElsewhere(rel: string, changed: boolean): void {
    this.written.add(this.inside(rel));
    if (!changed) this.unchanged++;
  }

  /**
   * Keeps a file the recycled build folder already holds as it is: `prune` leaves it. Returns whether the walk found it
   * there as a plain file (a planted link in its place was dropped: then it must be written).
   */
  keep(rel: string): boolean {
    const path = this.inside(rel);
    if (this.found.get(path) !== 'file') return false;
    this.written.add(path);
    return true;
  }

  /**
   * Keeps the copies `${rel}${ext}` of an unchanged file when every one of them is there as a plain file of ours
   * (a site published before an encoding was added has none); returns whether it kept them.
   */
  keepCopies(rel: string, exts: readonly string[]): boolean {
    const paths = exts.map((ext) => this.inside(`${rel}${ext}`));
    if (!paths.every((path) => this.found.get(path) === 'file' && ownPlainFile(path))) return false;
    for (const path of paths) this.written.add(path);
    return true;
  }

  /** Removes whatever the recycled build folder held that this publish did not write (e.g. a quest gone since). */
  prune(): void {
    // Every path here is under the root (absolute, normal): its folder is what precedes its last separator, without
    // dirname's checks (a year of month files is 110,000 paths, each looked at twice).
    const up = (path: string) => path.slice(0, path.lastIndexOf(sep));
    const keep = new Set<string>();
    for (const path of this.written) {
      for (let d = up(path); d !== this.root && !keep.has(d); d = up(d)) keep.add(d);
    }
    const removed = new Set<string>();
    // Walk order: a folder comes before what it holds, so nothing inside a removed folder is visited again.
    for (const [path, kind] of this.found) {
      if (removed.size > 0 && removed.has(up(path))) {
        if (kind === 'dir') removed.add(path);
      } else if (kind === 'dir' ? !keep.has(path) : !this.written.has(path)) {
        rmSync(path, { recursive: true, force: true });
        if (kind === 'dir') removed.add(path);
      }
    }
  }

  /** Makes `dir` and its missing parents, top down: one mkdir each, none failing (a recursive mkdir tries the deepest
   * first and fails on every missing parent). */
  private folder(dir: string): void {
    if (this.dirs.has(dir)) return;
    this.folder(dirname(dir));
    try {
      mkdirSync(dir);
    } catch (err) {
      // Made since the walk (or a file in the way, which the file's own open then reports).
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    this.dirs.add(dir);
  }

  private inside(rel: string): string {
    // Segments that are neither empty nor start with a dot (no `.`, `..`): resolve would return the same path, at
    // ~1 µs a call (165,000 calls to keep a year of month files).
    if (this.plainRoot && PLAIN.test(rel)) return `${this.root}/${rel}`;
    const path = resolve(this.root, rel);
    // File ids are escaped, so this never triggers; it is the last line of defence against writing outside.
    if (!path.startsWith(this.root + sep)) throw new InternalError(`refusing to write outside the site: ${rel}`);
    return path;
  }
}

const PLAIN = /^[^/.\0][^/\0]*(?:\/[^/.\0][^/\0]*)*$/;

/** What a recycled build folder held, by path, in walk order (a folder before its contents). */
export type Found = Map<string, 'file' | 'dir'>;

/** Where the site before the current one waits (never served). */
export const oldOf = (out: string) => join(dirname(out), `.${basename(out)}.old`);

/**
 * Where the new site is built: the site before the previous one (`.old`) when there is one, else a new folder.
 * Creating 30,000 files and unlinking as many each night cost ~5 s here (up to 12 s on a busy disk); rewriting the
 * same files in place ~1 s. `.old` is never served, and the previous site takes its place at the swap. The walk is
 * asynchronous: publish runs it while the database answers the reads (site-build.ts).
 */
export async function buildDir(out: string): Promise<{ dir: string; found: Found }> {
  const old = oldOf(out);
  // mkdir, not mkdtemp: mkdtemp makes 0700 folders, and the site is read by a web server running as another user.
  // mkdir gives 0777 minus the user's umask, like every other folder and file of the site.
  const tmp = join(dirname(out), `.${basename(out)}.new-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp);
  const found: Found = new Map();
  const kind = entryKind(old);
  if (kind === 'dir') {
    // A recycled site keeps its root's mode, which older versions left at 0700: it takes the fresh folder's. A root
    // of another mode was written under another umask: what it holds and this publish keeps (assets, past months)
    // takes the modes it would be created with now (folders as the fresh one, files without execute bits).
    const mode = statSync(tmp).mode & 0o7777;
    const stale = (statSync(old).mode & 0o7777) !== mode;
    rmSync(tmp, { recursive: true });
    renameSync(old, tmp);
    chmodSync(tmp, mode);
    await dropLinks(tmp, found);
    if (stale) for (const [path, k] of found) chmodSync(path, k === 'dir' ? mode : mode & 0o666);
  } else if (kind !== 'none') {
    // `.old` as a link (or a file) was not made by publish: the link goes, never what it points to.
    rmSync(old, { force: true });
  }
  return { dir: tmp, found };
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
 * with O_NOFOLLOW as well; this covers the folders on their path. The same walk lists what stays, for `prune`.
 * One folder at a time, in the order of a synchronous walk: one request in libuv's thread pool at any moment, so the
 * database's reads running meanwhile (node-api's async work, in the same pool) never queue behind thousands of them.
 */
async function dropLinks(dir: string, found: Found): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // dir is absolute and normal, a name has no separator: join's normalising would change nothing.
    const path = `${dir}${sep}${entry.name}`;
    if (entry.isDirectory()) {
      found.set(path, 'dir');
      await dropLinks(path, found);
    } else if (entry.isFile()) found.set(path, 'file');
    else await rm(path, { force: true });
  }
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
  dropLeftovers(dirname(out), new RegExp(`^\\.${escapeRegExp(basename(out))}\\.new-(\\d+)-`));
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

/** Folders other commands put inside the site (notebook reports); a publish keeps them. */
const FOREIGN_DIRS = ['notebooks'];

/** New content for a foreign folder is moved in; otherwise the previous site's copy is kept (copied, never moved). */
export function carryOver(out: string, tmp: string, include: Record<string, string>): void {
  for (const [name, dir] of Object.entries(include)) renameSync(dir, join(tmp, name));
  for (const name of FOREIGN_DIRS) {
    if (name in include || !existsSync(join(out, name))) continue;
    // Links inside are not copied: the new site holds only what publish and the nightly wrote.
    cpSync(join(out, name), join(tmp, name), { recursive: true, filter: (src) => !lstatSync(src).isSymbolicLink() });
  }
}
