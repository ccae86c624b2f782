// `questlog changes`: its flags mapped to the job (apart from cli.ts, which is at the size limit).
import { type Command, Option } from 'commander';
import { example } from './cli-support.js';
import type { Config } from './config.js';
import type { Effects } from './domain/effects.js';

export function changesVerb(
  program: Command,
  context: (format?: 'table' | 'json') => { config: Config; db: string; effects: Effects },
): void {
  program
    .command('changes')
    .description('what changed: a stored snapshot against the previous one (significant changes only), and alerts')
    .option('--as-of <date>', 'snapshot date YYYY-MM-DD (default: the latest stored)')
    .option('--since <date>', 'compare with this stored snapshot (default: the one before)')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'markdown', 'json']).default('text'))
    .option(
      '--by <dimension>',
      "also compare each quest's values of build, platform, cohort or an extra dimension (conversion)",
    )
    .addHelpText(
      'after',
      example(
        'questlog changes',
        'questlog changes --since 2026-11-20 --format markdown',
        'questlog changes --by platform',
      ),
    )
    .action(async (o: { asOf?: string; since?: string; format: string; by?: string }) => {
      // JSON on stdout alone: step lines go to stderr then.
      const { config, db, effects } = context(o.format === 'json' ? 'json' : 'table');
      const { changesCommand } = await import('./jobs/changes.js');
      await changesCommand({ db, config, asOf: o.asOf, since: o.since, format: o.format, by: o.by }, effects);
    });
}
