import { constants, linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, type FileHandle, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../domain/errors.js';
import { faultPoint } from '../domain/fault.js';
import { dbMessages } from '../domain/messages.js';
import { Db, openInThisProcess } from './db.js';
import { dropLeftovers, escapeRegExp } from './leftovers.js';

/**
 * DuckDB lets one process write a file, and a read-only open fails while that writer holds it. So readers (notebooks)
 * never open the live database: after each write job the writer publishes a copy, swapped in by rename. A reader that
 * already has the old copy open keeps its file and is never disturbed; the next open sees the new copy.
 *
 * The copy alternates between two slot files, and the published name is a hard link to one of them. A nightly changes
 * a few percent of the database's blocks (at 100M events 50 MB of 2.96 GB), so the spare slot, one refresh behind, is
 * brought up to date by rewriting only the blocks that differ. A slot a reader still holds is never rewritten: it is
 * replaced by a full copy instead, and the reader keeps the old file.
 */
export function readCopyPath(dbPath: string): string {
  const name = basename(dbPath).replace(/\.duckdb$/, '');
  return join(dirname(dbPath), `${name}.read.duckdb`);
}

/** The two files behind a read copy (hidden, beside it). */
export function readCopySlots(target: string): [string, string] {
  const stem = join(dirname(target), `.${basename(target).replace(/\.duckdb$/, '')}`);
  return [`${stem}.slot-0.duckdb`, `${stem}.slot-1.duckdb`];
}

export interface ReadCopy {
  path: string;
  /** `patched`: the spare slot rewritten where it differed; `copied`: a whole new file (first time, or slot in use). */
  mode: 'patched' | 'copied';
  bytes: number;
  written: number;
}

/** Checkpoints `db` (so the main file holds everything) and atomically replaces its read-only copy; returns the path. */
export async function publishReadCopy(db: Db, target: string = readCopyPath(db.path)): Promise<string> {
  return (await (await startReadCopy(db, target)).done).path;
}

/**
 * Checkpoints `db`, then starts the copy in the thread pool and returns at once, so the caller can publish meanwhile.
 * With `after`, the copy itself waits until that settles (the nightly: until publish has read what it needs, as a
 * 3-4 GB copy beside those reads slowed them by about half). Until `done` settles the copy reads the file: `db` may run
 * queries, but no writes and no close.
 */
export async function startReadCopy(
  db: Db,
  target: string = readCopyPath(db.path),
  opts: { after?: PromiseLike<unknown>; signal?: AbortSignal } = {},
): Promise<{ done: Promise<ReadCopy> }> {
  if (db.path === ':memory:') throw new UserError(dbMessages.readCopyOfMemory);
  if (db.readOnly) throw new UserError(dbMessages.readCopyOfReadOnly(db.path));
  await db.run('CHECKPOINT');
  // The checkpoint is now: whatever `db` does until the copy starts is reading.
  // A run stopped (SIGTERM) while the copy waited does not start a copy of the whole database.
  const start = () => {
    opts.signal?.throwIfAborted();
    return refresh(db.path, target);
  };
  const done = opts.after ? Promise.resolve(opts.after).then(start, start) : start();
  // Handled here so a failure while the caller is busy elsewhere is no unhandled rejection; the caller awaits `done`.
  done.catch(() => {});
  return { done };
}

async function refresh(source: string, target: string): Promise<ReadCopy> {
  const slots = readCopySlots(target);
  // A killed nightly's temp copy is as big as the database: each one left would stay for good.
  const stem = escapeRegExp(basename(slots[0]).replace(/-0\.duckdb$/, ''));
  dropLeftovers(dirname(target), new RegExp(`^${stem}-[01]\\.duckdb(?:\\.complete)?\\.(\\d+)\\.(?:tmp|link)$`));
  const spare = sameFile(target, slots[0]) ? slots[1] : slots[0];
  const bytes = statSync(source).size;
  let result: ReadCopy;
  // Only a slot sealed after a complete write is ever opened in this process: DuckDB aborts the whole process on
  // some half-written files (`MarkBlockAsModified called with already modified block id`), before any catch.
  if (sealed(spare) && (await unused(spare))) {
    unseal(spare);
    faultPoint('readcopy-unsealed');
    result = { path: target, mode: 'patched', bytes, written: await patch(source, spare) };
  } else {
    unseal(spare);
    await copyWhole(source, spare);
    result = { path: target, mode: 'copied', bytes, written: bytes };
  }
  seal(spare);
  faultPoint('readcopy-sealed');
  // A second name for the slot, then renamed over the published one: readers see the old file or the new, whole.
  const link = `${spare}.${process.pid}.link`;
  rmSync(link, { force: true });
  linkSync(spare, link);
  renameSync(link, target);
  return result;
}

/** The seal: a file beside the slot naming its inode and size, written after the slot's bytes reached the disk. */
const sealOf = (slot: string) => `${slot}.complete`;
const identity = (slot: string) => {
  const s = statSync(slot);
  return `${s.ino}:${s.size}\n`;
};

function sealed(slot: string): boolean {
  try {
    return readFileSync(sealOf(slot), 'utf8') === identity(slot);
  } catch {
    return false;
  }
}

function unseal(slot: string): void {
  rmSync(sealOf(slot), { force: true });
}

/** Written whole or not at all (temp + rename); the slot itself was synced before. */
function seal(slot: string): void {
  const tmp = `${sealOf(slot)}.${process.pid}.tmp`;
  writeFileSync(tmp, identity(slot));
  renameSync(tmp, sealOf(slot));
}

function sameFile(a: string, b: string): boolean {
  try {
    const [sa, sb] = [statSync(a), statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Whether no reader has the slot open. Readers hold DuckDB's shared lock, so a read-write open fails while one does;
 * opening and closing a checkpointed file changes none of its bytes (and the patch compares every byte anyway).
 */
async function unused(slot: string): Promise<boolean> {
  if (openInThisProcess(slot)) return false;
  try {
    (await Db.open(slot)).close();
    return true;
  } catch {
    // Locked by a reader, or not a database at all (a crash mid-copy): either way it gets a fresh file.
    return false;
  }
}

/** Compare granularity: DuckDB blocks are 256 KiB but start after a 12 KiB header, so finer than a block. */
const PIECE = 64 * 1024;
const CHUNK = 64 * PIECE;

/** Makes `slot` byte-identical to `source`, writing only the pieces that differ; returns the bytes written. */
async function patch(source: string, slot: string): Promise<number> {
  const [src, dst] = [await open(source, 'r'), await open(slot, 'r+')];
  try {
    const size = (await src.stat()).size;
    const [a, b] = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let written = 0;
    for (let offset = 0; offset < size; offset += CHUNK) {
      const n = await readFully(src, a, Math.min(CHUNK, size - offset), offset);
      const m = await readFully(dst, b, n, offset);
      for (let i = 0; i < n; i += PIECE) {
        const end = Math.min(i + PIECE, n);
        if (end <= m && a.subarray(i, end).equals(b.subarray(i, end))) continue;
        await dst.write(a, i, end - i, offset + i);
        written += end - i;
        faultPoint('readcopy-patching');
      }
    }
    await dst.truncate(size);
    // The rename must never expose a file whose bytes are still in flight.
    await dst.sync();
    return written;
  } finally {
    await Promise.all([src.close(), dst.close()]);
  }
}

async function readFully(file: FileHandle, buf: Buffer, length: number, position: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** A whole new file for the slot, renamed over it: a reader holding the old slot keeps it. */
async function copyWhole(source: string, slot: string): Promise<void> {
  const tmp = `${slot}.${process.pid}.tmp`;
  try {
    // A copy-on-write clone where the file system has them (XFS, Btrfs, APFS): instant whatever the size. Elsewhere
    // (ext4) a plain copy: at 100M events (a 2.96 GB file) ~8-11 s.
    await copyFile(source, tmp, constants.COPYFILE_FICLONE);
    faultPoint('readcopy-copying');
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    renameSync(tmp, slot);
  } finally {
    rmSync(tmp, { force: true });
  }
}
