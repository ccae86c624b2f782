// Local preview of the published site: sirv (content types, path normalisation) behind node:http on loopback.
import { existsSync, realpathSync, statSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import sirv from 'sirv';
import type { Effects } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { publishMessages } from '../domain/messages.js';
import { oldOf } from './site-files.js';
import { siteFolder } from './site-folder.js';

export interface ServeOptions {
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface Serving {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The site is read-only: GET and HEAD (and OPTIONS, answered by cors()), anything else 405 with `Allow`. */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function methodAllowed(req: IncomingMessage, res: ServerResponse): boolean {
  if (ALLOWED_METHODS.has(req.method ?? '')) return true;
  res.statusCode = 405;
  res.setHeader('Allow', [...ALLOWED_METHODS].join(', '));
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('method not allowed\n');
  return false;
}

/**
 * Whether every file the request could resolve to (sirv tries the path, `.html` and `index.html`) really lies inside
 * the site: a symlink in the folder (to /etc/passwd, to the database) is never followed out of it.
 */
function insideSite(dir: string, url: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return false;
  }
  if (path.includes('\0')) return false;
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return false;
  }
  const base = join(dir, normalize(path));
  // sirv also sends the .br/.gz copy of each candidate.
  const plain = [base, `${base}.html`, join(base, 'index.html')];
  for (const candidate of plain.flatMap((p) => [p, `${p}.br`, `${p}.gz`])) {
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    if (real !== root && !real.startsWith(root + sep)) return false;
  }
  return true;
}

/**
 * sirv reads Range as `bytes=A-B` and nothing else: `bytes=5-2` made its file stream throw and the server exit, `-5`
 * (the last 5 bytes) sent the first 6, `0-0` the whole file as a part. A server may always ignore Range and send the
 * whole file, so only a single range it answers correctly is passed on (never under If-Range, which sirv ignores).
 * Accept-Encoding keeps only the codings whose q is not 0 (sirv sends gzip to `gzip;q=0`, which refuses it).
 */
function saneHeaders(req: IncomingMessage): void {
  const range = req.headers.range;
  if (range !== undefined) {
    const m = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
    const start = Number(m?.[1]);
    const end = m?.[2] ? Number(m[2]) : undefined;
    const answerable =
      m !== null &&
      Number.isSafeInteger(start) &&
      (end === undefined || (Number.isSafeInteger(end) && end > 0 && end >= start));
    if (!answerable || req.headers['if-range'] !== undefined) delete req.headers.range;
  }
  const accept = req.headers['accept-encoding'];
  if (typeof accept === 'string') {
    req.headers['accept-encoding'] = accept
      .split(',')
      .filter((part) => !/;\s*q=0(?:\.0*)?\s*$/i.test(part))
      .map((part) => part.split(';')[0]?.trim())
      .join(', ');
  }
}

/**
 * sirv answers 304 only when If-None-Match is exactly the one ETag it would send, so a list (`"a", W/"b"`), the same
 * tag without `W/`, or `*` got the whole file again. RFC 9110 §13.1.2: 304 when any listed tag matches the selected
 * representation's under weak comparison (the opaque tags are equal, `W/` or not), and for `*` when there is one. Which
 * file sirv picks (the .gz copy or the plain one) and its tag are known only when it writes the head, so the check is
 * made there, before any Range (RFC 9110 §13.2.2). Node sends no body after a 304 head.
 */
/**
 * RFC 9110 §15.4.5: a 304 carries those of Cache-Control, Content-Location, Date, ETag, Expires and Vary that the 200
 * would have sent, so a cache that refreshes its copy from the 304 keeps the same rules (a copy without no-cache
 * would be reused without asking again). Date, and the Vary and CORS headers set before the head, node sends itself;
 * sirv puts the others in the head's own headers. The representation's other headers (Content-Type, Content-Length,
 * Last-Modified) are left out: they describe a body the 304 does not have.
 */
const KEPT_ON_304 = ['Cache-Control', 'Content-Location', 'ETag', 'Expires', 'Vary'];

function pick(headers: OutgoingHttpHeaders, names: string[]): OutgoingHttpHeaders {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => wanted.has(name.toLowerCase())));
}

function notModified(req: IncomingMessage, res: ServerResponse): void {
  const header = req.headers['if-none-match'];
  if (header === undefined) return;
  delete req.headers['if-none-match'];
  const any = header.trim() === '*';
  const listed: string[] = header.match(/"[^"]*"/g) ?? [];
  const writeHead = res.writeHead.bind(res) as (code: number, headers?: OutgoingHttpHeaders) => ServerResponse;
  res.writeHead = ((code: number, headers?: OutgoingHttpHeaders) => {
    const etag = headers?.ETag;
    const opaque = typeof etag === 'string' ? etag.replace(/^W\//, '') : undefined;
    if ((code === 200 || code === 206) && (any || (opaque !== undefined && listed.includes(opaque)))) {
      return writeHead(304, pick(headers ?? {}, KEPT_ON_304));
    }
    return writeHead(code, headers);
  }) as ServerResponse['writeHead'];
}

/**
 * The JSON API may be read from any origin (it is public, read-only data): `Access-Control-Allow-Origin: *` on
 * api/, and a preflight OPTIONS is answered there with the methods allowed. Returns true when the request is answered.
 */
function cors(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const api = path.startsWith('/api/');
  if (api) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, Content-Length, Content-Encoding');
  }
  if (req.method !== 'OPTIONS') return false;
  res.statusCode = 204;
  res.setHeader('Allow', 'GET, HEAD, OPTIONS');
  if (api) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
    res.setHeader('Access-Control-Max-Age', '86400');
  }
  res.end();
  return true;
}

export async function serve(opts: ServeOptions, effects: Effects): Promise<Serving> {
  const dir = siteFolder(opts.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(publishMessages.dirMissing(dir), { cli: ['publishFirst'] });
  }
  // Between the two renames of a publish's swap (and after a kill there, until the next publish) the site is in
  // `.old` alone: it is served from there rather than answered 404 (site-files.ts `swap`).
  const previous = oldOf(dir);
  // dev mode reads the disk per request: a publish swaps the folder underneath, and a file list cached at start
  // would keep serving the old site. It also sends `Cache-Control: no-cache` (with the ETag) on every file, which is
  // right for this site: no file name carries a hash of its content (assets, pages and API files keep their names
  // from one publish to the next), so a cache must ask each time, and gets a 304 when nothing changed.
  // gzip/brotli: the publish writes .gz and .br copies beside each text file; sirv sends one when the client accepts it
  // (brotli first), with Content-Encoding and Vary: Accept-Encoding.
  const options = { dev: true, dotfiles: false, etag: true, extensions: ['html'], gzip: true, brotli: true };
  const files = sirv(dir, options);
  const previousFiles = sirv(previous, options);
  const notFound = (res: ServerResponse) => {
    res.statusCode = 404;
    // A 404 may be cached by heuristics (RFC 9110 §15.1); the file may come with the next publish.
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('not found\n');
  };
  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // OPTIONS (CORS preflight) is answered by cors(); every other method but GET and HEAD is 405.
    if (cors(req, res)) return;
    if (!methodAllowed(req, res)) return;
    const url = req.url ?? '/';
    const swapping = () => !existsSync(dir) && insideSite(previous, url);
    if (!insideSite(dir, url) && !swapping()) return notFound(res);
    saneHeaders(req);
    notModified(req, res);
    // The folder may go between the check above and sirv's look: sirv then finds nothing, and `.old` is asked.
    const fromPrevious = () => (swapping() ? previousFiles(req, res, () => notFound(res)) : notFound(res));
    try {
      if (existsSync(dir)) files(req, res, fromPrevious);
      else fromPrevious();
    } catch {
      // One request's failure (a file gone mid-publish, a header sirv trips on) must not stop the server.
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(
        err.code === 'EADDRINUSE' ? new UserError(publishMessages.portInUse(opts.port), { cli: ['otherPort'] }) : err,
      ),
    );
    server.listen(opts.port ?? 8080, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}/`;
  effects.log(publishMessages.serving(dir, url));
  return {
    url,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
