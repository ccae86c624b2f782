// A changed time zone between nightlies (round 15, bench/results/ops/NOTES.md): each snapshot stores its zone, but a
// changed `timezone` stored the next days in the new one beside the old, silently mixing day boundaries in the history.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliMessages } from '../src/domain/messages.js';
import { opsMessages } from '../src/domain/ops-messages.js';
import { cli } from './helpers.js';
import { fixtureProject } from './publish-helpers.js';

const DAY = '2026-11-21';
const NEXT = '2026-11-22';
const EAST = 'Pacific/Kiritimati';

function setZone(project: string, timezone: string): void {
  const file = join(project, 'questlog.config.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), timezone }));
}

const zones = (project: string) =>
  (JSON.parse(cli(['snapshots', 'list', '--format', 'json'], { cwd: project }).stdout) as Record<string, string>[]).map(
    (s) => [s.snapshot_date, s.timezone],
  );

describe('a time zone change between nightlies', () => {
  it('is refused naming both zones and the way out, which then works; the live site is untouched meanwhile', () => {
    const project = fixtureProject();
    for (const day of ['2026-11-20', DAY]) expect(cli(['nightly', '--as-of', day], { cwd: project }).code).toBe(0);
    const site = join(project, 'site/api/v1/snapshot.json');
    const live = readFileSync(site, 'utf8');
    setZone(project, EAST);
    const stored = [{ zone: 'UTC', n: 2, first: '2026-11-20', last: DAY }];
    for (const args of [['nightly', '--as-of', NEXT], ['stats', '--as-of', NEXT], ['stats']]) {
      const r = cli(args, { cwd: project });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(cliMessages.error(opsMessages.zoneChanged(EAST, stored)));
      expect(r.stderr).toContain(cliMessages.hint(opsMessages.zoneChangedHint(EAST, 'UTC', DAY)));
    }
    expect(readFileSync(site, 'utf8')).toBe(live);
    expect(zones(project)).toEqual([
      ['2026-11-20', 'UTC'],
      [DAY, 'UTC'],
    ]);
    // The hint's way out: every stored day recomputed in the new zone, then nightlies go on in it.
    const backfill = cli(['stats', '--backfill', '--timezone', EAST, '--as-of', DAY], { cwd: project });
    expect(backfill.code, backfill.stderr).toBe(0);
    const r = cli(['nightly', '--as-of', NEXT], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(zones(project)).toEqual([
      ['2026-11-20', EAST],
      [DAY, EAST],
      [NEXT, EAST],
    ]);
    // Back to UTC is the same change the other way.
    setZone(project, 'UTC');
    expect(cli(['nightly', '--as-of', '2026-11-23', '--force'], { cwd: project }).code).toBe(2);
  }, 180_000);

  it('recomputing the only stored day in another zone replaces it: nothing is mixed, nothing refused', () => {
    const project = fixtureProject();
    expect(cli(['nightly', '--as-of', DAY], { cwd: project }).code).toBe(0);
    const r = cli(['stats', '--as-of', DAY, '--timezone', EAST], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(zones(project)).toEqual([[DAY, EAST]]);
  }, 120_000);
});
