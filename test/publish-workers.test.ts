// Quest pages rendered in worker threads (render-pool.ts) give the same site, byte for byte, as in this thread, on a
// new and on a recycled site; a worker that dies or fails fails the publish with a clear error and leaves the live
// site as it was, no temp folder and no worker behind (the CLI exits).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { EXIT, publishMessages } from '../src/domain/messages.js';
import { publishCommand } from '../src/jobs/publish.js';
import type { SiteData } from '../src/publish/api.js';
import { writeSite } from '../src/publish/publish.js';
import { oldOf } from '../src/publish/site-files.js';
import { scaleSite } from './fixtures/publish/scale.js';
import { NOW } from './fixtures/publish/site.js';
import { cli, messagePattern, ROOT, tempDir } from './helpers.js';
import { fingerprint, fixtureProject } from './publish-helpers.js';

let project: string;
const effects = () => ({ ...recorder(), now: () => NOW });
const summaryLine = (lines: string[]) => lines.find((l) => l.startsWith('publish: ') && l.includes(' files (')) ?? '';

beforeAll(() => {
  project = fixtureProject();
  // Two snapshots: history, changes, segments (build, platform, cohort), survival and chains all on the pages.
  for (const day of ['2026-11-20', '2026-11-21']) {
    const r = cli(['nightly', '--as-of', day], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
  }
});

/** Publishes the fixture project's latest snapshot to `out` with `workers`; returns the summary line. */
async function publishProject(out: string, workers: number): Promise<string> {
  const fx = effects();
  await publishCommand({ db: join(project, 'q.duckdb'), config: loadConfig(project), out, workers }, fx);
  return summaryLine(fx.lines);
}

async function publishData(out: string, data: SiteData, workers: number): Promise<string> {
  const fx = effects();
  await writeSite(data, { out, workers }, fx);
  return summaryLine(fx.lines)
    .replace(/ in \d+ ms$/, '')
    .replace(out, '<out>');
}

const sameTree = (a: string, b: string) => expect([...fingerprint(b)]).toEqual([...fingerprint(a)]);

describe('render workers', () => {
  it('write the same site as this thread from a database: new, again, and recycled', async () => {
    const dir = tempDir();
    const [one, two] = [join(dir, 'one', 'site'), join(dir, 'two', 'site')];
    // New, then over a live site (no .old), then recycled (.old present): each time every file the same.
    for (let run = 0; run < 3; run++) {
      const a = await publishProject(one, 1);
      const b = await publishProject(two, 3);
      expect(b.replace(two, one).replace(/ in \d+ ms$/, '')).toBe(a.replace(/ in \d+ ms$/, ''));
      sameTree(one, two);
    }
    expect(readdirSync(join(dir, 'two')).sort()).toEqual(['.site.old', 'site']);
  });

  it('write the same site as this thread for 64 quests in four batches, and keep what did not change', async () => {
    const dir = tempDir();
    const [one, two] = [join(dir, 'one', 'site'), join(dir, 'two', 'site')];
    const data = scaleSite(64);
    for (let run = 0; run < 3; run++) {
      expect(await publishData(two, data, 2)).toBe(await publishData(one, data, 0));
      sameTree(one, two);
    }
    // The third publish recycled the first one's folder: every file already held its bytes.
    const nan = Number.NaN;
    const recycled = publishMessages.written(nan, nan, '<out>', nan, 0, nan).replace(/ in NaN ms$/, '');
    expect(await publishData(two, data, 2)).toMatch(messagePattern(recycled, true));
    sameTree(one, two);
  });

  it('a worker that dies fails the publish with a clear error; the live site stays as it was', async () => {
    const out = join(tempDir(), 'site');
    await publishProject(out, 1);
    await publishProject(out, 1);
    const before = fingerprint(out);
    process.env.QUESTLOG_FAULT = 'render-worker';
    try {
      await expect(publishProject(out, 2)).rejects.toThrow(publishMessages.workerExited(70));
    } finally {
      delete process.env.QUESTLOG_FAULT;
    }
    expect(fingerprint(out)).toEqual(before);
    // The build folder (the recycled .old) is gone with the failed publish; nothing else was left beside the site.
    expect(readdirSync(join(out, '..'))).toEqual(['site']);
    await publishProject(out, 2);
    expect(fingerprint(out)).toEqual(before);
  });

  it('an error inside a worker fails the publish with that error, as it does in this thread', async () => {
    const out = join(tempDir(), 'site');
    await publishProject(out, 1);
    const before = fingerprint(out);
    for (const workers of [1, 2]) {
      // A file where a quest's folder goes in the recycled site: its history.json cannot be created.
      cpSync(out, oldOf(out), { recursive: true });
      rmSync(join(oldOf(out), 'api/v1/quests/FET0001'), { recursive: true });
      writeFileSync(join(oldOf(out), 'api/v1/quests/FET0001'), 'planted');
      await expect(publishProject(out, workers)).rejects.toThrow(/^ENOTDIR: not a directory, open '.*\/FET0001\//);
      expect(fingerprint(out)).toEqual(before);
      expect(readdirSync(join(out, '..'))).toEqual(['site']);
    }
  });

  it('a segment value file a worker cannot write fails the publish with that error; the live site stays', async () => {
    const out = join(tempDir(), 'site');
    await publishProject(out, 1);
    const before = fingerprint(out);
    // With workers the segment API's value files are theirs (render-pool.ts); in this thread they are the main one's.
    for (const workers of [1, 2]) {
      cpSync(out, oldOf(out), { recursive: true });
      rmSync(join(oldOf(out), 'api/v1/segments/platform'), { recursive: true });
      writeFileSync(join(oldOf(out), 'api/v1/segments/platform'), 'planted');
      await expect(publishProject(out, workers)).rejects.toThrow(
        /^ENOTDIR: not a directory, open '.*\/segments\/platform\//,
      );
      expect(fingerprint(out)).toEqual(before);
      expect(readdirSync(join(out, '..'))).toEqual(['site']);
    }
  });

  it('run from a string entry too (node --input-type=module -e), and with V8 options (refused in a worker)', () => {
    const dir = tempDir();
    const [one, two] = [join(dir, 'one'), join(dir, 'two')];
    // A notebook kernel or a one-line script imports the library this way; the worker once inherited --input-type and
    // failed to load its file (ERR_INPUT_TYPE_NOT_ALLOWED).
    const script = `
      const { publishCommand } = await import(${JSON.stringify(join(ROOT, 'dist/jobs/publish.js'))});
      const { loadConfig } = await import(${JSON.stringify(join(ROOT, 'dist/config.js'))});
      const project = ${JSON.stringify(project)};
      for (const [out, workers] of [[${JSON.stringify(one)}, 1], [${JSON.stringify(two)}, 2]])
        await publishCommand({ db: project + '/q.duckdb', config: loadConfig(project), out, workers },
          { log() {}, now: () => new Date(${NOW.getTime()}) });`;
    // --max-old-space-size and --expose-gc: Node refuses them in a worker's execArgv (ERR_WORKER_INVALID_EXEC_ARGV).
    const v8 = ['--max-old-space-size=2048', '--expose-gc'];
    const r = spawnSync(process.execPath, [...v8, '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: 'UTC' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    sameTree(one, two);
  });

  it('the CLI exits with the error when a worker dies (no worker keeps it running)', () => {
    const config = join(project, 'questlog.config.json');
    const cfg = JSON.parse(readFileSync(config, 'utf8'));
    writeFileSync(config, JSON.stringify({ ...cfg, reports: { ...cfg.reports, workers: 2 } }));
    const site = join(project, 'site');
    const before = fingerprint(site);
    try {
      // With a timeout: a worker left running would keep the CLI from exiting.
      const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'publish'], {
        cwd: project,
        env: { ...process.env, TZ: 'UTC', QUESTLOG_FAULT: 'render-worker' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.signal).toBe(null);
      expect(r.status).toBe(EXIT.internal);
      expect(r.stderr).toContain(publishMessages.workerExited(70));
      expect(fingerprint(site)).toEqual(before);
      // The same config without the fault publishes (the workers run from the CLI too).
      expect(cli(['publish'], { cwd: project }).code).toBe(0);
    } finally {
      writeFileSync(config, JSON.stringify(cfg));
    }
  });
});
