#!/usr/bin/env node
// The CLI only maps arguments to library commands and prints; all behaviour lives in the library.
import { Command, Option } from 'commander';
import { changesVerb } from './cli-changes.js';
import { notebookVerbs } from './cli-notebook.js';
import { cliOutput, guardPipe } from './cli-output.js';
import { closeOnStop, stoppable } from './cli-signals.js';
import {
  type DemoDataFlags,
  example,
  formatOption,
  NIGHTLY_HELP,
  packageVersion,
  positive,
  runCli,
  testPause,
} from './cli-support.js';
import { loadConfig, resolveDb } from './config.js';
import { DEFAULT_DB, SAMPLE_DIR } from './defaults.js';
import type { DemoFormat } from './demo/options.js';
import type { Effects } from './domain/effects.js';
import { UserError } from './domain/errors.js';
import { EXIT, cliMessages as msg } from './domain/messages.js';
import { segmentMessages } from './domain/segment-messages.js';
import type { OutputFormat } from './jobs/format.js';
import { parseMinPlayers } from './jobs/segments-format.js';
import type { StatsCommandOptions } from './jobs/stats.js';

// Each verb imports its job when it runs, so `--help`, a usage error or a verb that never publishes does not load
// DuckDB, the ingest and the publisher it does not use.
const jobs = {
  demo: () => import('./jobs/demo.js'),
  demoData: () => import('./demo/generate.js'),
  ingest: () => import('./jobs/ingest.js'),
  nightly: () => import('./jobs/nightly.js'),
  publish: () => import('./jobs/publish.js'),
  run: () => import('./jobs/run.js'),
  serve: () => import('./publish/serve.js'),
  snapshots: () => import('./jobs/snapshots.js'),
  stats: () => import('./jobs/stats.js'),
  status: () => import('./jobs/status.js'),
};

guardPipe(process.stdout);

interface Globals {
  db?: string;
  config?: string;
  verbose?: boolean;
}

const program = new Command('questlog')
  .description('Quest statistics from game logs, computed in DuckDB')
  .version(packageVersion(), '-V, --version', 'print the questlog version')
  .option('--db <path>', `database (default: $QUESTLOG_DB, else config "db", else ${DEFAULT_DB} beside the config)`)
  .option('--config <file>', 'config file (default: questlog.config.json here or in the nearest folder above)')
  .option('-v, --verbose', 'one line per file loaded or skipped (default: a summary line per step)')
  // Usage errors (unknown option or command, bad choice) throw instead of exiting 1, so main() exits 2.
  .exitOverride()
  .showHelpAfterError();

/** Global options, config and output for every verb (`format`: the result's); `stop`: SIGTERM stops it cleanly. */
function context(format: OutputFormat = 'table', stop = false) {
  const g = program.opts<Globals>();
  const config = loadConfig(process.cwd(), g.config);
  const output: Effects = cliOutput({ verbose: g.verbose, machine: format !== 'table' });
  return { config, db: resolveDb(config, g.db), effects: stop ? stoppable(output) : output };
}

// --- verbs (keep each block small: parse, call the library, done) ---

// @verbs

program
  .command('ingest')
  .description('load log files (files, folders or globs) into the database; unchanged files are skipped')
  .argument('[paths...]', 'files, folders or globs (default: the --source paths from the config)')
  .option(
    '--source <name>',
    'a source from questlog.config.json (format, preset or mapping, default paths); default: the only one, when there is one',
  )
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
    const { config, db, effects } = context('table', true);
    const { ingestCommand } = await jobs.ingest();
    await ingestCommand({ db, config, paths, source: o.source, format: o.format, player: o.player }, effects);
  });

program
  .command('rejects')
  .description('list quarantined lines: file, line, reason and the raw text')
  .option('--file <path>', 'only this file')
  .option('--limit <n>', 'at most this many', '100')
  .addOption(formatOption())
  .addHelpText(
    'after',
    example('questlog rejects', 'questlog rejects --file data/sample/logs/p0000/2026-11-20T19-17-47.csv --format csv'),
  )
  .action(async (o: { file?: string; limit: string; format: OutputFormat }) => {
    const limit = positive(o.limit);
    const { db, effects } = context(o.format);
    const { rejectsCommand } = await jobs.ingest();
    await rejectsCommand({ db, file: o.file, limit, format: o.format }, effects);
  });

program
  .command('publish')
  .description('write the static site (HTML report + JSON API) for the latest or a given snapshot')
  .option('--out <dir>', 'output folder, replaced as a whole (default: config reports.out or reports)')
  .option('--as-of <date>', 'snapshot date YYYY-MM-DD (default: the latest stored)')
  .addHelpText('after', example('questlog publish', 'questlog publish --out public --as-of 2026-11-30'))
  .action(async (o: { out?: string; asOf?: string }) => {
    const { config, db, effects } = context('table', true);
    const { publishCommand } = await jobs.publish();
    await publishCommand({ db, config, out: o.out, asOf: o.asOf, pauseAt: testPause() }, effects);
  });

program
  .command('nightly')
  .description('the cron job: ingest every configured source -> snapshot of the last complete day -> publish (locked)')
  .option('--as-of <date>', 'snapshot date YYYY-MM-DD (default: yesterday, the last complete day in the time zone)')
  .option('--out <dir>', 'output folder (default: config reports.out or reports)')
  .option('--force', 'allow an --as-of date after the last event date plus one day')
  .addHelpText('after', NIGHTLY_HELP)
  .action(async (o: { asOf?: string; out?: string; force?: boolean }) => {
    const { config, db, effects } = context('table', true);
    const { nightly } = await jobs.nightly();
    const summary = await nightly(
      { db, config, asOf: o.asOf, force: o.force, out: o.out, pauseAt: testPause() },
      effects,
    );
    // Published either way; alerts outrank staleness (README "Exit codes").
    if (summary.publish.alerts.length > 0) process.exitCode = EXIT.alert;
    else if (summary.stale) process.exitCode = EXIT.stale;
  });

changesVerb(program, context);

program
  .command('serve')
  .description('preview the published site over HTTP on loopback')
  .option('--port <n>', 'port; 0 picks a free one', '8080')
  .option('--dir <dir>', 'site folder (default: config reports.out or reports)')
  .addHelpText('after', example('questlog serve', 'questlog serve --port 0 --dir public'))
  .action(async (o: { port: string; dir?: string }) => {
    const port = Number(o.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(msg.badPort(o.port));
    const { config, effects } = context('table', true);
    const [{ resolveOut }, { serve }] = await Promise.all([jobs.run(), jobs.serve()]);
    const serving = await serve({ dir: resolveOut(config, o.dir), port }, effects);
    closeOnStop(effects, serving);
  });

program
  .command('demo')
  .description('the main job on the sample (what `npm start` runs): ingest -> stats --backfill -> publish -> table')
  .addHelpText('after', example('questlog demo', 'npm start'))
  .action(async () => {
    const { config, db, effects } = context();
    const { demoJob } = await jobs.demo();
    await demoJob({ db, config }, effects);
  });

program
  .command('demo-data')
  .description('write deterministic synthetic logs (no options: exactly the committed data/sample)')
  .option('--out <dir>', 'output folder', SAMPLE_DIR)
  .option('--seed <n>', 'random seed (same seed, same bytes)', Number)
  .option('--players <n>', 'players (default 200)', Number)
  // One sets the other: given both, one would be silently ignored.
  .addOption(
    new Option('--events <n>', 'about this many events (sets --players)').argParser(Number).conflicts('players'),
  )
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
    const { generateDemoData } = await jobs.demoData();
    await generateDemoData({ ...rest, formats }, context().effects);
  });

program
  .command('stats')
  .description('refresh quest state and compute the snapshot (default: the last day with events), then print it')
  .option('--as-of <date>', 'snapshot date YYYY-MM-DD (events up to the end of that day)')
  .option('--backfill', 'one snapshot per day from the first event date (to --as-of or the last event date)')
  .option('--timezone <zone>', 'IANA zone whose midnight ends a day (default: config "timezone" or UTC)')
  .option('--force', 'allow an --as-of date after the last event date plus one day')
  .addOption(formatOption())
  .option(
    '--by <dimension>',
    'also each quest per value of build, platform, cohort or an extra dimension (json / csv: one row each)',
  )
  .option('--min-players <k>', 'with --by: hide rows about 1 to k-1 players, as published output does', parseMinPlayers)
  .addHelpText('after', example('questlog stats --backfill', 'questlog stats --by platform --format csv > p.csv'))
  .action(async (o: StatsFlags) => {
    if (o.minPlayers !== undefined && o.by === undefined) throw new UserError(segmentMessages.floorNeedsBy);
    const { config, db, effects } = context(o.format, true);
    const { statsCommand } = await jobs.stats();
    await statsCommand({ db, config, ...o }, effects);
  });

type StatsFlags = Pick<StatsCommandOptions, 'asOf' | 'backfill' | 'timezone' | 'force' | 'by' | 'minPlayers'> & {
  format: OutputFormat;
};

program
  .command('status')
  .description('what is loaded (files, events, rejects, players, quests, snapshots) and how each job last ran')
  .option('--migrate', 'bring an older database to the current schema (opens it for writing)')
  .addOption(formatOption())
  .addHelpText('after', example('questlog status', 'questlog --db other.duckdb status --migrate'))
  .action(async (o: { migrate?: boolean; format: OutputFormat }) => {
    const { db, effects } = context(o.format);
    const { statusCommand } = await jobs.status();
    await statusCommand({ db, migrate: o.migrate, format: o.format }, effects);
  });

program
  .command('runs')
  .description('the recorded runs of every job, newest first: start, outcome, exit code, counts')
  .option('--job <name>', 'only this job (ingest, stats, nightly, demo, catalogue, snapshots delete)')
  .option('--limit <n>', 'at most this many', '20')
  .addOption(formatOption())
  .addHelpText('after', example('questlog runs', 'questlog runs --job nightly --limit 7 --format json'))
  .action(async (o: { job?: string; limit: string; format: OutputFormat }) => {
    const { db, effects } = context(o.format);
    const { runsCommand } = await jobs.status();
    await runsCommand({ db, job: o.job, limit: positive(o.limit), format: o.format }, effects);
  });

const snapshots = program.command('snapshots').description('list the stored snapshots, or delete one');

snapshots
  .command('list')
  .description('stored snapshots, oldest first: date, computed at, players, events, data through')
  .addOption(formatOption())
  .addHelpText('after', example('questlog snapshots list', 'questlog snapshots list --format csv'))
  .action(async (o: { format: OutputFormat }) => {
    const { db, effects } = context(o.format);
    const { snapshotsListCommand } = await jobs.snapshots();
    await snapshotsListCommand({ db, format: o.format }, effects);
  });

snapshots
  .command('delete <date>')
  .description('delete the snapshot of one date (e.g. one stored by mistake); the next publish drops it')
  .addHelpText('after', example('questlog snapshots delete 2027-01-01'))
  .action(async (date: string) => {
    const { db, effects } = context();
    const { snapshotsDeleteCommand } = await jobs.snapshots();
    await snapshotsDeleteCommand({ db, date }, effects);
  });

program
  .command('catalogue <file>')
  .description('replace the quest catalogue (CSV with a header or JSON: id, name, chain|zone, order)')
  .addHelpText('after', example('questlog catalogue data/sample/catalogue.csv'))
  .action(async (file: string) => {
    const { db, effects } = context();
    const { catalogueCommand } = await jobs.ingest();
    await catalogueCommand({ db, file }, effects);
  });

notebookVerbs(program, context);

void runCli(program);
