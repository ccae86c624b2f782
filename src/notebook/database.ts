// Which database file a notebook opens when it names none: the project's, found from the notebook's folder.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, resolveDb } from '../config.js';
import { UserError } from '../domain/errors.js';
import { dbMessages } from '../domain/messages.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import { readCopyPath } from '../engine/readcopy.js';

/**
 * Which file `open()` reads: $QUESTLOG_DB (set by `questlog notebook run`), else the "db" of the nearest
 * questlog.config.json from the notebook's folder up, else data/questlog.duckdb beside it; its read copy when there is one.
 */
export function defaultDatabase(cwd: string = process.cwd()): string {
  // The same search as every command's (src/config-find.ts), from the notebook's folder. resolveDb's paths are
  // absolute or relative to this process's folder ($QUESTLOG_DB, or one shortened for display), so resolve() from here.
  const db = resolve(resolveDb(loadConfig(cwd)));
  const copy = readCopyPath(db);
  if (existsSync(copy)) return copy;
  if (existsSync(db)) return db;
  throw new UserError(msg.noDatabase(db, copy), { hint: dbMessages.createHint });
}
