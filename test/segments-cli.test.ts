// `questlog stats --by DIMENSION --format table|json|csv --min-players K` through the built CLI on the publish fixture
// project (p1, p2 on build 1.5.0 / pc, p3 on 1.6.0 / ios, p4 with neither).
import { beforeAll, describe, expect, it } from 'vitest';
import { cliMessages } from '../src/domain/messages.js';
import { segmentMessages } from '../src/domain/segment-messages.js';
import { DIMENSIONS } from '../src/domain/types.js';
import { ROW_FIELDS } from '../src/jobs/segments-format.js';
import { cli } from './helpers.js';
import { fixtureProject } from './publish-helpers.js';

let project: string;

beforeAll(() => {
  project = fixtureProject();
  const r = cli(['ingest', '--source', 'fixture'], { cwd: project });
  expect(r.code, r.stderr).toBe(0);
});

describe('stats --by / --format', () => {
  it('json: overall and per-value rows under the snapshot names, numbers as numbers', () => {
    const r = cli(['stats', '--by', 'build', '--format', 'json'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    // The step lines went to stderr: stdout parses as a whole.
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...ROW_FIELDS]);
    const fet = rows.filter((x) => x.quest_id === 'FET0001');
    // FET0001 on 2026-11-21: p1, p2 completed on 1.5.0, p3 accepted on 1.6.0, p4 never met it (no build).
    expect(fet.map((x) => [x.dimension, x.value, x.players, x.completed, x.accepted, x.not_encountered])).toEqual([
      [null, null, 4, 2, 1, 1],
      ['build', '(none)', 1, 0, 0, 1],
      ['build', '1.5.0', 2, 2, 0, 0],
      ['build', '1.6.0', 1, 0, 1, 0],
    ]);
    // 2 of 2 completed on 1.5.0: at k = n the Wilson low is n / (n + z^2) = 2 / (2 + 3.8415) = 0.3424, the high 1.
    const b15 = fet[2] as Record<string, number | boolean>;
    expect(b15.completion_rate).toBe(1);
    expect(b15.completion_rate_low).toBeCloseTo(0.3424, 4);
    expect(b15.completion_rate_high).toBe(1);
    expect(b15.median_seconds).toBe(4500);
    expect(b15.suppressed).toBe(false);
  });

  it('csv with the floor: the lone 1.6.0 player and its complement are blank and suppressed', () => {
    const r = cli(['stats', '--by', 'build', '--format', 'csv', '--min-players', '2'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(ROW_FIELDS.join(','));
    const fet = lines.filter((l) => l.startsWith('FET0001,build,'));
    expect(
      fet.map((l) =>
        l
          .split(',')
          .slice(0, 4)
          .concat(l.split(',').at(-1) as string),
      ),
    ).toEqual([
      ['FET0001', 'build', '(none)', '1', 'false'],
      ['FET0001', 'build', '1.5.0', '', 'true'],
      ['FET0001', 'build', '1.6.0', '', 'true'],
    ]);
  });

  it('table: the per-quest table, then one per value', () => {
    const r = cli(['stats', '--by', 'platform'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\nplatform = ios\nquest_id ');
    expect(r.stdout).toContain('\nplatform = pc\nquest_id ');
    expect(r.stdout).toContain('\nplatform = (none)\nquest_id ');
  });

  it("table: each value's table has the stats table's columns, names and units (README Vocabulary)", () => {
    const r = cli(['stats', '--by', 'build'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('build = 1.5.0');
    // The per-quest table's header, as the stats table above it prints it.
    const header = lines.find((l) => l.startsWith('quest_id'));
    expect(lines[at + 1]?.replace(/ +/g, ' ')).toBe(header?.replace(/ +/g, ' '));
    expect(lines[at + 1]?.split(/ +/)).toEqual([
      ...['quest_id', 'name', 'players', 'accepted', 'declined', 'completed', 'abandoned', 'failed'],
      ...['not_encountered', 'reach_rate', 'conversion_rate', 'conversion_95%', 'completion_rate'],
      ...['mean', 'median', 'p90'],
    ]);
    // On 1.5.0 p1 completed FET0001 in 30 min, p2 in 120; p1 abandoned KIL0002, p2 never met it.
    expect(lines[at + 2]?.split(/ {2,}/)).toEqual([
      ...['FET0001', 'Fetch the Herbs', '2', '0', '0', '2', '0', '0', '0', '100.0%', '100.0%', '34.2–100.0%'],
      ...['100.0%', '1 h 15 min', '1 h 15 min', '1 h 51 min'],
    ]);
    expect(lines[at + 3]?.split(/ {2,}/).slice(2)).toEqual([
      ...['2', '0', '0', '0', '1', '0', '1', '50.0%', '0.0%', '0.0–79.3%', '0.0%', '–', '–', '–'],
    ]);
    const floored = cli(['stats', '--by', 'build', '--min-players', '2'], { cwd: project }).stdout.split('\n');
    const hidden = floored[floored.indexOf('build = 1.6.0') + 2]?.split(/ {2,}/);
    expect(hidden?.slice(0, 2)).toEqual(['FET0001', 'Fetch the Herbs']);
    expect(hidden?.slice(2)).toEqual([...Array(14).fill('–'), 'suppressed']);
  });

  it('refuses an unknown dimension before computing a snapshot', () => {
    const fresh = fixtureProject();
    expect(cli(['ingest', '--source', 'fixture'], { cwd: fresh }).code).toBe(0);
    const bad = cli(['stats', '--by', 'country'], { cwd: fresh });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(segmentMessages.unknownDimension('country', DIMENSIONS));
    const listed = cli(['snapshots', 'list', '--format', 'json'], { cwd: fresh });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('refuses an unknown dimension or a floor that is no whole number with exit 2', () => {
    const bad = cli(['stats', '--by', 'country'], { cwd: project });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(segmentMessages.unknownDimension('country', DIMENSIONS));
    const floor = cli(['stats', '--by', 'build', '--min-players', 'five'], { cwd: project });
    expect(floor.code).toBe(2);
    expect(floor.stderr).toContain(segmentMessages.notWholeNumber('--min-players', 'five'));
  });

  it('refuses --min-players without --by (it would hide nothing, silently) with exit 2', () => {
    const alone = cli(['stats', '--min-players', '5'], { cwd: project });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe(cliMessages.error(segmentMessages.floorNeedsBy));
  });
});
