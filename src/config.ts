import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorMessage, UserError } from './errors.js';

/** A named source of logs: a built-in format or preset, or a mapping of a team's own export (see README). */
export interface SourceConfig {
  /** 'seed' | 'events' | 'gameanalytics' | 'mapped' */
  format?: string;
  /** A shipped mapping, e.g. 'waves' (OpenGameData Wave Combinator). */
  preset?: string;
  /** Files or globs, relative to the config file. */
  paths?: string[];
  /** false: `questlog nightly` leaves this source alone (ingest it by hand with --source). */
  nightly?: boolean;
  [key: string]: unknown;
}

export interface Config {
  /** Folder the config was read from; relative paths in it resolve against this. */
  root: string;
  db?: string;
  /** IANA zone that defines a snapshot day's end (default UTC). */
  timezone?: string;
  catalogue?: string;
  roster?: string;
  sources: Record<string, SourceConfig>;
  reports?: { out?: string; title?: string; [key: string]: unknown };
  notebooks?: { [key: string]: unknown };
  [key: string]: unknown;
}

export const CONFIG_FILE = 'questlog.config.json';

/** Reads `questlog.config.json` from `dir` (default cwd); a missing file is an empty config, a broken one an error. */
export function loadConfig(dir: string = process.cwd(), file?: string): Config {
  const path = resolve(dir, file ?? CONFIG_FILE);
  if (!existsSync(path)) {
    if (file) throw new UserError(`config file ${path} does not exist`);
    return { root: dir, sources: {} };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`${path}: not valid JSON: ${errorMessage(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserError(`${path}: expected a JSON object`);
  }
  const obj = raw as Record<string, unknown>;
  const sources = (obj.sources ?? {}) as Record<string, SourceConfig>;
  return { ...obj, root: dirname(path), sources };
}

/** Resolves a path from the config against the config's folder. */
export function configPath(config: Config, p: string): string {
  return resolve(config.root, p);
}
