// The nightly path: state continued from state_current for new events, an exact recompute for late events, removed
// events and replaced files. Every step is compared with a rebuild from all events loaded so far.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder, silent } from '../src/domain/effects.js';
import type { Db } from '../src/engine/db.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { refreshState } from '../src/engine/state.js';
import { ingest } from '../src/ingest/ingest.js';
import { type Ev, loadEvents, stateRow as row, stateRows as state } from './fixtures/stats/load.js';
import { freshDb, tempDir } from './helpers.js';

/** Everything a snapshot reader sees, for comparing an incrementally kept database with a rebuilt one. */
async function derived(db: Db) {
  await computeSnapshots(db, { backfill: true }, { ...silent, now: () => new Date('2026-12-01T00:00:00Z') });
  return {
    state: await state(db),
    current: await db.all(
      // With the segment values the rows carry (their pair's, their player's own and first sighting).
      `SELECT player_id, quest_id, valid_from, bucket::VARCHAR AS b, attempts, last_accept, pair_build, pair_platform,
         own_build, own_platform, seen FROM state_current ORDER BY ALL`,
    ),
    snapshots: await db.all('SELECT * FROM snapshots ORDER BY ALL'),
    runs: await db.all('SELECT * EXCLUDE (computed_at) FROM snapshot_runs ORDER BY ALL'),
  };
}

async function rebuilt(upTo: number) {
  const db = await freshDb();
  for (const [i, b] of batches.slice(0, upTo).entries()) await loadEvents(db, b, seen(i));
  await refreshState(db, silent);
  const out = await derived(db);
  db.close();
  return out;
}

const D1 = '2026-11-20';
const D2 = '2026-11-21';
const D3 = '2026-11-22';
const D4 = '2026-11-23';

const batches: Ev[][] = [
  [
    ['p1', 'Q1', 'accepted', `${D1} 10:00:00`],
    ['p1', 'Q2', 'declined', `${D1} 10:00:00`],
    ['p2', 'Q1', 'completed', `${D1} 11:00:00`],
    ['p3', 'Q1', 'accepted', `${D1} 09:00:00`],
    ['p3', 'Q1', 'abandoned', `${D1} 09:30:00`],
  ],
  [
    ['p1', 'Q1', 'declined', `${D2} 08:00:00`],
    ['p1', 'Q1', 'accepted', `${D2} 09:00:00`],
    ['p1', 'Q2', 'accepted', `${D2} 10:00:00`],
    // After its completion: dropped, and p2 is not even looked at again.
    ['p2', 'Q1', 'failed', `${D2} 08:00:00`],
    // Timed from the acceptance of the day before, which only state_current still knows.
    ['p3', 'Q1', 'completed', `${D2} 12:00:00`],
    // A same-instant tie among the new events of a new pair.
    ['p4', 'Q1', 'completed', `${D2} 14:00:00`],
    ['p4', 'Q1', 'accepted', `${D2} 14:00:00`],
  ],
  [
    ['p1', 'Q1', 'completed', `${D3} 09:30:00`],
    // An exact duplicate of an event already in the state: p1 is recomputed.
    ['p1', 'Q2', 'accepted', `${D2} 10:00:00`],
  ],
  [
    // Late: before everything p3 had on Q1.
    ['p3', 'Q1', 'declined', `${D1} 08:00:00`],
    ['p4', 'Q2', 'accepted', `${D4} 07:00:00`],
  ],
];

// p5 shows up in the third file without a quest event.
const seen = (i: number): { seen?: [string, string][] } => (i === 2 ? { seen: [['p5', `${D3} 08:00:00`]] } : {});

describe('nightly state refresh', () => {
  it('nightly after nightly equals a rebuild; late events and duplicates fall back to a recompute', async () => {
    const db = await freshDb();
    const results = [];
    for (const [i, b] of batches.entries()) {
      await loadEvents(db, b, seen(i));
      results.push(await refreshState(db, silent));
      expect(await derived(db)).toEqual(await rebuilt(i + 1));
    }
    expect(results).toEqual([
      // First build: everybody from all their events.
      { players: 3, recomputed: 3, rows: 5 },
      // p1 (2 + 1 rows), p3 (1), p4 (2) continued; p2 completed before, unchanged.
      { players: 3, recomputed: 0, rows: 6 },
      // p1's duplicate makes it a recompute (6 rows); p5 was seen in a new file without quest events: nothing to do.
      { players: 1, recomputed: 1, rows: 6 },
      // p3's late event: a recompute (4 rows); p4's new quest continued (1 row).
      { players: 2, recomputed: 1, rows: 5 },
    ]);
    expect(await state(db)).toEqual([
      row('p1', 'Q1', `${D1} 10:00:00`, `${D2} 08:00:00`, 'accepted', 1),
      row('p1', 'Q1', `${D2} 08:00:00`, `${D2} 09:00:00`, 'declined', 1),
      row('p1', 'Q1', `${D2} 09:00:00`, `${D3} 09:30:00`, 'accepted', 2),
      row('p1', 'Q1', `${D3} 09:30:00`, null, 'completed', 2, 88200),
      row('p1', 'Q2', `${D1} 10:00:00`, `${D2} 10:00:00`, 'declined', 0),
      row('p1', 'Q2', `${D2} 10:00:00`, null, 'accepted', 1),
      row('p2', 'Q1', `${D1} 11:00:00`, null, 'completed', 0, null, true),
      row('p3', 'Q1', `${D1} 08:00:00`, `${D1} 09:00:00`, 'declined', 0),
      row('p3', 'Q1', `${D1} 09:00:00`, `${D1} 09:30:00`, 'accepted', 1),
      row('p3', 'Q1', `${D1} 09:30:00`, `${D2} 12:00:00`, 'abandoned', 1),
      row('p3', 'Q1', `${D2} 12:00:00`, null, 'completed', 1, 97200),
      row('p4', 'Q1', `${D2} 14:00:00`, `${D2} 14:00:00`, 'accepted', 1),
      row('p4', 'Q1', `${D2} 14:00:00`, null, 'completed', 1, 0),
      row('p4', 'Q2', `${D4} 07:00:00`, null, 'accepted', 1),
    ]);
    // Nothing new: nothing to do.
    expect(await refreshState(db, silent)).toEqual({ players: 0, recomputed: 0, rows: 0 });
    db.close();
  });

  it('a replaced file removes its old events: its players are recomputed, the result equals a rebuild', async () => {
    const dir = tempDir();
    const file = join(dir, 'day.ndjson');
    const line = (p: string, q: string, s: string, ts: string) =>
      JSON.stringify({ ts, player_id: p, quest_id: q, status: s });
    const other = join(dir, 'other.ndjson');
    writeFileSync(other, `${line('k', 'Q1', 'accepted', `${D1} 07:00:00`)}\n`);
    writeFileSync(
      file,
      [line('r', 'Q1', 'accepted', `${D1} 08:00:00`), line('r', 'Q1', 'completed', `${D1} 09:00:00`)].join('\n'),
    );
    const db = await freshDb();
    await ingest(db, { paths: [other, file], format: 'events', cwd: dir }, recorder());
    expect(await refreshState(db, silent)).toEqual({ players: 2, recomputed: 2, rows: 3 });

    // The new version drops r's completion and adds a later decline: r's open state must not keep the completion.
    const replaced = [line('r', 'Q1', 'accepted', `${D1} 08:00:00`), line('r', 'Q1', 'declined', `${D2} 09:00:00`)];
    writeFileSync(file, replaced.join('\n'));
    const s = await ingest(db, { paths: [file], format: 'events', cwd: dir }, recorder());
    expect(s.files[0]).toMatchObject({ status: 'replaced' });
    expect(await refreshState(db, silent)).toEqual({ players: 1, recomputed: 1, rows: 2 });
    expect(await state(db)).toEqual([
      row('k', 'Q1', `${D1} 07:00:00`, null, 'accepted', 1),
      row('r', 'Q1', `${D1} 08:00:00`, `${D2} 09:00:00`, 'accepted', 1),
      row('r', 'Q1', `${D2} 09:00:00`, null, 'declined', 1),
    ]);

    const fresh = await freshDb();
    await ingest(fresh, { paths: [other, file], format: 'events', cwd: dir }, recorder());
    await refreshState(fresh, silent);
    const inc = await derived(db);
    const full = await derived(fresh);
    expect(inc).toEqual(full);
    db.close();
    fresh.close();
  });
});
