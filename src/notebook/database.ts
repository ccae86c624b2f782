// Which database file a notebook opens when it names none: the project's, found from the notebook's folder.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, resolveDb } from '../config.js';
import { UserError } from '../domain/errors.js';
import { dbMessages } from '../domain/messages.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import { readCopyPath } from '../engine/readcopy.js';

function findConfigDir(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'questlog.config.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Which file `open()` reads: $QUESTLOG_DB (set by `questlog notebook run --db`), else the "db" of the nearest
 * questlog.config.json above the notebook's folder, else data/questlog.duckdb; its published read copy when there is one.
 */
export function defaultDatabase(cwd: string = process.cwd()): string {
  const root = findConfigDir(cwd);
  const config = root ? loadConfig(root) : { root: cwd, sources: {} };
  // The config's db is already resolved against its folder; the fallback is relative to that folder too.
  const db = resolve(config.root, resolveDb(config));
  const copy = readCopyPath(db);
  if (existsSync(copy)) return copy;
  if (existsSync(db)) return db;
  throw new UserError(msg.noDatabase(db, copy), { hint: dbMessages.createHint });
}
