// The on-call engineer's faults (round 14, bench/results/ops/NOTES.md), through real processes and files: --out
// naming a file or a link, serve while a publish swaps folders, what killed runs leave behind, a stale lock taken
// over by two nightlies at once, a database the machine refuses. No timers: a publish stops at its test hook.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { cliMessages, configMessages, EXIT, nightlyMessages, publishMessages } from '../src/domain/messages.js';
import { opsMessages } from '../src/domain/ops-messages.js';
import { nightly } from '../src/jobs/nightly.js';
import { removeStaleLock, siteLock } from '../src/jobs/nightly-lock.js';
import { serve } from '../src/publish/serve.js';
import { ANY, cli, messagePattern, ROOT } from './helpers.js';
import { fixtureProject, startCli } from './publish-helpers.js';

const DAY = '2026-11-21';
const quiet = { log: () => {} };

/** A PID that no process has now: a child that has exited (a PID is reused only after the others wrap around). */
function deadPid(): number {
  const pid = spawnSync('true').pid;
  if (pid === undefined) throw new Error('no pid');
  return pid;
}

function published(): string {
  const project = fixtureProject();
  const r = cli(['nightly', '--as-of', DAY], { cwd: project });
  expect(r.code, r.stderr).toBe(0);
  return project;
}

describe('--out naming something other than a folder', () => {
  it('a file is a usage error before anything runs (it was exit 70), the file untouched', () => {
    const project = fixtureProject();
    const file = join(project, 'notes.txt');
    writeFileSync(file, 'precious\n');
    for (const command of ['publish', 'nightly']) {
      const r = cli([command, '--out', file], { cwd: project });
      expect(r.code, r.stderr).toBe(EXIT.usage);
      expect(r.stderr).toContain(cliMessages.error(opsMessages.outIsFile(file)));
    }
    expect(readFileSync(file, 'utf8')).toBe('precious\n');
    // The nightly stopped before its lock and its database.
    expect(existsSync(join(project, 'q.duckdb.lock'))).toBe(false);
    expect(existsSync(join(project, 'q.duckdb'))).toBe(false);
  });

  it('a link is followed: the site is swapped in at its target, and the link still leads to it', () => {
    const project = published();
    const target = join(project, 'www', 'quests');
    mkdirSync(target, { recursive: true });
    const link = join(project, 'live');
    symlinkSync('www/quests', link);
    for (let run = 0; run < 2; run++) {
      const r = cli(['publish', '--out', link], { cwd: project });
      expect(r.code, r.stderr).toBe(0);
      // It was replaced by a folder, and the target (what a web server serves) never got a site.
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe('www/quests');
      const written = publishMessages.written(Number.NaN, Number.NaN, realpathSync(target), Number.NaN, Number.NaN);
      expect(r.stdout).toMatch(messagePattern(written));
      expect(JSON.parse(readFileSync(join(target, 'api/v1/snapshot.json'), 'utf8')).snapshot_date).toBe(DAY);
    }
    expect(existsSync(join(project, '.live.old'))).toBe(false);
  });

  it('a link to nothing is a usage error naming its target', () => {
    const project = fixtureProject();
    const link = join(project, 'live');
    symlinkSync('www/gone', link);
    const r = cli(['publish', '--out', link], { cwd: project });
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(cliMessages.error(opsMessages.outDangling(link, 'www/gone')));
    expect(r.stderr).toContain(cliMessages.hint(opsMessages.outDanglingHint('www/gone')));
  });
});

describe('serve while a publish swaps the site', () => {
  it('answers from the previous site between the two renames (it was 404), and after a kill there', async () => {
    const project = published();
    const site = join(project, 'site');
    const before = readFileSync(join(site, 'api/v1/snapshot.json'), 'utf8');
    const serving = await serve({ dir: site, port: 0 }, quiet);
    const get = async (path: string) => {
      const res = await fetch(new URL(path, serving.url));
      return { status: res.status, body: await res.text() };
    };
    try {
      const child = startCli(['publish'], { cwd: project, env: { QUESTLOG_TEST_PAUSE: 'swap' } });
      await child.waitFor(/paused between renames/);
      expect(existsSync(site)).toBe(false);
      expect(await get('api/v1/snapshot.json')).toEqual({ status: 200, body: before });
      expect((await get('')).status).toBe(200);
      // Still only what is inside the site: the project beside it is not served from `.old` either.
      expect((await get('%2e%2e/questlog.config.json')).status).toBe(404);
      expect((await get('nothing-here.json')).status).toBe(404);
      child.proc.kill('SIGKILL');
      await child.exited;
      expect(await get('api/v1/snapshot.json')).toEqual({ status: 200, body: before });
      // Not cli(): a blocked event loop would leave this server's idle keep-alive socket to be reset under fetch.
      expect(await startCli(['publish'], { cwd: project }).exited).toBe(0);
      expect((await get('api/v1/snapshot.json')).status).toBe(200);
    } finally {
      await serving.close();
    }
  }, 120_000);
});

describe('what killed runs leave behind', () => {
  it('the next nightly removes the temp files of dead runs (a read copy is a whole database) and keeps live ones', () => {
    const project = published();
    const dead = deadPid();
    const leftovers = [
      `.q.read.slot-0.duckdb.${dead}.tmp`,
      `.q.read.slot-1.duckdb.complete.${dead}.tmp`,
      `.q.read.slot-0.duckdb.${dead}.link`,
      `.q.duckdb.lock.new-${dead}-0a1b2c`,
      `.q.duckdb.lock.stale-${dead}-0a1b2c`,
    ].map((name) => join(project, name));
    for (const path of leftovers) writeFileSync(path, 'left by a killed run\n');
    mkdirSync(join(project, `.site.new-${dead}-0a1b2c`));
    // A run still writing (this test process) keeps its file.
    const live = join(project, `.q.read.slot-1.duckdb.${process.pid}.tmp`);
    writeFileSync(live, 'being written\n');
    const r = cli(['nightly', '--as-of', DAY], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(leftovers.filter((p) => existsSync(p))).toEqual([]);
    expect(existsSync(join(project, `.site.new-${dead}-0a1b2c`))).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});

describe('a stale lock found by two nightlies at once', () => {
  it('is removed only while it is still that stale lock, never the live lock of the one that took it over', () => {
    const project = fixtureProject();
    const lock = join(project, 'q.duckdb.lock');
    const stale = `${JSON.stringify({ pid: deadPid(), started: '2026-12-01T03:15:00.000Z' })}\n`;
    // The other nightly read the same stale lock, removed it and created its own before this one acted on it.
    const taken = `${JSON.stringify({ pid: process.pid, started: '2026-12-07T03:15:00.000Z' })}\n`;
    writeFileSync(lock, taken);
    expect(removeStaleLock(lock, stale)).toBe(false);
    expect(readFileSync(lock, 'utf8')).toBe(taken);
    writeFileSync(lock, stale);
    expect(removeStaleLock(lock, stale)).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('a publish and a nightly to the same site folder', () => {
  it('exclude each other with the lock message and exit 75 (one could fail on the swap: ENOTEMPTY, exit 70)', async () => {
    const project = published();
    const site = join(project, 'site');
    const pairs: [string[], string[]][] = [
      [['nightly', '--as-of', DAY], ['publish']],
      [['publish'], ['nightly', '--as-of', DAY]],
    ];
    for (const [first, second] of pairs) {
      const job = first[0] ?? '';
      const holder = startCli(first, { cwd: project, env: { QUESTLOG_TEST_PAUSE: '12' } });
      try {
        await holder.waitFor(/paused after 12 files/);
        const r = cli(second, { cwd: project });
        expect(r.code, r.stderr).toBe(EXIT.locked);
        const busy = opsMessages.siteLocked(job, holder.proc.pid ?? 0, ANY, site);
        expect(r.stderr).toMatch(messagePattern(cliMessages.error(busy)));
        expect(r.stderr).toContain(cliMessages.hint(nightlyMessages.runningHint(siteLock(site))));
      } finally {
        holder.proc.kill('SIGKILL');
        await holder.exited;
      }
    }
    // Taken over from the killed holder.
    const r = cli(['publish'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(siteLock(site))).toBe(false);
  }, 180_000);
});

describe('a config error found before anything runs', () => {
  it('an unknown time zone is exit 2 naming the key (it failed every file of the ingest: exit 3, a database made)', () => {
    const project = fixtureProject();
    const file = join(project, 'questlog.config.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), timezone: 'Mars/Olympus' }));
    const r = cli(['nightly'], { cwd: project });
    expect(r.code, r.stderr).toBe(EXIT.usage);
    expect(r.stderr).toContain(configMessages.badValue(file, 'timezone', configMessages.ianaZone, '"Mars/Olympus"'));
    expect(existsSync(join(project, 'q.duckdb'))).toBe(false);
  });
});

describe('the clock going back', () => {
  it('refuses a day from the clock before the newest snapshot (it published it: the live site went back, exit 0)', async () => {
    const project = published();
    const site = join(project, 'site');
    const before = readFileSync(join(site, 'api/v1/snapshot.json'), 'utf8');
    const config = loadConfig(project);
    const db = join(project, 'q.duckdb');
    // 03:15 on 2026-11-21: the clock's last complete day is 2026-11-20, the day before the snapshot of DAY.
    const effects = { ...quiet, now: () => new Date('2026-11-21T03:15:00Z') };
    await expect(nightly({ db, config }, effects)).rejects.toThrow(opsMessages.clockBack('2026-11-20', DAY));
    expect(readFileSync(join(site, 'api/v1/snapshot.json'), 'utf8')).toBe(before);
    // A day typed by hand is the operator's choice.
    const r = cli(['nightly', '--as-of', '2026-11-20'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);
});

describe('a database the machine refuses', () => {
  it('a damaged file is exit 1 saying so, with what to do (it was a usage error, exit 2)', () => {
    const project = fixtureProject();
    // As the config names it (relative to the config file).
    const db = 'q.duckdb';
    writeFileSync(join(project, db), Buffer.alloc(64 * 1024, 0x5a));
    const r = cli(['status'], { cwd: project });
    expect(r.code, r.stderr).toBe(EXIT.failed);
    expect(r.stderr).toMatch(messagePattern(cliMessages.error(opsMessages.corrupt(db, ANY))));
    expect(r.stderr).toContain(cliMessages.hint(opsMessages.corruptHint(db)));
  });

  it('a file this user may not write is exit 1 like any write the machine refuses (as nobody)', () => {
    const project = published();
    for (const d of [dirname(project), project]) chmodSync(d, 0o777);
    const db = 'q.duckdb';
    chmodSync(join(project, db), 0o444);
    const r = spawnSync(
      'runuser',
      ['-u', 'nobody', '--', process.execPath, join(ROOT, 'dist/cli.js'), 'ingest', '--source', 'fixture'],
      { cwd: project, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
    );
    expect(r.status, r.stderr).toBe(EXIT.failed);
    expect(r.stderr).toMatch(messagePattern(cliMessages.error(opsMessages.cannotOpenSystem(db, ANY))));
    expect(r.stderr).toMatch(/Permission denied/);
  });
});
