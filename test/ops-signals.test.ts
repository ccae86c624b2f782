// SIGTERM and SIGINT (round 15, bench/results/ops/NOTES.md): they were kill -9 (the run stayed `running`, the lock and
// the build folder stayed until the next run). Real processes stopped at the publish's test hook (no timers), and the
// library's jobs with a signal already aborted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { Interrupted } from '../src/domain/interrupt.js';
import { cliMessages } from '../src/domain/messages.js';
import { opsMessages } from '../src/domain/ops-messages.js';
import { Db } from '../src/engine/db.js';
import { listRuns, recordRun } from '../src/engine/runs.js';
import { ingestCommand } from '../src/jobs/ingest.js';
import { statsCommand } from '../src/jobs/stats.js';
import { cli, freshDb } from './helpers.js';
import { fixtureProject, startCli } from './publish-helpers.js';

const DAY = '2026-11-21';

function published(): string {
  const project = fixtureProject();
  const r = cli(['nightly', '--as-of', '2026-11-20'], { cwd: project });
  expect(r.code, r.stderr).toBe(0);
  return project;
}

/** What a stopped run may not leave beside the database and the site: its lock, build folder, temp files. */
const leftovers = (project: string) =>
  readdirSync(project).filter((n) => n.endsWith('.lock') || n.includes('.new-') || /\.(tmp|link)$/.test(n));

async function runs(project: string) {
  const db = await Db.open(join(project, 'q.duckdb'), { readOnly: true });
  try {
    return await listRuns(db);
  } finally {
    db.close();
  }
}

describe('a signal stops a run cleanly', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`a nightly mid-publish on ${signal}: exit ${code}, nothing left, the run recorded as interrupted`, async () => {
      const project = published();
      const live = readFileSync(join(project, 'site/api/v1/snapshot.json'), 'utf8');
      const child = startCli(['nightly', '--as-of', DAY], { cwd: project, env: { QUESTLOG_TEST_PAUSE: '12' } });
      await child.waitFor(/paused after 12 files/);
      // Mid-run: the lock, the build folder (and the read copy's temp file, if it is still being written) are there.
      expect(leftovers(project)).toEqual(expect.arrayContaining(['q.duckdb.lock']));
      expect(leftovers(project).some((n) => n.startsWith('.site.new-'))).toBe(true);
      child.proc.kill(signal);
      expect(await child.exited).toBe(code);
      expect(child.stdout()).toContain(opsMessages.stopping(signal));
      expect(child.stderr()).toContain(opsMessages.interrupted(signal));
      expect(leftovers(project)).toEqual([]);
      expect(readFileSync(join(project, 'site/api/v1/snapshot.json'), 'utf8')).toBe(live);
      const [last] = await runs(project);
      expect(last).toMatchObject({ job: 'nightly', outcome: 'interrupted', exit_code: code });
      expect(last?.message).toContain(opsMessages.interrupted(signal));
      expect(last?.ended_at).not.toBeNull();
      // The next nightly neither takes over a stale lock nor finds anything to clean.
      const again = cli(['nightly', '--as-of', DAY], { cwd: project });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).not.toContain('stale lock');
      expect(JSON.parse(readFileSync(join(project, 'site/api/v1/snapshot.json'), 'utf8')).snapshot_date).toBe(DAY);
    }, 120_000);
  }

  it('a standalone publish on SIGTERM: exit 143, its build folder and the site lock gone, the site unchanged', async () => {
    const project = published();
    const live = readFileSync(join(project, 'site/api/v1/snapshot.json'), 'utf8');
    const child = startCli(['publish'], { cwd: project, env: { QUESTLOG_TEST_PAUSE: '12' } });
    await child.waitFor(/paused after 12 files/);
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(143);
    expect(child.stderr()).toContain(cliMessages.error(opsMessages.interrupted('SIGTERM')));
    expect(child.stderr()).toContain(cliMessages.hint(opsMessages.interruptedHint));
    expect(leftovers(project)).toEqual([]);
    expect(readFileSync(join(project, 'site/api/v1/snapshot.json'), 'utf8')).toBe(live);
  }, 120_000);

  it('serve closes on SIGTERM and exits 143', async () => {
    const project = published();
    const child = startCli(['serve', '--port', '0'], { cwd: project });
    await child.waitFor(/serving /);
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(143);
  }, 60_000);
});

describe('the jobs stop at their safe points', () => {
  const stopped = { log: () => {}, signal: AbortSignal.abort(new Interrupted('SIGINT')) };

  it('an ingest loads no file and a stats stores no snapshot; both runs are recorded as interrupted', async () => {
    const project = fixtureProject();
    const config = loadConfig(project);
    const db = join(project, 'q.duckdb');
    const ingest = ingestCommand({ db, config, source: 'fixture', cwd: project }, stopped);
    await expect(ingest).rejects.toThrow(opsMessages.interrupted('SIGINT'));
    const loaded = cli(['ingest', '--source', 'fixture'], { cwd: project });
    expect(loaded.code, loaded.stderr).toBe(0);
    await expect(statsCommand({ db, config, asOf: DAY }, stopped)).rejects.toBeInstanceOf(Interrupted);
    const list = cli(['snapshots', 'list', '--format', 'json'], { cwd: project });
    expect(JSON.parse(list.stdout)).toEqual([]);
    const rows = (await runs(project)).map((r) => [r.job, r.outcome, r.exit_code, r.message]);
    expect(rows).toEqual([
      ['stats', 'interrupted', 130, opsMessages.interrupted('SIGINT')],
      ['ingest', 'ok', 0, null],
      ['ingest', 'interrupted', 130, opsMessages.interrupted('SIGINT')],
    ]);
  }, 120_000);
});

describe('a run that never recorded its end', () => {
  it('stayed running for good after kill -9; the next recorded run closes it as failed, saying why', async () => {
    const project = published();
    const child = startCli(['nightly', '--as-of', DAY], { cwd: project, env: { QUESTLOG_TEST_PAUSE: '12' } });
    await child.waitFor(/paused after 12 files/);
    child.proc.kill('SIGKILL');
    await child.exited;
    expect((await runs(project))[0]).toMatchObject({ job: 'nightly', outcome: 'running', ended_at: null });
    const r = cli(['ingest', '--source', 'fixture'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    const rows = (await runs(project)).map((row) => [row.job, row.outcome, row.exit_code, row.message]);
    expect(rows).toEqual([
      ['ingest', 'ok', 0, null],
      ['nightly', 'failed', null, opsMessages.runLost],
      ['nightly', 'ok', 0, null],
    ]);
  }, 120_000);

  it('a run of this process still under way is not closed by another one it starts', async () => {
    const db = await freshDb();
    try {
      const quiet = { log: () => {} };
      const inside = await recordRun(db, 'outer', quiet, () =>
        recordRun(db, 'inner', quiet, async () => (await listRuns(db)).map((row) => [row.job, row.outcome])),
      );
      expect(inside).toEqual([
        ['inner', 'running'],
        ['outer', 'running'],
      ]);
    } finally {
      db.close();
    }
  });
});
