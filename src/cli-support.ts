// The CLI's small shared pieces: help examples, option parsing, and the one place an error becomes an exit code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, CommanderError, Option } from 'commander';
import { systemProblem, UserError } from './domain/errors.js';
import { cliHintText, cliMessages, EXIT } from './domain/messages.js';
import { printable } from './domain/terminal.js';
import { OUTPUT_FORMATS } from './jobs/format.js';
import { packageRoot } from './root.js';

export function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** The flags of `questlog demo-data`, as commander parses them. */
export interface DemoDataFlags {
  out: string;
  seed?: number;
  players?: number;
  events?: number;
  quests?: number;
  meanQuests?: number;
  minEvents?: number;
  maxEvents?: number;
  start?: string;
  days?: number;
  format?: string;
  shards?: number;
  gzip?: boolean;
  splitLastDay?: boolean;
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The nightly's help: the crontab line as the README gives it, and what its exit codes mean to cron. */
export const NIGHTLY_HELP = `${example(
  'questlog nightly',
  '15 3 * * *  cd /srv/questlog && node dist/cli.js nightly >> logs/nightly.log 2>&1',
)}
Exit codes: 0 published, 5 published and an alert fired (digest.md beside the site), 4 published but the data is
stale (freshness.max_age_hours), 3 a file could not be loaded (nothing published), 75 another nightly (or a
publish to the same site) holds the lock, 2 usage or config error, 143 / 130 stopped by SIGTERM / SIGINT (cleaned
up), 1 other failure, 70 a bug.
`;

export const formatOption = () =>
  new Option('--format <format>', 'output: a table for people, json or csv for scripts')
    .choices(OUTPUT_FORMATS)
    .default('table');

export function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(cliMessages.badLimit(value));
  return n;
}

/** Crash-safety tests stop a publish mid-way: QUESTLOG_TEST_PAUSE=<files written>|swap. */
export function testPause(): number | 'swap' | undefined {
  const v = process.env.QUESTLOG_TEST_PAUSE;
  if (!v) return undefined;
  return v === 'swap' ? 'swap' : Number(v);
}

/** Parses and runs; maps every error to its documented exit code (README "Exit codes"). */
export async function runCli(program: Command): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    // A progress line may still be drawn: the error starts on a clean line.
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
    if (err instanceof CommanderError) {
      // Commander has printed the message (or the help, or the version); a usage error exits 2, as documented.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (err instanceof UserError) {
      process.stderr.write(printable(cliMessages.error(err.message)));
      // Its own wording first: a library hint may name a call where the CLI has a flag.
      const hint = err.cli ? cliHintText(err.cli) : err.hint;
      if (hint) process.stderr.write(printable(cliMessages.hint(hint)));
      process.exitCode = err.exitCode;
      return;
    }
    const problem = systemProblem(err);
    if (problem !== undefined) {
      process.stderr.write(printable(cliMessages.error(cliMessages.system(problem))));
      process.stderr.write(printable(cliMessages.hint(cliMessages.systemHint)));
      process.exitCode = EXIT.failed;
      return;
    }
    process.stderr.write(cliMessages.internal(String((err as Error)?.stack ?? err)));
    process.exitCode = EXIT.internal;
  }
}
