// `questlog notebook run|setup`: their flags mapped to the notebook runner (apart from cli.ts, which is at its size limit).
import type { Command } from 'commander';
import { example } from './cli-support.js';
import { type Config, chosenDb, notebookSettings } from './config.js';
import type { Effects } from './domain/effects.js';
import { UserError } from './domain/errors.js';
import { notebookMessages as msg } from './domain/notebook-messages.js';
import { parseParams } from './notebook/params.js';
import { runNotebook, setupNotebooks } from './notebook/run.js';

/** `--timeout`: NaN (from `abc`) reached Jupyter as null, which is no timeout at all; 0 and below were taken too. */
function seconds(raw: string): number {
  const n = Number(raw);
  if (!(Number.isFinite(n) && n > 0)) throw new UserError(msg.badTimeout(raw));
  return n;
}

export function notebookVerbs(program: Command, context: () => { config: Config; db: string; effects: Effects }): void {
  const notebook = program.command('notebook').description('run notebooks headless; set up the tslab kernel');

  notebook
    .command('run <notebook>')
    .description('execute a notebook on the tslab kernel with parameters; write the executed .ipynb and HTML')
    // No default value: commander would print it in the help as "(default: [])".
    .option('-p, --param <key=value>', 'set a parameter (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--out <dir>', 'output folder (default: config notebooks.out or reports/notebooks)')
    .option('--name <name>', 'output file name without extension (default: the notebook name and its parameters)')
    .option('--hide-code', 'leave the code out of the HTML')
    .option('--timeout <seconds>', 'per-cell timeout in seconds (default 300)', seconds)
    .addHelpText('after', example('questlog notebook run notebooks/quest.ipynb --param quest_id=KIL0002 --out /tmp/nb'))
    .action(
      async (
        file: string,
        o: { param?: string[]; out?: string; name?: string; hideCode?: boolean; timeout?: number },
      ) => {
        const { config, effects } = context();
        // Only a database the user or a config chose: else the notebook's open() finds its own project (README).
        const db = chosenDb(config, program.opts<{ db?: string }>().db);
        const nb = notebookSettings(config);
        await runNotebook(
          {
            notebook: file,
            params: parseParams(o.param ?? []),
            out: o.out ?? nb.out ?? 'reports/notebooks',
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
      await setupNotebooks({ python: o.python }, context().effects);
    });
}
