// Issue 12's findings, each reproduced as the report describes it and checked fixed: a player lost to a content-only
// file identity, writes and reads outside the site, crashes on a missing folder or a foreign lock, terminal escapes
// from data, and a backfill stretched over a century.

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { inputMessages, limitMessages } from '../src/domain/input-messages.js';
import { ingestMessages } from '../src/domain/messages.js';
import { printable } from '../src/domain/terminal.js';
import type { Db } from '../src/engine/db.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { ingest } from '../src/ingest/ingest.js';
import { cli, freshDb, messagePattern, ROOT, tempDir } from './helpers.js';
import { type Child, fixtureProject, startCli, walk } from './publish-helpers.js';

describe('item 1: two players with byte-identical session files', () => {
  it('are two players, each file loaded (the identity covers the player and start the path gives)', () => {
    const dir = tempDir();
    for (const p of ['alice', 'bob']) {
      mkdirSync(join(dir, 'logs', p), { recursive: true });
      writeFileSync(join(dir, 'logs', p, '2026-01-01T00-00-00.csv'), '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n');
    }
    const r = cli(['--db', 'q.duckdb', 'ingest', 'logs'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const nan = Number.NaN;
    const files = { files: 2, files_loaded: 2, files_replaced: 0, files_skipped: 0, files_failed: 0 };
    const lines = { lines_read: nan, loaded: nan, rejected: nan, ignored: nan, duplicates: 0, bytes: 0, ms: nan };
    expect(r.stdout).toMatch(messagePattern(ingestMessages.totals({ ...files, ...lines })));
    const status = cli(['--db', 'q.duckdb', 'status'], { cwd: dir });
    expect(status.stdout).toMatch(/players\s*:?\s+2\b/);
    // Again: both are already loaded, nothing doubles.
    expect(cli(['--db', 'q.duckdb', 'ingest', 'logs'], { cwd: dir }).stdout).toContain(
      '0 loaded, 0 replaced, 2 skipped',
    );
  });
});

describe('item 1: byte-identical files of two mapped sources with different mappings', () => {
  it('loads under each mapping (the identity covers the mapping), and each only once', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    try {
      for (const s of ['a', 'b']) {
        mkdirSync(join(dir, s));
        writeFileSync(join(dir, s, 'm.csv'), 't,p,a,b\n2026-01-01 10:00:00,p1,QA,QB\n');
      }
      const fields = (quest: string) => ({ ts: 't', player_id: 'p', quest_id: quest, status: "'start'" });
      const config = normalizeConfig(
        {
          sources: {
            a: { format: 'mapped', reader: 'csv', paths: ['a/m.csv'], fields: fields('a') },
            b: { format: 'mapped', reader: 'csv', paths: ['b/m.csv'], fields: fields('b') },
          },
        },
        dir,
      );
      const run = async (source: string) =>
        (await ingest(db, { source, config, cwd: dir }, recorder())).files.map((f) => f.status);
      expect([await run('a'), await run('b')]).toEqual([['loaded'], ['loaded']]);
      expect([await run('a'), await run('b')]).toEqual([['skipped'], ['skipped']]);
      expect(await db.all('SELECT quest_id FROM events ORDER BY quest_id')).toEqual([
        { quest_id: 'QA' },
        { quest_id: 'QB' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('item 4: a folder with entries this user cannot read', () => {
  it('as another user (nobody): the unreadable subfolder is named, the rest loads, exit 3', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    for (const p of ['alice', 'secret']) {
      mkdirSync(join(dir, 'logs', p), { recursive: true });
      writeFileSync(join(dir, 'logs', p, '2026-01-01T00-00-00.csv'), '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n');
    }
    chmodSync(join(dir, 'logs', 'secret'), 0o700);
    mkdirSync(join(dir, 'db'), { mode: 0o777 });
    chmodSync(join(dir, 'db'), 0o777);
    const r = spawnSync(
      'runuser',
      [
        '-u',
        'nobody',
        '--',
        process.execPath,
        join(ROOT, 'dist/cli.js'),
        '--db',
        join(dir, 'db', 'q.duckdb'),
        '--verbose',
        'ingest',
        'logs',
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
    );
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toContain(ingestMessages.fileFailed('logs/secret', inputMessages.cannotList('EACCES')));
    const nan = Number.NaN;
    const counts = { lines_read: 1, loaded: 1, rejected: nan, ignored: nan, duplicates: 0, bytes: 0, ms: nan };
    const alice = { path: 'logs/alice/2026-01-01T00-00-00.csv', status: 'loaded', format: 'seed', ...counts };
    expect(r.stdout).toMatch(messagePattern(ingestMessages.fileLoaded(alice)));
  });
});

describe('item 3: publish never follows a link it did not create', () => {
  it('a folder link planted in .site.old (assets -> elsewhere) is removed, its target untouched', () => {
    const project = fixtureProject();
    expect(cli(['nightly', '--as-of', '2026-11-21'], { cwd: project }).code).toBe(0);
    expect(cli(['publish'], { cwd: project }).code).toBe(0);
    const elsewhere = join(project, '..', 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'keep.txt'), 'mine');
    const old = join(project, '.site.old');
    // The recycled folder's assets replaced by a link out of the site, and a file link too.
    rmSync(join(old, 'assets'), { recursive: true });
    symlinkSync(elsewhere, join(old, 'assets'));
    symlinkSync(join(elsewhere, 'keep.txt'), join(old, 'index.trend.vl.json.planted'));
    const r = cli(['publish'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(elsewhere)).toEqual(['keep.txt']);
    expect(readFileSync(join(elsewhere, 'keep.txt'), 'utf8')).toBe('mine');
    const site = join(project, 'site');
    expect(walk(site).filter((f) => lstatSync(join(site, f)).isSymbolicLink())).toEqual([]);
    expect(lstatSync(join(site, 'assets')).isDirectory()).toBe(true);
  });

  it('.site.old itself as a link is dropped, never built into', () => {
    const project = fixtureProject();
    expect(cli(['nightly', '--as-of', '2026-11-21'], { cwd: project }).code).toBe(0);
    const elsewhere = join(project, '..', 'elsewhere2');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(project, '.site.old'));
    const r = cli(['publish'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('item 3: serve stays inside the site and is read-only', () => {
  let project: string;
  let server: Child;
  let base: string;
  beforeAll(async () => {
    project = fixtureProject();
    expect(cli(['nightly', '--as-of', '2026-11-21'], { cwd: project }).code).toBe(0);
    const site = join(project, 'site');
    writeFileSync(join(project, 'secret.txt'), 'secret');
    symlinkSync('/etc/passwd', join(site, 'passwd'));
    symlinkSync(join(project, 'q.duckdb'), join(site, 'db.html'));
    symlinkSync(project, join(site, 'up'));
    symlinkSync(join(site, 'index.html'), join(site, 'inside.html'));
    server = startCli(['serve', '--port', '0', '--dir', site], { cwd: project });
    base = (await server.waitFor(/ at (http:\/\/127\.0\.0\.1:\d+\/)/))[1] as string;
  });
  afterAll(async () => {
    server?.proc.kill('SIGTERM');
    await server?.exited;
  });

  const call = (method: string, path: string) =>
    new Promise<{ status: number; allow?: string; body: string }>((ok, fail) => {
      const url = new URL(base);
      const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => ok({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
      });
      req.on('error', fail);
      req.end();
    });

  it.each([
    ['/passwd', 'a link to /etc/passwd'],
    ['/db', 'a link to the database (found through the .html extension)'],
    ['/db.html', 'a link to the database'],
    ['/up/secret.txt', 'a folder link out of the site'],
    ['/up/questlog.config.json', 'the project config through a folder link'],
  ])('%s is not found: %s', async (path) => {
    const r = await call('GET', path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('secret');
    expect(r.body).not.toContain('root:');
  });

  it('a link whose real location is inside the site is served', async () => {
    expect((await call('GET', '/inside.html')).status).toBe(200);
  });

  it.each(['POST', 'PUT', 'DELETE', 'TRACE', 'PATCH'])('%s is 405 with Allow: GET, HEAD, OPTIONS', async (method) => {
    const r = await call(method, '/index.html');
    expect(r).toMatchObject({ status: 405, allow: 'GET, HEAD, OPTIONS' });
  });

  it('GET and HEAD are served', async () => {
    expect((await call('GET', '/index.html')).status).toBe(200);
    expect((await call('HEAD', '/index.html')).status).toBe(200);
  });
});

describe('item 4 and 7: the nightly neither crashes on a missing folder nor waits for a stranger', () => {
  it("creates the database's folder when it does not exist yet", () => {
    const project = fixtureProject();
    const config = JSON.parse(readFileSync(join(project, 'questlog.config.json'), 'utf8'));
    writeFileSync(join(project, 'questlog.config.json'), JSON.stringify({ ...config, db: 'new/folder/q.duckdb' }));
    const r = cli(['nightly', '--as-of', '2026-11-21'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(project, 'new/folder/q.duckdb'))).toBe(true);
  });

  it('a lock naming a live but unrelated process (PID 1) is stale, taken over', () => {
    const project = fixtureProject();
    const lock = join(project, 'q.duckdb.lock');
    writeFileSync(lock, `${JSON.stringify({ pid: 1, started: '2026-01-01T00:00:00.000Z' })}\n`);
    const r = cli(['nightly', '--as-of', '2026-11-21'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`removing stale lock ${lock} of pid 1`);
    // Same with the start time of another process than PID 1's.
    writeFileSync(lock, `${JSON.stringify({ pid: 1, started: 'x', pidStart: '1' })}\n`);
    expect(cli(['nightly', '--as-of', '2026-11-21'], { cwd: project }).code).toBe(0);
  });
});

describe('item 5: data never drives the terminal', () => {
  it('printable shows control characters and bidi overrides as escapes, keeps tabs and newlines', () => {
    expect(printable('a\u001b[31mred\u009b2J\u0000\r\u202eb\tc\nd')).toBe(
      'a\\x1b[31mred\\x9b2J\\x00\\x0d\\u202eb\tc\nd',
    );
    expect(printable('a,b\r\nc\r')).toBe('a,b\r\nc\\x0d');
  });

  it('`rejects` prints a rejected line holding an escape sequence escaped', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'e.ndjson'),
      '{"ts":"2026-01-01 10:00:00","player_id":"p1","quest_id":"\\u001b[2J\\u001b[31mQ1","status":"start"}\n',
    );
    expect(cli(['--db', 'q.duckdb', 'ingest', 'e.ndjson'], { cwd: dir }).code).toBe(0);
    const r = cli(['--db', 'q.duckdb', 'rejects'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quest_id contains a control character');
    expect(r.stdout).not.toContain('\u001b');
  });

  it('`stats` prints an escape stored before this release escaped', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    await db.run(
      `INSERT INTO files VALUES (1, 'x', 'h', 'events', NULL, 1, 1, 1, 0, 0, TIMESTAMP '2026-01-01');
       INSERT INTO events VALUES (1, 1, TIMESTAMP '2026-01-01 10:00:00', 'p1', chr(27) || '[31mRED', 'accepted', NULL, NULL, NULL);
       INSERT INTO file_players VALUES (1, 'p1', TIMESTAMP '2026-01-01 10:00:00');
       INSERT INTO dirty_players VALUES ('p1');`,
    );
    db.close();
    const r = cli(['--db', join(dir, 'test.duckdb'), 'stats'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\\x1b[31mRED');
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('item 5: backfill ranges are bounded', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
    const dir = tempDir();
    writeFileSync(
      join(dir, 'e.ndjson'),
      '{"ts":"2026-01-01 10:00:00","player_id":"p1","quest_id":"Q1","status":"start"}\n' +
        '{"ts":"2026-01-06 10:00:00","player_id":"p1","quest_id":"Q1","status":"complete"}\n',
    );
    await ingest(db, { paths: [join(dir, 'e.ndjson')] }, recorder());
  });
  afterAll(() => db?.close());

  it('a roster typed in NFD matches the NFC ids ingest stored', async () => {
    const dir = tempDir();
    const d = await freshDb(dir);
    writeFileSync(
      join(dir, 'e.ndjson'),
      '{"ts":"2026-01-01 10:00:00","player_id":"Jos\u00e9","quest_id":"Q1","status":"start"}\n',
    );
    writeFileSync(join(dir, 'roster.csv'), 'player_id\nJose\u0301\n');
    await ingest(d, { paths: [join(dir, 'e.ndjson')] }, recorder());
    await computeSnapshots(d, { roster: join(dir, 'roster.csv') }, recorder());
    expect(await d.all('SELECT quest_id, players, accepted FROM snapshots ORDER BY quest_id')).toEqual([
      { quest_id: 'Q1', players: 1, accepted: 1 },
    ]);
    d.close();
  });

  it('a backfill over more days than limits.backfill_days is an error naming the range, nothing stored', async () => {
    await expect(computeSnapshots(db, { backfill: true, maxBackfillDays: 5 }, recorder())).rejects.toThrow(
      limitMessages.backfillTooLong('2026-01-01', '2026-01-06', 6, 5),
    );
    expect(await db.one('SELECT count(*)::INTEGER AS n FROM snapshots')).toEqual({ n: 0 });
    expect(await computeSnapshots(db, { backfill: true, maxBackfillDays: 6 }, recorder())).toHaveLength(6);
  });
});
