// The nightly's lock file beside the database: one nightly at a time, a stale lock (its process gone, or its PID
// reused by another process) taken over.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Effects, nowOf } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { EXIT, nightlyMessages as msg } from '../domain/messages.js';
import { opsMessages } from '../domain/ops-messages.js';
import { alive, dropLeftovers, escapeRegExp } from '../engine/leftovers.js';

interface LockInfo {
  pid: number;
  started: string;
  /** The job holding it (a lock written before round 15 has none: a nightly's). */
  job?: string;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat field 22): a PID is reused, this pair not. */
  pidStart?: string;
}

/** When process `pid` started (Linux), or undefined where /proc has no such process or no /proc exists. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the lock's writer still runs: same PID and start time (a reused PID or PID 1 holds nobody back). */
function holderRuns(held: LockInfo): boolean {
  if (!alive(held.pid)) return false;
  if (!existsSync('/proc/self/stat')) return true;
  return held.pidStart !== undefined && processStart(held.pid) === held.pidStart;
}

/**
 * Creates the lock whole (createWhole); a lock whose process is gone is stale and taken over (removeStaleLock). Both
 * steps are atomic, so of two nightlies started together, or finding the same stale lock, exactly one runs. `site`:
 * the lock is that site folder's (siteLock), taken by `job` (a nightly or a publish).
 */
export function acquireLock(path: string, effects: Effects, opts: { job?: string; site?: string } = {}): () => void {
  const mine: LockInfo = {
    pid: process.pid,
    started: nowOf(effects).toISOString(),
    pidStart: processStart(process.pid),
    job: opts.job ?? 'nightly',
  };
  // The first nightly of a project creates the database's folder; the lock beside it comes first.
  mkdirSync(dirname(path), { recursive: true });
  dropLeftovers(dirname(path), new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(?:new|stale)-(\\d+)-`));
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createWhole(path, `${JSON.stringify(mine)}\n`)) {
      return () => {
        // Only our own lock is removed: a stale-lock takeover by another run must not be undone by us.
        if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
      };
    }
    const seen = readText(path);
    // Gone since: its holder finished. Try again.
    if (seen === undefined) continue;
    const held = parseLock(seen);
    if (held && holderRuns(held)) {
      const { pid, started, job = 'nightly' } = held;
      const busy = opts.site ? opsMessages.siteLocked(job, pid, started, opts.site) : msg.running(pid, started);
      throw new UserError(busy, {
        hint: msg.runningHint(path),
        exitCode: EXIT.locked,
      });
    }
    // Not removed: another nightly took it over first, and the next attempt finds its live lock.
    if (removeStaleLock(path, seen)) effects.log(msg.staleLock(path, held?.pid, mine.job, held?.job));
  }
  throw new UserError(msg.noLock(path), { exitCode: EXIT.locked });
}

/**
 * The lock of a site folder, beside it: a nightly and a standalone publish to the same folder swapping at once made
 * one fail on the rename (ENOTEMPTY, shown as an internal error).
 */
export const siteLock = (out: string) => join(dirname(out), `.${basename(out)}.lock`);

const nonce = () => `${process.pid}-${randomBytes(6).toString('hex')}`;

/**
 * Creates the lock with its content in one step: written aside, then hard-linked to its name (link fails if the name
 * exists). Created empty and then written (O_EXCL), it could be read empty by a nightly started at that moment, taken
 * for the half-written lock of a killed run and removed: two nightlies ran. False when a lock is there.
 */
function createWhole(path: string, text: string): boolean {
  const aside = join(dirname(path), `.${basename(path)}.new-${nonce()}`);
  writeFileSync(aside, text, { flag: 'wx' });
  try {
    linkSync(aside, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: create-then-write, as before.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
    try {
      writeFileSync(path, text, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    rmSync(aside, { force: true });
  }
}

/**
 * Removes the stale lock whose text was `seen`, and nothing else: it is renamed aside first (atomic) and compared.
 * Removing it by name could remove the live lock of a nightly that took the same stale lock over a moment before
 * (both read it, one replaced it, the other deleted the replacement): two nightlies ran. A live lock moved aside this
 * way is put back. True when the stale lock is gone.
 */
export function removeStaleLock(path: string, seen: string): boolean {
  const aside = join(dirname(path), `.${basename(path)}.stale-${nonce()}`);
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  try {
    if (readFileSync(aside, 'utf8') === seen) return true;
    // Fails only if a third nightly created a lock in this instant; that one then holds it.
    try {
      linkSync(aside, path);
    } catch {}
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseLock(text: string): LockInfo | undefined {
  try {
    return JSON.parse(text) as LockInfo;
  } catch {
    // Empty or cut short (written by an older questlog, killed between create and write): nobody holds it.
    return undefined;
  }
}

function readLock(path: string): LockInfo | undefined {
  const text = readText(path);
  return text === undefined ? undefined : parseLock(text);
}
