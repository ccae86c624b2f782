// Issue 14, extra dimensions end to end through the built CLI: a mapped CSV source declares `region`, `ingest` stores
// it, `stats --by region` counts it by the segment rule on the one-day path (a second day's file after the first)
// and on a backfill of a fresh database alike, and `publish` writes its API files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const CONFIG = {
  sources: {
    mygame: {
      format: 'mapped',
      reader: 'csv',
      options: { header: true },
      fields: { ts: 'event_time', player_id: 'account', quest_id: 'upper(quest)', status: 'action' },
      status_map: { Q_TAKEN: 'accepted', Q_DONE: 'completed' },
      filter: "starts_with(action, 'Q_')",
      dimensions: { region: 'region' },
      paths: ['exports/*.csv'],
    },
  },
};

const HEADER = 'event_time,account,quest,action,region';
// Day 1: acc-3 is seen (a filtered LOGIN line) but meets no quest; acc-4's first quest event is FET0002 in ap, their
// first FET0001 event is in eu.
const DAY1 = [
  '2026-11-20 19:05:00,acc-1,fet0001,Q_TAKEN,eu',
  '2026-11-20 19:10:00,acc-2,fet0001,Q_TAKEN,na',
  '2026-11-20 19:20:00,acc-3,,LOGIN,eu',
  '2026-11-20 19:30:00,acc-4,fet0002,Q_TAKEN,ap',
  '2026-11-20 19:35:00,acc-1,fet0001,Q_DONE,eu',
  '2026-11-20 19:40:00,acc-4,fet0001,Q_TAKEN,eu',
];
// Day 2: acc-2 completes (12 h 50 min = 46,200 s after accepting), acc-5 arrives with a padded region.
const DAY2 = ['2026-11-21 08:00:00,acc-2,fet0001,Q_DONE,na', '2026-11-21 10:00:00,acc-5,fet0001,Q_TAKEN, eu '];

let project: string;

function run(args: string[]): string {
  const r = cli(args, { cwd: project });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** [quest, dimension, value, players, accepted, completed, not_encountered, median_seconds] per row. */
function rows(stdout: string): unknown[][] {
  return (JSON.parse(stdout) as Record<string, unknown>[]).map((x) => [
    x.quest_id,
    x.dimension,
    x.value,
    x.players,
    x.accepted,
    x.completed,
    x.not_encountered,
    x.median_seconds,
  ]);
}

beforeAll(() => {
  project = join(tempDir('questlog-extra-'), 'project');
  mkdirSync(join(project, 'exports'), { recursive: true });
  writeFileSync(join(project, 'questlog.config.json'), JSON.stringify(CONFIG));
  writeFileSync(join(project, 'exports/day1.csv'), [HEADER, ...DAY1, ''].join('\n'));
});

describe('an extra dimension from a mapped source, through the CLI', () => {
  it('counts each player under their first event for the quest, else their own first quest event', () => {
    run(['ingest', '--source', 'mygame']);
    // FET0001: eu = acc-1 (completed) + acc-4 (their FET0001 event is in eu); na = acc-2; (none) = acc-3, who met no
    // quest; ap = acc-4's own value, but acc-4 met FET0001: a known value with no player. FET0002: acc-4 met it in ap,
    // the others count under their own first quest event's region.
    expect(rows(run(['stats', '--by', 'region', '--format', 'json']))).toEqual([
      ['FET0001', null, null, 4, 2, 1, 1, 1800],
      ['FET0001', 'region', '(none)', 1, 0, 0, 1, null],
      ['FET0001', 'region', 'ap', 0, 0, 0, 0, null],
      ['FET0001', 'region', 'eu', 2, 1, 1, 0, 1800],
      ['FET0001', 'region', 'na', 1, 1, 0, 0, null],
      ['FET0002', null, null, 4, 1, 0, 3, null],
      ['FET0002', 'region', '(none)', 1, 0, 0, 1, null],
      ['FET0002', 'region', 'ap', 1, 1, 0, 0, null],
      ['FET0002', 'region', 'eu', 1, 0, 0, 1, null],
      ['FET0002', 'region', 'na', 1, 0, 0, 1, null],
    ]);
  });

  it('a second day on the one-day path equals a backfill of a fresh database', () => {
    writeFileSync(join(project, 'exports/day2.csv'), [HEADER, ...DAY2, ''].join('\n'));
    run(['ingest', '--source', 'mygame']);
    const oneDay = run(['stats', '--by', 'region', '--format', 'json']);
    // The overall median of 1,800 and 46,200 s is 24,000; acc-5's ' eu ' counts as eu.
    expect(rows(oneDay).slice(0, 5)).toEqual([
      ['FET0001', null, null, 5, 2, 2, 1, 24000],
      ['FET0001', 'region', '(none)', 1, 0, 0, 1, null],
      ['FET0001', 'region', 'ap', 0, 0, 0, 0, null],
      ['FET0001', 'region', 'eu', 3, 2, 1, 0, 1800],
      ['FET0001', 'region', 'na', 1, 0, 1, 0, 46200],
    ]);
    run(['ingest', '--source', 'mygame', '--db', 'fresh.duckdb']);
    expect(run(['stats', '--backfill', '--by', 'region', '--format', 'json', '--db', 'fresh.duckdb'])).toBe(oneDay);
  });

  it('publish writes the dimension beside the built-in ones', () => {
    run(['publish']);
    const api = join(project, 'reports/api/v1');
    const index = JSON.parse(readFileSync(join(api, 'segments.json'), 'utf8')) as {
      dimensions: { dimension: string }[];
    };
    expect(index.dimensions.map((d) => d.dimension)).toEqual(['build', 'platform', 'cohort', 'region']);
    for (const v of ['eu', 'na', 'ap']) expect(existsSync(join(api, `segments/region/${v}.json`))).toBe(true);
  });
});
