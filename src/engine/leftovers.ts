// Temp files and folders are named after the process writing them (`<name>.<pid>.tmp`, `.site.new-<pid>-…`), so
// what a killed run left (kill -9, SIGTERM, a power cut) is told from what a running one is still writing.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether process `pid` exists (EPERM: it does, as another user). */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the entries of `dir` whose name `pattern` matches with a writer (its first group, the PID) no longer
 * running. A read copy's temp file is a whole database (gigabytes): left by every killed nightly, they filled the disk.
 */
export function dropLeftovers(dir: string, pattern: RegExp): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = pattern.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** `text` matched literally inside a RegExp (a file name's dots and brackets). */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
