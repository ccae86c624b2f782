// Every message a user can see from questlog, as functions, in one place (vega-lite's log/message.ts): wording
// changes here, and tests assert against these functions rather than copied fragments. Grouped by room; hints that
// name a CLI command or flag live in `cliHints` and are attached by the CLI only (library errors carry a key).
import { clipped } from './input-messages.js';
import type { IngestCounts } from './types.js';

/** Process exit codes: the CLI maps errors to these, cron and CI read them. Documented in the README. */
export const EXIT = {
  ok: 0,
  /** An error inside a command that is not the user's fault nor a bad file (commander's own failures, too). */
  failed: 1,
  /** A usage or user error: a bad flag, config, date, missing database. */
  usage: 2,
  /** A file could not be loaded (the rest still loaded). */
  input: 3,
  /** The nightly published, but the newest event is older than `freshness.max_age_hours`: the log shipper stalled? */
  stale: 4,
  /** A bug or broken invariant in questlog itself. */
  internal: 70,
  /** The nightly published, and at least one configured alert fired (README "Alerts"). */
  alert: 5,
  /** The database is locked by another process. */
  locked: 75,
} as const;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const configMessages = {
  wrongType: (file: string, key: string, expected: string, got: string) =>
    `${file}: "${key || '(top level)'}" must be ${expected}, got ${got}`,
  unknownKey: (file: string, key: string, suggestion?: string) =>
    `${file}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  missingKey: (file: string, key: string) => `${file}: "${key}" is required`,
  /** A problem with one key's value, said by the rule it breaks (segment-messages.ts's dimension names, say). */
  atKey: (file: string, key: string, problem: string) => `${file}: "${key}": ${problem}`,
  badValue: (file: string, key: string, allowed: string, got: string) =>
    `${file}: "${key}" must be ${allowed}, got ${got}`,
  missingFile: (path: string) => `config file ${path} does not exist`,
  notJson: (path: string, reason: string) => `${path}: not valid JSON: ${reason}`,
  isFolder: (path: string) => `config file ${path} is a folder: name the JSON file in it`,
  /** What `timezone` must be (checked when the config is read). */
  ianaZone: 'an IANA time zone such as UTC or Europe/Berlin',
};

export const dateMessages = {
  notADate: (date: string) => `not a date: "${date}"`,
  notADateHint: 'use YYYY-MM-DD, e.g. 2026-11-28',
  unknownZone: (tz: string) => `unknown time zone "${tz}"`,
  unknownZoneHint: 'use an IANA zone such as UTC or Europe/Berlin',
};

export const dbMessages = {
  locked: (path: string) => `database ${path} is in use by another process`,
  lockedHint: 'another questlog command (e.g. a nightly) holds it; retry when it finishes, or open a published copy',
  missing: (path: string) => `database ${path} does not exist`,
  /** How a database comes to exist, for a notebook or a library caller (the CLI says `run questlog ingest first`). */
  createHint:
    'check the path, or create it with `questlog ingest` + `questlog stats` (`npm start` for the sample data)',
  cannotOpen: (path: string, reason: string) => `cannot open database ${path}: ${reason}`,
  newerSchema: (path: string, from: number, current: number) =>
    `database ${path} has schema version ${from}, newer than this questlog (${current})`,
  newerSchemaHint: 'upgrade questlog',
  needsMigration: (path: string, from: number, target: number) =>
    `database ${path} needs migration from schema ${from} to ${target}`,
  readCopyOfMemory: 'an in-memory database has no read-only copy',
  readCopyOfReadOnly: (path: string) => `cannot publish a read copy from read-only ${path}`,
};

/** Milliseconds each optional part of a snapshot run took, by name, in the order they ran. */
export type SnapshotExtra = { segments?: number; survival?: number; chains?: number };

export const statsMessages = {
  noEvents: 'no events loaded: nothing to compute a snapshot of',
  noSnapshot: (date?: string) => (date ? `no snapshot stored for ${date}` : 'no snapshot stored yet'),
  /** Outside the CLI (a notebook, a library caller): what makes one, and that an open connection must open again. */
  noSnapshotHint: (date?: string) =>
    `${date ? `store it with \`questlog stats --as-of ${date}\`` : 'store one with `questlog stats`'} (in code: statsCommand), then open the database again`,
  badBins: (bins: number) => `bins must be an integer from 1 to 1000, got ${bins}`,
  rosterMissing: 'roster file not found',
  rosterUnreadable: (reason: string) => `cannot read roster (a CSV with a player_id column): ${reason}`,
  state: (players: number, recomputed: number, rows: number, ms: number) =>
    `state: ${players} players (${recomputed} from all their events), ${rows} intervals in ${ms} ms`,
  /** `extra`: what segments, survival times and chain funnels took of it (their costs, measured apart). */
  snapshots: (count: number, span: string, tz: string, ms: number, extra: SnapshotExtra = {}) => {
    const parts = Object.entries(extra).map(([k, v]) => `${k} ${v} ms`);
    return `snapshots: ${count} ${plural(count, 'date', 'dates')} (${span}, ${tz}) in ${ms} ms${parts.length ? ` (${parts.join(', ')})` : ''}`;
  },
  catalogueLoaded: (file: string, quests: number, ms: number) => `catalogue ${file}: ${quests} quests in ${ms} ms`,
};

export const catalogueMessages = {
  missing: 'catalogue file not found',
  isFolder: 'a folder, not a catalogue file: name the .csv or .json file in it',
  unsupported: (ext: string) => `unsupported catalogue type "${ext}"`,
  unsupportedHint: 'use .csv or .json',
  unreadable: (reason: string) => `cannot read catalogue: ${reason}`,
  missingColumn: (column: string, found: string[]) => `missing column "${column}" (found: ${found.join(', ')})`,
  badEntry: (reason: string, more: number) => `${reason}${more > 0 ? ` (and ${more} more problems)` : ''}`,
  badJsonEntry: (entry: number | string, reason: string, more: number) =>
    `entry ${entry}: ${catalogueMessages.badEntry(reason, more)}`,
};

export const ingestMessages = {
  mappingField: (key: string, expr: string, reason: string, reader: string) =>
    `mapping ${key} = ${expr} cannot be evaluated on this file: ${reason}` +
    (reader === 'csv'
      ? "; a CSV file's columns are read as text: convert them in the expression, e.g. " +
        'to_timestamp("col"::DOUBLE) or strptime("col", \'%Y-%m-%d %H:%M:%S\')'
      : ''),
  /** A row whose dimension expression fails (e.g. a cast that does not fit) is rejected, as with the filter. */
  dimensionFailed: (name: string) => `dimensions.${name} could not be evaluated on this row`,
  globNoMatch: (pattern: string) => `no file matches ${pattern} (set "freshness": {"strict_globs": true} to fail)`,
  noFiles: 'no files to ingest',
  noMatch: 'no such file or no match',
  filesFailed: (failed: { path: string; error?: string }[], total: number) =>
    `${failed.length} of ${total} file(s) could not be loaded:\n${failed.map((f) => `  ${f.path}: ${f.error}`).join('\n')}`,
  filesFailedHint: 'the other files were loaded; fix these and run ingest again (loaded files are skipped)',
  sourceAndFormat: 'give either --source or --format, not both',
  unknownFormat: (format: string) => `unknown format '${format}'`,
  unknownFormatHint:
    'formats: seed, events, gameanalytics; mapped formats come from a --source in questlog.config.json',
  unknownSource: (name: string, known: string) => `unknown source '${name}' (configured: ${known})`,
  unknownSourceHint: 'add it to questlog.config.json',
  unknownPreset: (name: string, preset: string, presets: string[]) =>
    `source '${name}': unknown preset '${preset}' (presets: ${presets.join(', ')})`,
  sourceFormat: (name: string, format: string) => `source '${name}': unknown format '${format}'`,
  mappedNeeds: (name: string) => `source '${name}': a mapped source needs "reader" and "fields"`,
  fieldRequired: (name: string, field: string) => `source '${name}': fields.${field} is required`,
  unknownExtension: (ext: string) => `cannot tell the format from the extension '${ext || '(none)'}'`,
  badGzip: (reason: string) => `not a complete gzip file (${reason})`,
  badParquet: (reason: string) => `not a complete Parquet file (${reason})`,
  gzipTrailing: 'bytes after the end of the compressed data',
  unreadable: (reason: string) => `cannot read: ${reason}`,
  badPlayerRule: (rule: string) => `--player must be parent, stem or /regex/ (got '${rule}')`,
  playerNoMatch: (rule: string) => `player pattern ${rule} does not match this path`,
  unnumbered: (recs: number | undefined, lines: number | undefined) =>
    `cannot number its records (${recs} records on ${lines} lines)`,
  unnumberedHint:
    'its quotes could not be followed line by line as the CSV reader read them (check the quote and escape options)',
  strayQuote: 'a quoted value does not end where its field ends (a stray or unclosed quote)',
  unclosedQuote: 'a quoted value opened in this record is never closed (the record runs to the end of the file)',
  partOfRecord: (start: number | string) => `part of the record that starts on line ${start}`,
  missingColumns: (missing: string[], found: string) =>
    `missing column(s) ${missing.join(', ')} (found: ${clipped(found)})`,
  missingColumnsHint: 'events files need ts, player_id, quest_id, status (+ optional session_id, build, platform)',
  badStatusMap: (value: string, status: string, statuses: readonly string[]) =>
    `status_map: '${value}' maps to '${status}', not one of ${statuses.join(', ')}`,
  badReaderOption: (key: string, allowed: string[]) =>
    `reader option '${key}' is not supported (use: ${allowed.join(', ')})`,
  notUtf8: 'not valid UTF-8 text',
  lineTooLong: (max: number) => `a line is longer than ${max} bytes`,
  rejectLine: (file: string, line: number | null, reason: string, raw: string | null) =>
    `${file}:${line ?? '?'}: ${reason}\n  ${raw ?? ''}`,
  noRejects: 'no quarantined lines',
  fileFailed: (path: string, error?: string) => `ingest ${path}: FAILED: ${error}`,
  fileSkipped: (path: string, note: string | undefined, ms: number) => `ingest ${path}: skipped (${note}) in ${ms} ms`,
  fileLoaded: (r: IngestCounts & { path: string; status: string; format: string | null }) =>
    `ingest ${r.path}: ${r.status} ${r.format}, ${r.lines_read} lines = ${r.loaded} loaded + ${r.rejected} quarantined + ` +
    `${r.ignored} ignored${r.duplicates ? `, ${r.duplicates} duplicate` : ''}${r.lines_read === 0 ? ' (empty file)' : ''} ` +
    `in ${r.ms} ms`,
  totals: (
    t: IngestCounts & Record<'files' | 'files_loaded' | 'files_replaced' | 'files_skipped' | 'files_failed', number>,
  ) => {
    const mb = t.bytes / 1e6;
    const rate = t.ms > 0 && mb > 0 ? `, ${(mb / (t.ms / 1000)).toFixed(1)} MB/s` : '';
    return (
      `ingest total: ${t.files} file(s): ${t.files_loaded} loaded, ${t.files_replaced} replaced, ` +
      `${t.files_skipped} skipped, ${t.files_failed} failed; ${t.lines_read} lines = ${t.loaded} loaded + ` +
      `${t.rejected} quarantined + ${t.ignored} ignored in ${t.ms} ms${rate}`
    );
  },
};

export const publishMessages = {
  notASite: (out: string) => `${out} is not empty and holds no questlog site; refusing to replace it`,
  loaded: (date: string, quests: number, ms: number) =>
    `publish: snapshot ${date}, ${quests} quests loaded in ${ms} ms`,
  /** `unchanged`: files the recycled site already held byte for byte, left as they were (with their gzip copies). */
  written: (files: number, quests: number, out: string, ms: number, gzipped = 0, unchanged = 0) =>
    `publish: ${files} files (${unchanged} unchanged; + ${gzipped} gzip copies) for ${quests} quests written to ` +
    `${out} in ${ms} ms`,
  historyMonths: (written: number, kept: number) => `publish: history month files: ${written} written, ${kept} kept`,
  report: (path: string) => `  report: ${path}`,
  api: (path: string) => `  api:    ${path}`,
  testPause: (what: string) => `publish: ${what} (test hook)`,
  workerFailed: (reason: string) => `publish: a render worker failed: ${reason}`,
  workerExited: (code: number) =>
    `publish: a render worker stopped (exit code ${code}) before its quest pages were written; nothing was published`,
  workerMissing: (path: string) => `publish: the render worker ${path} is missing; run \`npm run build\``,
  dirMissing: (dir: string) => `${dir} does not exist`,
  cannotWrite: (out: string, reason: string) => `cannot write the site to ${out}: ${reason}`,
  cannotWriteHint:
    'free space or fix the permissions, then publish again; the site is swapped in whole, so the last one is still served',
  portInUse: (port: number | undefined) => `port ${port} is in use`,
  serving: (dir: string, url: string) => `serving ${dir} at ${url} (Ctrl+C to stop)`,
};

export const nightlyMessages = {
  running: (pid: number, started: string) =>
    `another nightly is running (pid ${pid}, started ${started}); not starting`,
  runningHint: (lock: string) => `wait for it to finish; if no questlog runs, delete ${lock}`,
  /** `job`: the run taking the lock over; `held`: the job the stale lock names (a site lock's may be a publish). */
  staleLock: (lock: string, pid?: number, job = 'nightly', held = 'nightly') =>
    `${job}: removing stale lock ${lock}${pid === undefined ? '' : ` of pid ${pid} (not a running ${held})`}`,
  noLock: (lock: string) => `could not take the lock ${lock}`,
  failedAt: (step: string, reason: string) => `nightly failed at ${step}: ${reason}`,
  untouched: (out: string) => `nothing was published; the last good site in ${out} is unchanged`,
  sourceFailed: (source: string, failed: { path: string; error?: string }[]) =>
    `nightly failed at ingest of source "${source}": ${failed.map((f) => `${f.path}: ${f.error}`).join('; ')}`,
  sourceFailedHint: (out: string) =>
    `fix or remove the file(s); nothing was published, the last good site in ${out} is unchanged`,
  readCopy: (path: string, what: string, ms: number) => `nightly: read copy ${path} (${what}) in ${ms} ms`,
  /** A read copy's `what`: its spare slot patched where it differed, or copied whole. */
  readCopyPatched: (written: string, size: string) => `${written} of ${size} rewritten`,
  readCopyCopied: (size: string) => `${size} copied`,
  stale: (date: string, through: string, hours: number, bound: number) =>
    `data is stale: the newest event of ${date} is ${through} UTC, ${hours.toFixed(1)} h before the day's end ` +
    `(bound ${bound} h); published anyway`,
  staleNotice: (date: string, through: string, hours: number) =>
    `Stale data: the newest event is from ${through} UTC, ${Math.round(hours)} hours before the end of ${date}. ` +
    'New logs may have stopped arriving.',
  noEvents: (date: string) => `no events up to the end of ${date}: the snapshot is empty`,
  firstSnapshot: () =>
    'only one snapshot is stored: trends need history; run `questlog stats --backfill` once to compute every past day',
  summary: (date: string, loaded: number, skipped: number, files: number, ms: number) =>
    `nightly: snapshot ${date}, ${loaded} file(s) loaded, ${skipped} unchanged, ${files} site files, in ${ms} ms`,
};

export const runMessages = {
  none: () => 'no runs recorded yet',
  /** `runs --job NAME` with none: a misspelt name must not read as "nothing ran". */
  noneOfJob: (job: string, jobs: string[]) =>
    `no runs of job '${job}' recorded (jobs with runs: ${jobs.join(', ') || 'none yet'})`,
};

export const snapshotMessages = {
  futureAsOf: (date: string, last: string) =>
    `--as-of ${date} is after the last event date ${last} plus one day: the snapshot would be empty of new data`,
  deleted: (date: string) => `snapshots: deleted ${date}`,
  noneStored: () => 'no snapshot stored yet',
};

export const cliMessages = {
  badLimit: (raw: string) => `--limit must be a positive integer, got ${raw}`,
  badFormat: (got: string) => `--format must be table, json or csv, got ${got}`,
  badPort: (raw: string) => `--port must be 0..65535, got ${raw}`,
  error: (message: string) => `questlog: error: ${message}\n`,
  hint: (hint: string) => `  hint: ${hint}\n`,
  internal: (detail: string) => `questlog: internal error (a bug, please report it):\n${detail}\n`,
  /** A full disk, a folder questlog may not write, a read-only mount: the machine's state, not a bug (exit 1). */
  system: (reason: string) => `cannot go on: ${reason}`,
  systemHint:
    'free space or fix the permissions, then run it again: a failed write leaves the database and the site as they were',
};

/**
 * Hints that name CLI commands and flags: a library error carries `cli: [key, ...args]`, and only the CLI turns it
 * into text (a notebook or a library caller has no `--as-of` to pass).
 */
const cliHints = {
  ingestFirst: () => 'run `questlog ingest` first',
  ingestOrAsOf: () => 'run `questlog ingest` first, or pass --as-of DATE',
  statsFor: (date?: string) => (date ? `run \`questlog stats --as-of ${date}\`` : 'run `questlog stats`'),
  migrate: () => 'run any questlog write command (e.g. `questlog status --migrate`) once',
  publishFirst: () => 'run `questlog publish` first',
  otherOut: () => 'choose an empty or new folder with --out',
  otherPort: () => 'pick another with --port, or --port 0 for any free one',
  givePaths: () => 'give paths, or a --source with paths',
  giveFormat: () => 'pass --format seed|events|gameanalytics, or --source NAME',
  force: () => 'pass --force to store it anyway',
  snapshotsList: () => 'see `questlog snapshots list`',
};
type CliHints = typeof cliHints;
/** A CLI hint by key with its arguments, e.g. `['statsFor', '2026-11-28']`. */
export type CliHint = { [K in keyof CliHints]: [K, ...Parameters<CliHints[K]>] }[keyof CliHints];

export function cliHintText(hint: CliHint): string {
  const [key, ...args] = hint;
  return (cliHints[key] as (...a: unknown[]) => string)(...args);
}
