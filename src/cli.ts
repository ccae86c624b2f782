#!/usr/bin/env node
// The CLI only maps arguments to library commands and prints; all behaviour lives in the library.
import { Command, Option } from 'commander';
import { loadConfig, notebookSettings } from './config.js';
import { generateDemoData } from './demo/generate.js';
import type { DemoFormat } from './demo/options.js';
import type { Effects } from './domain/effects.js';
import { UserError } from './domain/errors.js';
import { cliHintText, EXIT, cliMessages as msg } from './domain/messages.js';
import { DEFAULT_DB } from './engine/db.js';
import { demoJob, SAMPLE_DIR } from './jobs/demo.js';
import { formatSnapshot, STATS_FORMATS } from './jobs/format.js';
import { catalogueCommand, ingestCommand, rejectsCommand } from './jobs/ingest.js';
import { nightly } from './jobs/nightly.js';
import { publishCommand } from './jobs/publish.js';
import { resolveOut } from './jobs/run.js';
import { parseMinPlayers } from './jobs/segments-format.js';
import { type StatsCommandOptions, statsCommand } from './jobs/stats.js';
import { statusCommand } from './jobs/status.js';
import { parseParams } from './notebook/params.js';
import { runNotebook, setupNotebooks } from './notebook/run.js';
import { serve } from './publish/serve.js';

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

program
  .command('ingest')
  .description('load log files (files, folders or globs) into the database; unchanged files are skipped')
  .argument('[paths...]', 'files, folders or globs (default: the --source paths from the config)')
  .option('--source <name>', 'a source from questlog.config.json (format, preset or mapping, default paths)')
  .addOption(
    new Option('--format <format>', 'force the format of every file').choices(['seed', 'events', 'gameanalytics']),
  )
  .option('--player <rule>', 'seed logs: player id from the path: parent | stem | /regex/ (first group)', 'parent')
  .addHelpText(
    'after',
    example(
      'questlog ingest data/sample/logs',
      "questlog ingest --format events 'exports/*.ndjson.gz'",
      'questlog ingest --source waves',
    ),
  )
  .action(async (paths: string[], o: { source?: string; format?: string; player: string }) => {
    const { config, db } = context();
    await ingestCommand({ db, config, paths, source: o.source, format: o.format, player: o.player }, effects);
  });

program
  .command('rejects')
  .description('list quarantined lines: file, line, reason and the raw text')
  .option('--file <path>', 'only this file')
  .option('--limit <n>', 'at most this many', '100')
  .addHelpText(
    'after',
    example('questlog rejects', 'questlog rejects --file data/sample/logs/p001/2026-11-28T20-15-00.csv'),
  )
  .action(async (o: { file?: string; limit: string }) => {
    const limit = Number(o.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UserError(msg.badLimit(o.limit));
    const { db } = context();
    await rejectsCommand({ db, file: o.file, limit }, effects);
  });

program
  .command('publish')
  .description('write the static site (HTML report + JSON API) for the latest or a given snapshot')
  .option('--out <dir>', 'output folder, replaced as a whole (default: config reports.out or reports)')
  .option('--as-of <date>', 'snapshot date YYYY-MM-DD (default: the latest stored)')
  .addHelpText('after', example('questlog publish', 'questlog publish --out public --as-of 2026-11-30'))
  .action(async (o: { out?: string; asOf?: string }) => {
    const { config, db } = context();
    await publishCommand({ db, config, out: o.out, asOf: o.asOf, pauseAt: testPause() }, effects);
  });

program
  .command('nightly')
  .description('the cron job: ingest every configured source -> snapshot for today -> publish (locked)')
  .option('--as-of <date>', 'snapshot date YYYY-MM-DD (default: today in the configured time zone)')
  .option('--out <dir>', 'output folder (default: config reports.out or reports)')
  .addHelpText('after', example('questlog nightly', '15 3 * * *  cd /srv/questlog && npx questlog nightly'))
  .action(async (o: { asOf?: string; out?: string }) => {
    const { config, db } = context();
    await nightly({ db, config, asOf: o.asOf, out: o.out, pauseAt: testPause() }, effects);
  });

program
  .command('serve')
  .description('preview the published site over HTTP on loopback')
  .option('--port <n>', 'port; 0 picks a free one', '8080')
  .option('--dir <dir>', 'site folder (default: config reports.out or reports)')
  .addHelpText('after', example('questlog serve', 'questlog serve --port 0 --dir public'))
  .action(async (o: { port: string; dir?: string }) => {
    const port = Number(o.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(msg.badPort(o.port));
    const serving = await serve({ dir: resolveOut(context().config, o.dir), port }, effects);
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void serving.close());
  });

/** Crash-safety tests stop a publish mid-way: QUESTLOG_TEST_PAUSE=<files written>|swap. */
function testPause(): number | 'swap' | undefined {
  const v = process.env.QUESTLOG_TEST_PAUSE;
  if (!v) return undefined;
  return v === 'swap' ? 'swap' : Number(v);
}

program
  .command('demo')
  .description('the main job on the sample (what `npm start` runs): ingest -> stats --backfill -> publish -> table')
  .addHelpText('after', example('questlog demo', 'npm start'))
  .action(async () => {
    const { config, db } = context();
    await demoJob({ db, config }, effects);
  });

interface DemoDataFlags {
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

program
  .command('demo-data')
  .description('write deterministic synthetic logs (no options: exactly the committed data/sample)')
  .option('--out <dir>', 'output folder', SAMPLE_DIR)
  .option('--seed <n>', 'random seed (same seed, same bytes)', Number)
  .option('--players <n>', 'players (default 200)', Number)
  .option('--events <n>', 'about this many events (sets --players)', Number)
  .option('--quests <n>', 'catalogue quests in the storyline (default 20)', Number)
  .option('--mean-quests <n>', 'mean quests a player meets (default 8)', Number)
  .option('--min-events <n>', 'events per player-quest, at least (default 1)', Number)
  .option('--max-events <n>', 'events per player-quest, at most (default 2)', Number)
  .option('--start <date>', 'first day YYYY-MM-DD (default 2026-11-09)')
  .option('--days <n>', 'days covered (default 14)', Number)
  .option('--format <list>', 'comma list of seed, ndjson, csv, parquet (default seed)')
  .option('--shards <n>', 'events files per format (default 1)', Number)
  .option('--gzip', 'gzip NDJSON and CSV events files')
  .option('--split-last-day', 'write the last day apart from the history (incremental runs)')
  .addHelpText(
    'after',
    example(
      'questlog demo-data',
      'questlog demo-data --out bench/data/1m --events 1000000 --quests 1000 --mean-quests 16 \\\n' +
        '      --min-events 5 --max-events 20 --format ndjson,csv,parquet --shards 4 --gzip',
    ),
  )
  .action(async (o: DemoDataFlags) => {
    const { format, ...rest } = o;
    const formats = format?.split(',').map((f) => f.trim() as DemoFormat);
    await generateDemoData({ ...rest, formats }, effects);
  });

program
  .command('stats')
  .description('refresh quest state and compute the snapshot (default: the last day with events), then print it')
  .option('--as-of <date>', 'snapshot date YYYY-MM-DD (events up to the end of that day)')
  .option('--backfill', 'one snapshot per day from the first event date (to --as-of or the last event date)')
  .option('--timezone <zone>', 'IANA zone whose midnight ends a day (default: config "timezone" or UTC)')
  .addOption(
    new Option('--format <format>', 'table (default), or json / csv on stdout with the step lines on stderr').choices(
      STATS_FORMATS,
    ),
  )
  .option('--by <dimension>', 'also each quest per value of build, platform or cohort (json / csv: one row each)')
  .option('--min-players <k>', 'with --by: hide rows about 1 to k-1 players, as published output does', parseMinPlayers)
  .addHelpText('after', example('questlog stats --backfill', 'questlog stats --by platform --format csv > p.csv'))
  .action(async (o: StatsFlags) => {
    const { config, db } = context();
    const { asOf, backfill, timezone, by, minPlayers, format = 'table' } = o;
    const fx = format === 'table' ? effects : { ...effects, log: (l: string) => process.stderr.write(`${l}\n`) };
    const write = (text: string) => process.stdout.write(text);
    const opts = { db, config, asOf, backfill, timezone, format, by, minPlayers, write };
    const { snapshot } = await statsCommand(opts, fx);
    // With --by the rows were written by the command; without, the snapshot in its own shape.
    if (format !== 'table' && snapshot && by === undefined) process.stdout.write(formatSnapshot(snapshot, format));
  });

type StatsFlags = Pick<StatsCommandOptions, 'asOf' | 'backfill' | 'timezone' | 'format' | 'by' | 'minPlayers'>;

program
  .command('status')
  .description('what is loaded: files, events, rejects, players, quests, last snapshot, schema version')
  .option('--migrate', 'bring an older database to the current schema (opens it for writing)')
  .addHelpText('after', example('questlog status', 'questlog --db other.duckdb status --migrate'))
  .action(async (o: { migrate?: boolean }) => {
    await statusCommand({ db: context().db, migrate: o.migrate }, effects);
  });

program
  .command('catalogue <file>')
  .description('replace the quest catalogue (CSV with a header or JSON: id, name, chain|zone, order)')
  .addHelpText('after', example('questlog catalogue data/sample/catalogue.csv'))
  .action(async (file: string) => {
    await catalogueCommand({ db: context().db, file }, effects);
  });

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
      const nb = notebookSettings(config);
      await runNotebook(
        {
          notebook: file,
          params: parseParams(o.param),
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
    await setupNotebooks({ python: o.python }, effects);
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(msg.error(err.message));
      const hint = err.hint ?? (err.cli ? cliHintText(err.cli) : undefined);
      if (hint) process.stderr.write(msg.hint(hint));
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(msg.internal(String((err as Error)?.stack ?? err)));
    process.exitCode = EXIT.internal;
  }
}

void main();
