// Kills `nightly` (SIGKILL, as a power cut or the OOM killer would) at every named step of its pipeline, including
// inside the read-copy step, and checks that the next run succeeds unaided with nothing lost or doubled: the database
// holds every line once, the site and the notebooks' read copy are whole and agree with it. Deterministic: the process
// kills itself at the step named by QUESTLOG_FAULT (src/domain/fault.ts), no timers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightlyMessages } from '../src/domain/messages.js';
import { Db } from '../src/engine/db.js';
import { readCopyPath, readCopySlots } from '../src/engine/readcopy.js';
import { ANY, messagePattern, ROOT, tempDir } from './helpers.js';

const dir = tempDir();
const db = join(dir, 'data', 'q.duckdb');
writeFileSync(
  join(dir, 'questlog.config.json'),
  JSON.stringify({
    db: 'data/q.duckdb',
    sources: { s: { format: 'seed', paths: ['logs/**/*.csv'] } },
    reports: { out: 'site' },
    // One more player per run, from 1: the default floor of 5 would hide the counts the checks compare.
    privacy: { min_players: 0 },
  }),
);
let players = 0;
/** One more player's session: two events, both loaded by the next successful run. */
function addSession(): void {
  players++;
  mkdirSync(join(dir, 'logs', `p${players}`), { recursive: true });
  writeFileSync(
    join(dir, 'logs', `p${players}`, '2026-01-01T10-00-00.csv'),
    '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n00:10:00,QUEST_STATUS,Q1 COMPLETED\n',
  );
}

/** The events' own day (a later date would be stale, exit 4); verbose, for the read copy's patched/copied line. */
function nightly(fault?: string) {
  const args = ['--verbose', 'nightly', '--as-of', '2026-01-01'];
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    cwd: dir,
    env: { ...process.env, TZ: 'UTC', ...(fault ? { QUESTLOG_FAULT: fault } : {}) },
    encoding: 'utf8',
  });
  return { code: r.status, signal: r.signal, out: `${r.stdout}${r.stderr}` };
}

/** The database, the published site and the read copy all hold exactly the sessions written so far. */
async function whole(): Promise<void> {
  const snapshot = JSON.parse(readFileSync(join(dir, 'site', 'api', 'v1', 'snapshot.json'), 'utf8'));
  expect(snapshot.quests.map((q: { players: number; completed: number }) => [q.players, q.completed])).toEqual([
    [players, players],
  ]);
  for (const path of [db, readCopyPath(db)]) {
    const d = await Db.open(path, { readOnly: true });
    try {
      expect(
        await d.one('SELECT count(*)::INTEGER AS events, count(DISTINCT player_id)::INTEGER AS players FROM events'),
      ).toEqual({ events: 2 * players, players });
      expect(
        await d.one(`SELECT count(*)::INTEGER AS bad FROM files WHERE lines_read <> loaded + rejected + ignored`),
      ).toEqual({ bad: 0 });
    } finally {
      d.close();
    }
  }
}

// In pipeline order; the read-copy steps come after two runs, so both slots exist and the third run patches one.
const STEPS = [
  'ingest-batch',
  'nightly-ingested',
  'snapshot-writing',
  'nightly-snapshot',
  'readcopy-unsealed',
  'readcopy-patching',
  'readcopy-copying',
  'readcopy-sealed',
  'publish-writing',
  'publish-swap',
];

describe('kill -9 of the nightly at every step', () => {
  it('first runs build the database, the site and both read-copy slots', async () => {
    addSession();
    expect(nightly().code).toBe(0);
    addSession();
    expect(nightly().code).toBe(0);
    await whole();
  }, 120_000);

  it.each(STEPS)(
    'killed at %s: the next run succeeds unaided, nothing lost or doubled',
    async (step) => {
      addSession();
      // A copy happens when no spare slot is sealed (a first run, a reader holding it): make this run one.
      if (step === 'readcopy-copying') for (const slot of readCopySlots(readCopyPath(db))) rmSync(`${slot}.complete`);
      const killed = nightly(step);
      expect(killed.signal, killed.out).toBe('SIGKILL');
      const next = nightly();
      expect(next.code, next.out).toBe(0);
      // A kill inside the copy leaves the spare slot unsealed: it is copied whole, never opened to be patched.
      const copied = nightlyMessages.readCopyCopied(ANY);
      const patched = nightlyMessages.readCopyPatched(ANY, ANY);
      if (step.startsWith('readcopy-') && step !== 'readcopy-sealed') {
        expect(next.out).toMatch(messagePattern(nightlyMessages.readCopy(ANY, copied, Number.NaN)));
      }
      // Elsewhere the spare slot was left sealed, one refresh behind: only what differs is rewritten.
      else expect(next.out).toMatch(messagePattern(nightlyMessages.readCopy(ANY, patched, Number.NaN)));
      expect(existsSync(join(dir, 'site', 'index.html'))).toBe(true);
      await whole();
    },
    120_000,
  );
});
