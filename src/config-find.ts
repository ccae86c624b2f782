// Where a project's `questlog.config.json` is: one rule for every command and for a notebook's `open()`, as git finds
// its repository, so a command run from a subfolder (`scratch/`, `notebooks/`) uses the project's database and paths.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CONFIG_FILE } from './defaults.js';

/** The config file in `from` or the nearest folder above it, or undefined when there is none up to the root. */
export function findConfigFile(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = resolve(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}
