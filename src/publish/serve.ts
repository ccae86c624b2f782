// Local preview of the published site: sirv (content types, path normalisation) behind node:http on loopback.
import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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

export async function serve(opts: ServeOptions, effects: Effects): Promise<Serving> {
  const dir = resolve(opts.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(publishMessages.dirMissing(dir), { cli: ['publishFirst'] });
  }
  // dev mode reads the disk per request: a publish swaps the folder underneath, and a file list cached at start
  // would keep serving the old site.
  const files = sirv(dir, { dev: true, dotfiles: false, etag: true, extensions: ['html'] });
  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
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
