// Local preview of the published site: sirv (content types, path normalisation) behind node:http on loopback.
import { existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import sirv from 'sirv';
import type { Effects } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { publishMessages } from '../domain/messages.js';

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
  const dir = resolve(opts.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(publishMessages.dirMissing(dir), { cli: ['publishFirst'] });
  }
  // dev mode reads the disk per request: a publish swaps the folder underneath, and a file list cached at start
  // would keep serving the old site.
  // gzip/brotli: the publish writes .gz and .br copies beside each text file; sirv sends one when the client accepts it
  // (brotli first), with Content-Encoding and Vary: Accept-Encoding.
  const files = sirv(dir, { dev: true, dotfiles: false, etag: true, extensions: ['html'], gzip: true, brotli: true });
  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (cors(req, res)) return;
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('not found\n');
    });
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
