// The real pipeline through the built CLI: nightly (ingest -> snapshot -> publish) on a tiny project, then crashes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestMessages, nightlyMessages } from '../src/domain/messages.js';
import { recoverSite } from '../src/publish/site-files.js';
import { ANY, cli, messagePattern } from './helpers.js';
import { expectGolden, fingerprint, fixtureProject, normalizeClock, startCli, validateApi } from './publish-helpers.js';

let project: string;
let site: string;

// What a publish may leave beside the site is the previous one, `.site.old`; anything else is debris.
// The site's lock (.site.lock) is not counted: a killed run leaves it, and the next run takes it over.
const leftovers = () =>
  readdirSync(project).filter((n) => n.startsWith('.site.') && n !== '.site.old' && n !== '.site.lock');

beforeAll(() => {
  project = fixtureProject();
  site = join(project, 'site');
  for (const day of ['2026-11-20', '2026-11-21']) {
    const r = cli(['nightly', '--as-of', day], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('nightly -> publish on a fixture project', () => {
  it('publishes the golden site for the latest snapshot, every API file valid', () => {
    expectGolden(site, 'publish-e2e', normalizeClock);
    // snapshot + quest index + manifest + history months + 5 quests x (quest + history; November is open: no month file)
    // + chains + one chain + changes + segments.json + 7 values (build 3, platform 3, cohort 1)
    expect(validateApi(site)).toBe(25);
    // The fixture's floor is 2: FET0001 was met by p1 and p2 on 1.5.0 and by p3 alone on 1.6.0, so 1.6.0 is hidden,
    // and 1.5.0 with it (the overall row minus (none) would give 1.6.0 back); the quests met by p4 alone are hidden.
    const fet = JSON.parse(readFileSync(join(site, 'api/v1/quests/FET0001.json'), 'utf8'));
    expect(
      fet.segments.build.map((r: { value: string; suppressed: boolean; players: number | null }) => [
        r.value,
        r.suppressed,
        r.players,
      ]),
    ).toEqual([
      ['(none)', false, 1],
      ['1.5.0', true, null],
      ['1.6.0', true, null],
    ]);
    const lone = JSON.parse(readFileSync(join(site, 'api/v1/quests/~2E~2E~2Fup~2F~2E~2E.json'), 'utf8'));
    expect([lone.suppressed, lone.players, lone.accepted, lone.completion_rate]).toEqual([true, null, null, null]);
    const snap = JSON.parse(readFileSync(join(site, 'api/v1/snapshot.json'), 'utf8'));
    expect(snap.coverage).toEqual({
      never_seen: ['ESC0003'],
      rejected_lines: 1,
      unknown_ids: ['../up/..', '</script><script>alert(1)</script>'],
    });
    const history = JSON.parse(readFileSync(join(site, 'api/v1/quests/FET0001/history.json'), 'utf8'));
    expect(
      history.history.map((h: { snapshot_date: string; completed: number }) => [h.snapshot_date, h.completed]),
    ).toEqual([
      ['2026-11-20', 1],
      ['2026-11-21', 2],
    ]);
  });

  it('leaves the previous site complete when a publish is killed mid-way, and cleans up next time', async () => {
    const before = fingerprint(site);
    const child = startCli(['publish'], { cwd: project, env: { QUESTLOG_TEST_PAUSE: '12' } });
    await child.waitFor(/paused after 12 files/);
    child.proc.kill('SIGKILL');
    await child.exited;
    expect(fingerprint(site)).toEqual(before);
    // its build folder (the site before the previous one, half rewritten), and nothing else
    expect(leftovers()).toHaveLength(1);
    expect(leftovers()[0]).toMatch(/^\.site\.new-/);
    expect(existsSync(join(project, '.site.lock'))).toBe(true);
    const r = cli(['publish'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(leftovers()).toEqual([]);
    expect(existsSync(join(project, '.site.lock'))).toBe(false);
    expectGolden(site, 'publish-e2e', normalizeClock);
  });

  it('keeps the previous site when killed between the two renames of the swap', async () => {
    const before = fingerprint(site);
    const child = startCli(['publish'], { cwd: project, env: { QUESTLOG_TEST_PAUSE: 'swap' } });
    await child.waitFor(/paused between renames/);
    child.proc.kill('SIGKILL');
    await child.exited;
    // The one window where `site` is missing: the complete previous site is in .site.old ...
    expect(existsSync(site)).toBe(false);
    expect(fingerprint(join(project, '.site.old'))).toEqual(before);
    // ... and is put back before anything else happens.
    recoverSite(site);
    expect(fingerprint(site)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a second nightly while one runs; takes over the lock a killed one left', async () => {
    const before = fingerprint(site);
    const first = startCli(['nightly', '--as-of', '2026-11-21'], { cwd: project, env: { QUESTLOG_TEST_PAUSE: '3' } });
    await first.waitFor(/paused after 3 files/);
    const second = cli(['nightly', '--as-of', '2026-11-21'], { cwd: project });
    expect(second.code).toBe(75);
    expect(second.stderr).toContain(`another nightly is running (pid ${first.proc.pid}`);
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(fingerprint(site)).toEqual(before);
    const lock = join(project, 'q.duckdb.lock');
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(first.proc.pid);
    const third = cli(['nightly', '--as-of', '2026-11-21'], { cwd: project });
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain(`removing stale lock ${lock} of pid ${first.proc.pid}`);
    expect(existsSync(lock)).toBe(false);
  });

  it('exits non-zero naming the failed step and leaves the last good site', () => {
    const before = fingerprint(site);
    const configFile = join(project, 'questlog.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.sources.broken = { format: 'events', paths: ['missing.ndjson'] };
    writeFileSync(configFile, JSON.stringify(config));
    const r = cli(['nightly', '--as-of', '2026-11-22'], { cwd: project });
    expect(r.code).toBe(3);
    const failed = [{ path: `${ANY}missing.ndjson`, error: ingestMessages.noMatch }];
    expect(r.stderr).toMatch(messagePattern(nightlyMessages.sourceFailed('broken', failed)));
    expect(r.stderr).toMatch(messagePattern(nightlyMessages.sourceFailedHint(ANY)));
    expect(fingerprint(site)).toEqual(before);
    expect(existsSync(join(project, 'q.duckdb.lock'))).toBe(false);
  });

  it('leaves sources marked "nightly": false to be ingested by hand', () => {
    const configFile = join(project, 'questlog.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    delete config.sources.broken;
    // Would fail the run (no such file) if the nightly touched it.
    config.sources.manual = { format: 'events', paths: ['missing.ndjson'], nightly: false };
    writeFileSync(configFile, JSON.stringify(config));
    const r = cli(['nightly', '--as-of', '2026-11-22'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('missing.ndjson');
    expect(existsSync(join(site, 'api/v1/snapshot.json'))).toBe(true);
  });
});
