#!/usr/bin/env node
// The CLI only maps arguments to library commands and prints; all behaviour lives in the library.
import { Command, Option } from 'commander';
import { configPath, loadConfig } from './config.js';
import { DEFAULT_DB } from './db.js';
import type { Effects } from './effects.js';
import { UserError } from './errors.js';
import { parseParams, runNotebook, setupNotebooks } from './notebook-run.js';

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

const notebook = program.command('notebook').description('run notebooks headless; set up the tslab kernel');

notebook
  .command('run <notebook>')
  .description('execute a notebook on the tslab kernel with parameters; write the executed .ipynb and HTML')
  .option('-p, --param <key=value>', 'set a parameter (repeatable)', (v: string, all: string[]) => [...all, v], [])
  .option('--out <dir>', 'output folder (default: config notebooks.out or reports/notebooks)')
  .option('--name <name>', 'output file name without extension (default: the notebook name)')
  .option('--hide-code', 'leave the code out of the HTML')
  .option('--timeout <seconds>', 'per-cell timeout', Number)
  .addHelpText('after', example('questlog notebook run notebooks/quest.ipynb --param quest_id=FET0003 --out /tmp/nb'))
  .action(
    async (file: string, o: { param: string[]; out?: string; name?: string; hideCode?: boolean; timeout?: number }) => {
      const { config, db } = context();
      const nb = (config.notebooks ?? {}) as { out?: string; python?: string; kernel?: string };
      await runNotebook(
        {
          notebook: file,
          params: parseParams(o.param),
          out: o.out ?? (nb.out ? configPath(config, nb.out) : 'reports/notebooks'),
          name: o.name,
          db,
          python: nb.python,
          kernel: nb.kernel,
          hideCode: o.hideCode,
          timeoutSeconds: o.timeout,
        },
        effects,
      );
    },
  );

notebook
  .command('setup')
  .description('register the tslab kernel with Jupyter (python: $QUESTLOG_PYTHON or /usr/bin/python3)')
  .option('--python <path>', 'the Python whose Jupyter gets the kernel')
  .addHelpText('after', example('questlog notebook setup', 'npm run setup:notebooks'))
  .action(async (o: { python?: string }) => {
    await setupNotebooks({ python: o.python }, effects);
  });

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
