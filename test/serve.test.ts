// `questlog serve` as users run it: a child process on a free loopback port, fetched over real HTTP.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../src/engine/db.js';
import { cli } from './helpers.js';
import { type Child, fixtureProject, startCli } from './publish-helpers.js';

let project: string;
let server: Child;
let base: string;

beforeAll(async () => {
  project = fixtureProject();
  const r = cli(['nightly', '--as-of', '2026-11-21'], { cwd: project });
  expect(r.code, r.stderr).toBe(0);
  server = startCli(['serve', '--port', '0', '--dir', join(project, 'site')], { cwd: project });
  base = (await server.waitFor(/ at (http:\/\/127\.0\.0\.1:\d+\/)/))[1] as string;
});

afterAll(async () => {
  server?.proc.kill('SIGTERM');
  await server?.exited;
});

/** A request with the path sent exactly as written (fetch would normalise `..` away before sending). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('questlog serve', () => {
  it('prints a loopback URL for --port 0', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(base).not.toBe('http://127.0.0.1:0/');
  });

  it('serves the JSON API with its content type, matching the database', async () => {
    const res = await fetch(`${base}api/v1/snapshot.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const snap = (await res.json()) as { snapshot_date: string; players: number; quests: Record<string, unknown>[] };
    const db = await Db.open(join(project, 'q.duckdb'), { readOnly: true });
    const rows = await db.all(
      `SELECT quest_id, players, accepted, declined AS rejected, completed, abandoned, failed, not_encountered
       FROM snapshots WHERE snapshot_date = DATE '2026-11-21'
         -- The fixture's privacy floor (2) withholds the quests only one player met: the API shows them as nulls.
         AND players - not_encountered <> 1
       ORDER BY quest_id`,
    );
    const run = await db.one<{ players: number }>(
      `SELECT players FROM snapshot_runs WHERE snapshot_date = DATE '2026-11-21'`,
    );
    db.close();
    expect(snap.snapshot_date).toBe('2026-11-21');
    expect(snap.players).toBe(run?.players);
    const fields = [
      'quest_id',
      'players',
      'accepted',
      'rejected',
      'completed',
      'abandoned',
      'failed',
      'not_encountered',
    ];
    const published = snap.quests
      .filter((q) => q.suppressed !== true)
      .map((q) => Object.fromEntries(fields.map((f) => [f, q[f]])))
      .sort((a, b) => String(a.quest_id).localeCompare(String(b.quest_id), 'en'));
    expect(published).toEqual(rows);
    expect(rows).toHaveLength(3);
    expect(snap.quests.filter((q) => q.suppressed === true).map((q) => q.players)).toEqual([null, null]);
  });

  it('serves a quest file found through quests.json, hostile ids included', async () => {
    const index = (await (await fetch(`${base}api/v1/quests.json`)).json()) as {
      quests: { quest_id: string; links: { json: string; html: string } }[];
    };
    for (const q of index.quests) {
      const res = await fetch(new URL(q.links.json, `${base}api/v1/`));
      expect(res.status, q.quest_id).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const doc = (await res.json()) as { quest_id: string; status: { label: string }[] };
      expect(doc.quest_id).toBe(q.quest_id);
      expect(doc.status.map((s) => s.label)).toEqual(['Accepted', 'Rejected', 'Completed', 'Not Encountered']);
      const page = await fetch(new URL(q.links.html, `${base}api/v1/`));
      expect(page.status, q.links.html).toBe(200);
    }
    expect(index.quests.map((q) => q.quest_id)).toContain('</script><script>alert(1)</script>');
  });

  it('sends the right content types', async () => {
    const types: [string, RegExp][] = [
      ['', /^text\/html/],
      ['index.html', /^text\/html/],
      ['assets/style.css', /^text\/css/],
      ['assets/vega.min.js', /^(text|application)\/javascript/],
      ['assets/favicon.svg', /^image\/svg\+xml/],
      ['index.specs.json', /^application\/json/],
      ['api/v1/schema/quest.schema.json', /^application\/json/],
    ];
    for (const [path, type] of types) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('never serves a file outside the site folder', async () => {
    for (const path of [
      '/../questlog.config.json',
      '/..%2fquestlog.config.json',
      '/%2e%2e/questlog.config.json',
      '/api/../../questlog.config.json',
      '/api/%2e%2e%2f%2e%2e%2fq.duckdb',
      '/..\\questlog.config.json',
      '//etc/passwd',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('"sources"');
    }
    expect((await fetch(`${base}missing.html`)).status).toBe(404);
  });

  it('answers any Range header without stopping: a plain range in part, any other with the whole file', async () => {
    const path = '/api/v1/segments.json';
    const whole = readFileSync(join(project, 'site', path), 'utf8');
    // bytes=5-2 made sirv throw inside the request handler, which ended the server.
    for (const range of ['bytes=5-2', 'bytes=0-0', 'bytes=-4', 'bytes=0-1,4-5', 'items=0-3', 'bytes=x-']) {
      expect(await rawGet(path, { range }), range).toEqual({ status: 200, body: whole });
    }
    expect(await rawGet(path, { range: 'bytes=2-5' })).toEqual({ status: 206, body: whole.slice(2, 6) });
    expect(await rawGet(path, { range: 'bytes=3-' })).toEqual({ status: 206, body: whole.slice(3) });
    expect((await rawGet(path, { range: `bytes=${whole.length + 10}-` })).status).toBe(416);
    expect((await rawGet('/index.html')).status).toBe(200);
  });
});
