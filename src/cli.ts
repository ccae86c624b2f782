#!/usr/bin/env node
// The CLI only maps arguments to library commands and prints; all behaviour lives in the library.
import { Command, Option } from 'commander';
import { loadConfig } from './config.js';
import { DEFAULT_DB } from './db.js';
import type { Effects } from './effects.js';
import { UserError } from './errors.js';

const effects: Effects = {
  log: (line) => process.stdout.write(`${line}\n`),
  progress: (label, done, total) => {
    if (!process.stderr.isTTY) return;
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  },
};

function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

interface Globals {
  db?: string;
  config?: string;
}

const program = new Command('questlog')
  .description('Quest statistics from game logs, computed in DuckDB')
  .option('--db <path>', `database file (default: config "db" or ${DEFAULT_DB})`)
  .option('--config <file>', 'config file (default: ./questlog.config.json)')
  .showHelpAfterError();

/** Global options and config resolved once for every verb. */
function context() {
  const g = program.opts<Globals>();
  const config = loadConfig(process.cwd(), g.config);
  return { config, db: g.db ?? config.db ?? DEFAULT_DB };
}

// --- verbs (keep each block small: parse, call the library, done) ---

// @verbs

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`questlog: error: ${err.message}\n`);
      if (err.hint) process.stderr.write(`  hint: ${err.hint}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`questlog: internal error (a bug, please report it):\n${(err as Error)?.stack ?? err}\n`);
    process.exitCode = 70;
  }
}

void main();
