// The static API for consumers over real HTTP (`questlog serve` as a child process): pre-compressed files negotiated
// by Accept-Encoding, CORS on the API with preflight answered, and a manifest whose hashes match the bytes served.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly these headers (fetch would add Accept-Encoding and decode the body itself). */
function raw(path: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  const url = new URL(base);
  return new Promise((ok, fail) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

describe('the API over HTTP', () => {
  it('sends gzip or identity as the client accepts, the same JSON each time (no brotli copies: see compress.ts)', async () => {
    const path = '/api/v1/snapshot.json';
    const plain = await raw(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = await raw(path, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/^application\/json/);
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    // A browser's usual header: brotli preferred, but the site has gzip copies only.
    const browser = await raw(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(browser.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    const html = await raw('/index.html', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(html.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(html.body).toString('utf8')).toMatch(/^<!doctype html>/);
  });

  it('allows any origin on the API and answers its preflight; pages get no CORS header', async () => {
    const get = await raw('/api/v1/quests.json', { headers: { Origin: 'https://dashboards.example' } });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe('*');
    const pre = await raw('/api/v1/quests.json', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://dashboards.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(pre.headers['access-control-allow-headers']).toBe('if-none-match');
    expect(pre.body.length).toBe(0);
    const page = await raw('/index.html', { headers: { Origin: 'https://dashboards.example' } });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves a manifest listing every API file with the hash and size of the bytes served', async () => {
    const manifest = JSON.parse((await raw('/api/v1/index.json')).body.toString('utf8'));
    expect(manifest.snapshot_date).toBe('2026-11-21');
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([...paths].sort());
    for (const p of ['snapshot.json', 'quests.json', 'quests/FET0001.json', 'quests/FET0001/history.json']) {
      expect(paths).toContain(p);
    }
    expect(paths).not.toContain('index.json');
    for (const f of manifest.files as { path: string; sha256: string; bytes: number }[]) {
      const body = (await raw(`/api/v1/${f.path}`)).body;
      expect(body.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(body).digest('hex'), f.path).toBe(f.sha256);
    }
  });
});
