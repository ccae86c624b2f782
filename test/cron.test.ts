// Running questlog from cron and from scripts, through the built CLI as cron runs it (no terminal): the log read
// line by line, exit codes, staleness, globs with no match, the runs table, --format, EPIPE, usage errors.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cliHintText,
  EXIT,
  ingestMessages,
  nightlyMessages,
  runMessages,
  snapshotMessages,
  statsMessages,
} from '../src/domain/messages.js';
import { lastCompleteDay } from '../src/jobs/nightly.js';
import { ANY, cli, messagePattern, ROOT, tempDir } from './helpers.js';

const STAMP = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z ';
const stamped = (body: string) => new RegExp(`^${STAMP}${body}$`);

/** Canonical NDJSON events: [player, quest, status, 'YYYY-MM-DD HH:MM:SS']. */
function ndjson(events: [string, string, string, string][]): string {
  return `${events.map(([p, q, s, ts]) => JSON.stringify({ ts, player_id: p, quest_id: q, status: s })).join('\n')}\n`;
}

/** A project folder: config with an events source over `logs/*.ndjson` (plus `extra` sources), and its logs. */
function project(files: Record<string, string>, extra: Record<string, unknown> = {}, more: object = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'logs', name), text);
  const config = {
    db: 'data/q.duckdb',
    sources: { game: { format: 'events', paths: ['logs/*.ndjson'] }, ...extra },
    reports: { out: 'site' },
    ...more,
  };
  writeFileSync(join(dir, 'questlog.config.json'), JSON.stringify(config));
  return dir;
}

// Two players on 2026-11-20: p1 completes FET0001 in 30 min, p2 accepts it; p2 completes KIL0002 in 90 s.
const DAY1 = ndjson([
  ['p1', 'FET0001', 'accepted', '2026-11-20 08:00:00'],
  ['p1', 'FET0001', 'completed', '2026-11-20 08:30:00'],
  ['p2', 'FET0001', 'accepted', '2026-11-20 09:00:00'],
  ['p2', 'KIL0002', 'accepted', '2026-11-20 22:00:00'],
  ['p2', 'KIL0002', 'completed', '2026-11-20 22:01:30'],
]);

describe('the nightly from cron', () => {
  it('logs one timestamped line per step, no progress, no per-file lines; --verbose adds them', () => {
    const dir = project({ 'a.ndjson': DAY1, 'b.ndjson': `${DAY1.split('\n').slice(0, 2).join('\n')}\n` });
    const first = cli(['nightly', '--as-of', '2026-11-20'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT.ok);
    const lines = first.stdout.split('\n');
    expect(lines.pop()).toBe('');
    // Checked line by line: what a cron mail or log file holds.
    const expected = [
      stamped(
        'ingest total: 2 file\\(s\\): 2 loaded, 0 replaced, 0 skipped, 0 failed; 7 lines = 7 loaded \\+ 0 quarantined \\+ 0 ignored in \\d+ ms(, [\\d.]+ MB/s)?',
      ),
      stamped('state: 2 players \\(2 from all their events\\), \\d+ intervals in \\d+ ms'),
      stamped(
        'snapshots: 1 date \\(2026-11-20, UTC\\) in \\d+ ms \\(segments \\d+ ms, survival \\d+ ms, chains \\d+ ms\\)',
      ),
      stamped(`hint: ${quote(nightlyMessages.firstSnapshot())}`),
      stamped('publish: snapshot 2026-11-20, 2 quests loaded in \\d+ ms'),
      stamped('publish: history month files: \\d+ written, \\d+ kept'),
      stamped(
        `publish: \\d+ files \\(\\d+ unchanged; \\+ \\d+ gzip copies\\) for 2 quests written to ${quote(join(dir, 'site'))} in \\d+ ms`,
      ),
      stamped(`  report: ${quote(join(dir, 'site/index.html'))}`),
      stamped(`  api:    ${quote(join(dir, 'site/api/v1/snapshot.json'))}`),
      stamped('nightly: snapshot 2026-11-20, 2 file\\(s\\) loaded, 0 unchanged, \\d+ site files, in \\d+ ms'),
    ];
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      expect(line).toMatch(expected[i] as RegExp);
    });
    expect(first.stdout).not.toContain('\r');
    expect(first.stdout).not.toContain('\u001b');

    // Again with nothing new: still one line per step, no line per skipped file.
    const again = cli(['nightly', '--as-of', '2026-11-20'], { cwd: dir });
    expect(again.code).toBe(EXIT.ok);
    const nan = Number.NaN;
    expect(again.stdout).toMatch(
      messagePattern(
        ingestMessages.totals({
          ...{ files: 2, files_loaded: 0, files_replaced: 0, files_skipped: 2, files_failed: 0, lines_read: nan },
          ...{ loaded: nan, rejected: nan, ignored: nan, duplicates: 0, bytes: 0, ms: nan },
        }),
      ),
    );
    expect(again.stdout).not.toContain('a.ndjson');
    const verbose = cli(['--verbose', 'nightly', '--as-of', '2026-11-20'], { cwd: dir });
    expect(
      verbose.stdout.split('\n').filter((l) => /ingest logs\/[ab]\.ndjson: skipped \(already loaded\)/.test(l)),
    ).toHaveLength(2);

    // Every run is in the runs table, and status says how each job last ended.
    const runs = JSON.parse(cli(['runs', '--format', 'json'], { cwd: dir }).stdout) as Record<string, unknown>[];
    expect(runs.map((r) => [r.job, r.outcome, r.exit_code, r.files_loaded, r.files_skipped, r.snapshot_date])).toEqual([
      ['nightly', 'ok', 0, 0, 2, '2026-11-20'],
      ['nightly', 'ok', 0, 0, 2, '2026-11-20'],
      ['nightly', 'ok', 0, 2, 0, '2026-11-20'],
    ]);
    expect(runs.every((r) => typeof r.started_at === 'string' && typeof r.ended_at === 'string')).toBe(true);
    // A job with no runs (a misspelt name) says so and names the jobs that ran, never "no runs recorded yet".
    expect(cli(['runs', '--job', 'nigthly'], { cwd: dir }).stdout).toBe(
      `${runMessages.noneOfJob('nigthly', ['nightly'])}\n`,
    );
    const status = cli(['status'], { cwd: dir });
    expect(status.stdout).toMatch(
      /\nlast runs:\n {2}nightly: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, ok in .+; 0 files loaded, 2 unchanged, 1 snapshot\(s\) to 2026-11-20\n$/,
    );
  }, 300_000);

  it('publishes stale data, says so in the report, and exits 4; a glob with no match is a warning unless strict', () => {
    const dir = project({ 'a.ndjson': DAY1 }, { later: { format: 'events', paths: ['incoming/*.ndjson'] } });
    // The newest event (22:01:30 on the 20th) is 48 h + 1 h 58.5 min = 49.975 h before the end of the 22nd (midnight
    // starting the 23rd): over the 36 h default.
    // (--force: a date typed by hand this far past the data is refused; the default date never is.)
    const r = cli(['nightly', '--as-of', '2026-11-22', '--force'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.stale);
    const warning = `warning: ${nightlyMessages.stale('2026-11-22', '2026-11-20 22:01:30', 49.975, 36)}`;
    expect(r.stdout).toContain(`Z warning: ${ingestMessages.globNoMatch('incoming/*.ndjson')}\n`);
    expect(r.stdout).toContain(`Z ${warning}\n`);
    const html = readFileSync(join(dir, 'site/index.html'), 'utf8');
    expect(html).toContain(
      `<p class="notice" role="alert">${nightlyMessages.staleNotice('2026-11-22', '2026-11-20 22:01:30', 49.975)}</p>`,
    );
    const [run] = JSON.parse(cli(['runs', '--format', 'json'], { cwd: dir }).stdout) as Record<string, unknown>[];
    expect(run).toMatchObject({ job: 'nightly', outcome: 'stale', exit_code: 4, message: warning.slice(9) });

    // A bound of 50 h makes the same data fresh (49.975 <= 50): exit 0 and no notice.
    const relaxed = project({ 'a.ndjson': DAY1 }, {}, { freshness: { max_age_hours: 50 } });
    const ok = cli(['nightly', '--as-of', '2026-11-22', '--force'], { cwd: relaxed });
    expect(ok.code).toBe(EXIT.ok);
    expect(readFileSync(join(relaxed, 'site/index.html'), 'utf8')).not.toContain('class="notice"');

    // strict_globs: the empty glob fails the nightly, nothing is published.
    const strict = project(
      { 'a.ndjson': DAY1 },
      { later: { format: 'events', paths: ['incoming/*.ndjson'] } },
      {
        freshness: { strict_globs: true },
      },
    );
    const failed = cli(['nightly', '--as-of', '2026-11-20'], { cwd: strict });
    expect(failed.code).toBe(EXIT.input);
    expect(failed.stderr).toContain('nightly failed at ingest of source "later": ');
    expect(failed.stderr).toContain('incoming/*.ndjson: no such file or no match');
    expect(existsSync(join(strict, 'site'))).toBe(false);
  }, 300_000);

  it('defaults to the last complete day in the configured zone', () => {
    // 03:15 UTC on 5 Dec: the 4th is the last complete day in UTC; in Los Angeles it is still the 4th (19:15), so
    // the 3rd is; in Tokyo it is 12:15 on the 5th, so the 4th.
    const t = new Date('2026-12-05T03:15:00Z');
    expect(lastCompleteDay(t, 'UTC')).toBe('2026-12-04');
    expect(lastCompleteDay(t, 'America/Los_Angeles')).toBe('2026-12-03');
    expect(lastCompleteDay(t, 'Asia/Tokyo')).toBe('2026-12-04');
    expect(lastCompleteDay(new Date('2027-01-01T00:30:00Z'), 'UTC')).toBe('2026-12-31');
  });
});

describe('the CLI for scripts', () => {
  it('stats prints ids, names, p90 and readable durations; --format json and csv give the snapshot fields', () => {
    const dir = project({ 'a.ndjson': DAY1 });
    expect(cli(['ingest', '--source', 'game'], { cwd: dir }).code).toBe(0);
    const table = cli(['stats', '--as-of', '2026-11-20'], { cwd: dir });
    expect(table.code).toBe(0);
    // FET0001: 2 players, p1 completed (1800 s), p2 in progress; KIL0002: p2 completed in 90 s, p1 never met it.
    expect(table.stdout.split('\n').slice(-4)).toEqual([
      'quest_id  name     players  accepted  declined  completed  abandoned  failed  not_encountered  reach_rate  conversion_rate  conversion_95%  completion_rate         mean       median          p90',
      'FET0001   FET0001        2         1         0          1          0       0                0      100.0%            50.0%       9.5–90.5%            50.0%  30 min 00 s  30 min 00 s  30 min 00 s',
      'KIL0002   KIL0002        2         0         0          1          0       0                1       50.0%           100.0%     20.7–100.0%            50.0%   1 min 30 s   1 min 30 s   1 min 30 s',
      '',
    ]);
    // JSON and CSV carry every snapshot field, numbers as numbers (the intervals are checked in rates.test.ts).
    const csv = cli(['stats', '--as-of', '2026-11-20', '--format', 'csv'], { cwd: dir }).stdout.split('\r\n');
    expect(csv[0]?.split(',').slice(0, 14)).toEqual(
      'snapshot_date,quest_id,name,chain,sort_order,in_catalogue,players,accepted,declined,completed,abandoned,failed,not_encountered,reach_rate'.split(
        ',',
      ),
    );
    expect(csv[2]).toMatch(/^2026-11-20,KIL0002,KIL0002,,,false,2,0,0,1,0,0,1,0\.5,/);
    expect(csv[2]).toMatch(/,90,90,90,90,90,1,0$/);
    expect(csv.slice(3)).toEqual(['']);
    const json = JSON.parse(cli(['stats', '--as-of', '2026-11-20', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.meta).toMatchObject({ snapshot_date: '2026-11-20', players: 2, events: 5 });
    expect(json.quests[1]).toMatchObject({
      quest_id: 'KIL0002',
      players: 2,
      completed: 1,
      not_encountered: 1,
      reach_rate: 0.5,
      conversion_rate: 1,
      completion_rate: 0.5,
      mean_seconds: 90,
      p90_seconds: 90,
    });
    const status = JSON.parse(cli(['status', '--format', 'json'], { cwd: dir }).stdout);
    expect(status).toMatchObject({ files: 1, events: 5, snapshots: 1, last_snapshot: '2026-11-20' });
    expect(status.last_runs.map((r: { job: string; outcome: string }) => [r.job, r.outcome])).toEqual([
      ['ingest', 'ok'],
      ['stats', 'ok'],
    ]);
    expect(cli(['rejects', '--format', 'csv'], { cwd: dir }).stdout).toBe('file,line,reason,raw\r\n');
  }, 300_000);

  it('refuses a future --as-of unless --force; snapshots list and delete', () => {
    const dir = project({ 'a.ndjson': DAY1 });
    expect(cli(['ingest', '--source', 'game'], { cwd: dir }).code).toBe(0);
    const future = cli(['stats', '--as-of', '2027-01-01'], { cwd: dir });
    expect(future.code).toBe(EXIT.usage);
    expect(future.stderr).toBe(
      `questlog: error: ${snapshotMessages.futureAsOf('2027-01-01', '2026-11-20')}\n  hint: ${cliHintText(['force'])}\n`,
    );
    // The last event date plus one day is allowed (a day that has not started in another zone).
    expect(cli(['stats', '--as-of', '2026-11-21'], { cwd: dir }).code).toBe(0);
    expect(cli(['stats', '--as-of', '2027-01-01', '--force'], { cwd: dir }).code).toBe(0);
    const list = cli(['snapshots', 'list', '--format', 'csv'], { cwd: dir }).stdout.split('\n');
    expect(list.map((l) => l.split(',')[0])).toEqual(['snapshot_date', '2026-11-21', '2027-01-01', '']);
    expect(list[1]).toMatch(/\r$/);
    const del = cli(['snapshots', 'delete', '2027-01-01'], { cwd: dir });
    expect(del.code).toBe(0);
    expect(del.stdout).toMatch(new RegExp(`^${STAMP}${quote(snapshotMessages.deleted('2027-01-01'))}\n$`));
    expect(cli(['snapshots', 'list', '--format', 'csv'], { cwd: dir }).stdout.split('\n')[1]).toMatch(/^2026-11-21,/);
    const again = cli(['snapshots', 'delete', '2027-01-01'], { cwd: dir });
    expect(again.code).toBe(EXIT.usage);
    expect(again.stderr).toContain(statsMessages.noSnapshot('2027-01-01'));
    const runs = JSON.parse(cli(['runs', '--format', 'json'], { cwd: dir }).stdout) as Record<string, unknown>[];
    expect(runs.map((r) => [r.job, r.outcome, r.exit_code])).toEqual([
      ['snapshots delete', 'failed', 2],
      ['snapshots delete', 'ok', 0],
      ['stats', 'ok', 0],
      ['stats', 'ok', 0],
      ['stats', 'failed', 2],
      ['ingest', 'ok', 0],
    ]);
  }, 300_000);

  it('usage errors exit 2, --version prints the version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(cli(['--version'])).toEqual({ stdout: `${version}\n`, stderr: '', code: 0 });
    expect(cli(['--no-such-option']).code).toBe(EXIT.usage);
    expect(cli(['no-such-command']).code).toBe(EXIT.usage);
    expect(cli(['stats', '--format', 'xml']).code).toBe(EXIT.usage);
    expect(cli(['runs', '--limit', '0']).code).toBe(EXIT.usage);
  });

  it('ends quietly when the reader of its output goes away (questlog stats | head -1)', () => {
    // 3,000 quests: far more than a pipe's 64 KB buffer, so writes continue after head has exited.
    const events: [string, string, string, string][] = [];
    for (let i = 0; i < 3000; i++)
      events.push(['p1', `Q${String(i).padStart(5, '0')}`, 'accepted', '2026-11-20 08:00:00']);
    const dir = project({ 'a.ndjson': ndjson(events) });
    expect(cli(['ingest', '--source', 'game'], { cwd: dir }).code).toBe(0);
    const cliJs = join(ROOT, 'dist/cli.js');
    for (const format of ['table', 'csv']) {
      const r = spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${cliJs}" stats --format ${format} | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`,
        ],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
      );
      expect(r.stdout.split('\n')).toHaveLength(2);
      // The table's log lines went into the pipe with it; CSV's went to stderr.
      const logged = messagePattern(`${statsMessages.snapshots(1, ANY, ANY, Number.NaN)}${ANY}\nexit=0\n`);
      if (format === 'csv') expect(r.stderr).toMatch(new RegExp(`${logged.source}$`));
      else expect(r.stderr).toBe('exit=0\n');
      expect(r.stderr).not.toMatch(/EPIPE|Error/);
    }
  }, 300_000);

  it('names the mapping field whose expression fails, without a misleading line number', () => {
    const dir = project(
      {},
      {
        mine: {
          format: 'mapped',
          reader: 'csv',
          options: { header: true },
          fields: { ts: 'to_timestamp("timestamp")', player_id: 'user', quest_id: 'quest', status: 'action' },
          paths: ['exports/*.csv'],
        },
      },
    );
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'exports/a.csv'), 'timestamp,user,quest,action\n1795201500,u1,FET0001,accepted\n');
    const r = cli(['ingest', '--source', 'mine'], { cwd: dir });
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toMatch(
      messagePattern(
        `exports/a.csv: ${ingestMessages.mappingField('fields.ts', 'to_timestamp("timestamp")', ANY, 'csv')}`,
      ),
    );
    expect(r.stderr).not.toMatch(/line \d/i);
  }, 60_000);
});

function quote(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
