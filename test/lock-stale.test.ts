// A stale lock (its process gone) is taken over, and the line saying so names both runs: since round 15 a site's lock
// may be a publish's, and "not a running nightly" was said of every lock.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightlyMessages as msg } from '../src/domain/messages.js';
import { acquireLock, siteLock } from '../src/jobs/nightly-lock.js';
import { tempDir } from './helpers.js';

/** The PID of a process that has exited (spawnSync waits for it). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('a stale lock taken over', () => {
  it('names the job taking it and the job it was (a publish found by a nightly)', () => {
    const site = join(tempDir(), 'site');
    const lock = siteLock(site);
    const pid = deadPid();
    writeFileSync(lock, `${JSON.stringify({ pid, started: '2026-12-01T00:00:00.000Z', job: 'publish' })}\n`);
    const lines: string[] = [];
    const release = acquireLock(lock, { log: (l) => lines.push(l) }, { job: 'nightly', site });
    expect(lines).toEqual([msg.staleLock(lock, pid, 'nightly', 'publish')]);
    expect(lines[0]).toBe(`nightly: removing stale lock ${lock} of pid ${pid} (not a running publish)`);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, job: 'nightly' });
    release();
    expect(existsSync(lock)).toBe(false);
  });

  it('reads a lock written before the job was recorded as a nightly', () => {
    const lock = join(tempDir(), 'db.duckdb.lock');
    const pid = deadPid();
    writeFileSync(lock, `${JSON.stringify({ pid, started: '2026-12-01T00:00:00.000Z' })}\n`);
    const lines: string[] = [];
    acquireLock(lock, { log: (l) => lines.push(l) }, { job: 'publish' })();
    expect(lines).toEqual([`publish: removing stale lock ${lock} of pid ${pid} (not a running nightly)`]);
  });
});
