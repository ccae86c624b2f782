// `questlog serve` with the Range and Accept-Encoding headers a client may send: a child process on a free loopback
// port, over real HTTP. sirv answered only `bytes=A-B` correctly: `bytes=5-2` ended the server, `bytes=-5` sent the
// first 6 bytes, `bytes=0-0` the whole file as a part, and `gzip;q=0` still got gzip.
// If-None-Match: sirv answered 304 only to the exact tag it sends; a list, the tag without W/, and `*` got 200.
// A 304 carried the ETag alone: no Cache-Control, so a cache refreshed from it lost `no-cache`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { type Child, startCli } from './publish-helpers.js';

const BODY = 'abcdefghijklmnopqrstuvwxyz\n';
let server: Child;
let base: URL;

beforeAll(async () => {
  const site = join(tempDir(), 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'page.html'), BODY);
  writeFileSync(join(site, 'page.html.gz'), gzipSync(BODY));
  mkdirSync(join(site, 'api'));
  writeFileSync(join(site, 'api', 'a.json'), '{"a":1}\n');
  server = startCli(['serve', '--port', '0', '--dir', site], { cwd: site });
  base = new URL((await server.waitFor(/ at (http:\/\/127\.0\.0\.1:\d+\/)/))[1] as string);
});

afterAll(async () => {
  server?.proc.kill('SIGTERM');
  await server?.exited;
});

interface Reply {
  status: number;
  range: string | undefined;
  encoding: string | undefined;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add and decode encodings itself). */
function send(path: string, headers: Record<string, string>): Promise<IncomingMessage & { body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request({ host: base.hostname, port: base.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => ok(Object.assign(res, { body: Buffer.concat(chunks) })));
    });
    req.on('error', fail);
    req.end();
  });
}

/** A GET of /page.html with exactly these headers. */
async function get(headers: Record<string, string>): Promise<Reply> {
  const res = await send('/page.html', headers);
  return {
    status: res.statusCode ?? 0,
    range: res.headers['content-range'],
    encoding: res.headers['content-encoding'],
    body: res.body,
  };
}

describe('serve: Range', () => {
  it('answers a single range it can serve with exactly those bytes', async () => {
    expect(await get({ Range: 'bytes=2-4' })).toEqual({
      status: 206,
      range: `bytes 2-4/${BODY.length}`,
      encoding: undefined,
      body: Buffer.from('cde'),
    });
    expect(await get({ Range: 'bytes=24-' })).toMatchObject({ status: 206, body: Buffer.from('yz\n') });
    expect(await get({ Range: `bytes=${BODY.length}-` })).toMatchObject({ status: 416 });
  });

  it.each([
    ['bytes=5-2', 'last before first'],
    ['bytes=-5', 'a suffix range (the last 5 bytes)'],
    ['bytes=0-0', 'the first byte alone'],
    ['bytes=0-1,5-6', 'two ranges'],
    ['items=0-1', 'another unit'],
    ['bytes=x-y', 'no numbers'],
  ])('ignores %s (%s) and sends the whole file, and keeps serving', async (range) => {
    expect(await get({ Range: range })).toEqual({
      status: 200,
      range: undefined,
      encoding: undefined,
      body: Buffer.from(BODY),
    });
    expect((await get({})).status).toBe(200);
  });

  it('ignores Range under If-Range (the whole file is always right)', async () => {
    expect(await get({ Range: 'bytes=2-4', 'If-Range': '"other"' })).toMatchObject({
      status: 200,
      body: Buffer.from(BODY),
    });
  });
});

describe('serve: Accept-Encoding', () => {
  it('sends the gzip copy only to a client that accepts gzip', async () => {
    expect(await get({ 'Accept-Encoding': 'gzip' })).toMatchObject({ status: 200, encoding: 'gzip' });
    expect(await get({ 'Accept-Encoding': 'gzip;q=0.5' })).toMatchObject({ encoding: 'gzip' });
    expect(await get({ 'Accept-Encoding': 'gzip;q=0' })).toEqual({
      status: 200,
      range: undefined,
      encoding: undefined,
      body: Buffer.from(BODY),
    });
    expect(await get({ 'Accept-Encoding': 'br, gzip ; q=0.000' })).toMatchObject({ encoding: undefined });
  });
});

describe('serve: If-None-Match', () => {
  /** Status, ETag and body of a GET of `path` with If-None-Match (and any other headers). */
  const conditional = async (tags: string, headers: Record<string, string> = {}, path = '/page.html') => {
    const res = await send(path, { 'If-None-Match': tags, ...headers });
    return { status: res.statusCode, etag: res.headers.etag, body: res.body.toString() };
  };

  it('answers 304 when any listed tag matches under weak comparison, or to * when the file exists', async () => {
    const plain = await send('/page.html', {});
    const etag = plain.headers.etag ?? '';
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    const opaque = etag.slice(2);
    const notModified = { status: 304, etag, body: '' };
    expect(await conditional(etag)).toEqual(notModified);
    expect(await conditional(`"other", ${etag}`)).toEqual(notModified);
    expect(await conditional(`W/"a,b", ${opaque}, "c"`)).toEqual(notModified);
    expect(await conditional(opaque)).toEqual(notModified);
    expect(await conditional('*')).toEqual(notModified);
    // A matching tag wins over Range: the client has the file.
    expect(await conditional(etag, { Range: 'bytes=2-4' })).toEqual(notModified);
  });

  it('sends the file when no listed tag is the selected representation’s, and 404 for * on a missing file', async () => {
    const etag = (await send('/page.html', {})).headers.etag ?? '';
    expect(await conditional('"other", W/"more"')).toEqual({ status: 200, etag, body: BODY });
    expect(await conditional('')).toEqual({ status: 200, etag, body: BODY });
    // The gzip copy is another representation with its own tag: the plain file's tag does not match it.
    const gz = await send('/page.html', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.etag).not.toBe(etag);
    expect((await send('/page.html', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag })).statusCode).toBe(200);
    expect(
      (await send('/page.html', { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag ?? '' })).statusCode,
    ).toBe(304);
    expect((await conditional('*', {}, '/missing.html')).status).toBe(404);
  });
});

describe('serve: caching headers', () => {
  const CACHE = ['cache-control', 'vary', 'etag', 'expires', 'content-location'];
  /** The headers of a response among those a 304 must repeat, and the body headers it must not send. */
  const heads = (res: IncomingMessage) => ({
    ...Object.fromEntries(CACHE.map((h) => [h, res.headers[h]])),
    type: res.headers['content-type'],
    cors: res.headers['access-control-allow-origin'],
  });

  it.each([
    ['/page.html', {}],
    ['/page.html', { 'Accept-Encoding': 'gzip' }],
    ['/api/a.json', { 'Accept-Encoding': 'gzip' }],
  ])('answers a revalidation of %s %j with the 200’s Cache-Control, Vary and ETag', async (path, headers) => {
    const full = await send(path, headers);
    expect(full.statusCode).toBe(200);
    // No name carries a hash of its content, so every file is revalidated each time.
    expect(full.headers['cache-control']).toBe('no-cache');
    expect(full.headers.vary).toBe('Accept-Encoding');
    const again = await send(path, { ...headers, 'If-None-Match': full.headers.etag ?? '' });
    expect(again.statusCode).toBe(304);
    expect(heads(again)).toEqual({ ...heads(full), type: undefined });
  });

  it('asks caches to revalidate a 404 too: the file may come with the next publish', async () => {
    const res = await send('/later.html', {});
    expect([res.statusCode, res.headers['cache-control']]).toEqual([404, 'no-cache']);
  });
});
