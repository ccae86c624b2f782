// The nightly's lock file beside the database: one nightly at a time, a stale lock (its process gone, or its PID
// reused by another process) taken over.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Effects, nowOf } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { EXIT, nightlyMessages as msg } from '../domain/messages.js';
import { alive } from '../publish/site-files.js';

interface LockInfo {
  pid: number;
  started: string;
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

/** Creates the lock with O_EXCL; a lock whose process is gone is stale and taken over. */
export function acquireLock(path: string, effects: Effects): () => void {
  const mine: LockInfo = {
    pid: process.pid,
    started: nowOf(effects).toISOString(),
    pidStart: processStart(process.pid),
  };
  // The first nightly of a project creates the database's folder; the lock beside it comes first.
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(mine)}\n`);
      closeSync(fd);
      return () => {
        // Only our own lock is removed: a stale-lock takeover by another run must not be undone by us.
        if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = readLock(path);
      if (held && holderRuns(held)) {
        throw new UserError(msg.running(held.pid, held.started), {
          hint: msg.runningHint(path),
          exitCode: EXIT.locked,
        });
      }
      effects.log(msg.staleLock(path, held?.pid));
      rmSync(path, { force: true });
    }
  }
  throw new UserError(msg.noLock(path), { exitCode: EXIT.locked });
}

function readLock(path: string): LockInfo | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    // Half-written by a process killed between create and write: nobody holds it.
    return undefined;
  }
}
