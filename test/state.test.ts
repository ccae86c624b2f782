import { describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import { refreshState } from '../src/engine/state.js';
import { type Ev, loadEvents, stateRow as row, type StateRow, stateRows as state } from './fixtures/stats/load.js';
import { freshDb } from './helpers.js';

async function stateOf(events: Ev[]): Promise<StateRow[]> {
  const db = await freshDb();
  await loadEvents(db, events);
  await refreshState(db, silent);
  const rows = await state(db);
  db.close();
  return rows;
}

const D = '2026-11-28';

describe('quest state intervals', () => {
  it("the seed's own lines: FET0001 completed in 1800 s, FET0002 declined", async () => {
    expect(
      await stateOf([
        ['FET-player', 'FET0001', 'accepted', `${D} 08:00:00`],
        ['FET-player', 'FET0001', 'completed', `${D} 08:30:00`],
        ['FET-player', 'FET0002', 'declined', `${D} 08:42:00`],
      ]),
    ).toEqual([
      row('FET-player', 'FET0001', `${D} 08:00:00`, `${D} 08:30:00`, 'accepted', 1),
      row('FET-player', 'FET0001', `${D} 08:30:00`, null, 'completed', 1, 1800),
      row('FET-player', 'FET0002', `${D} 08:42:00`, null, 'declined', 0),
    ]);
  });

  it('re-accept after decline: time from the latest acceptance, two attempts', async () => {
    expect(
      await stateOf([
        ['p', 'Q', 'accepted', `${D} 10:00:00`],
        ['p', 'Q', 'declined', `${D} 10:05:00`],
        ['p', 'Q', 'accepted', `${D} 11:00:00`],
        ['p', 'Q', 'completed', `${D} 11:30:00`],
      ]),
    ).toEqual([
      row('p', 'Q', `${D} 10:00:00`, `${D} 10:05:00`, 'accepted', 1),
      row('p', 'Q', `${D} 10:05:00`, `${D} 11:00:00`, 'declined', 1),
      row('p', 'Q', `${D} 11:00:00`, `${D} 11:30:00`, 'accepted', 2),
      row('p', 'Q', `${D} 11:30:00`, null, 'completed', 2, 1800),
    ]);
  });

  it('abandon then complete: completed, timed from the acceptance before the abandon', async () => {
    expect(
      await stateOf([
        ['p', 'Q', 'accepted', `${D} 09:00:00`],
        ['p', 'Q', 'abandoned', `${D} 09:10:00`],
        ['p', 'Q', 'completed', `${D} 09:50:00`],
      ]),
    ).toEqual([
      row('p', 'Q', `${D} 09:00:00`, `${D} 09:10:00`, 'accepted', 1),
      row('p', 'Q', `${D} 09:10:00`, `${D} 09:50:00`, 'abandoned', 1),
      row('p', 'Q', `${D} 09:50:00`, null, 'completed', 1, 3000),
    ]);
  });

  it('completion without acceptance: completed, no time, an anomaly', async () => {
    expect(await stateOf([['p', 'Q', 'completed', `${D} 12:00:00`]])).toEqual([
      row('p', 'Q', `${D} 12:00:00`, null, 'completed', 0, null, true),
    ]);
  });

  it('completed is absorbing: later events change nothing', async () => {
    expect(
      await stateOf([
        ['p', 'Q', 'accepted', `${D} 08:00:00`],
        ['p', 'Q', 'completed', `${D} 09:00:00`],
        ['p', 'Q', 'failed', `${D} 10:00:00`],
        ['p', 'Q', 'accepted', `${D} 11:00:00`],
        ['p', 'Q', 'completed', `${D} 12:00:00`],
      ]),
    ).toEqual([
      row('p', 'Q', `${D} 08:00:00`, `${D} 09:00:00`, 'accepted', 1),
      row('p', 'Q', `${D} 09:00:00`, null, 'completed', 1, 3600),
    ]);
  });

  it('same instant: accepted before completed (zero-length interval), failed after completed (dropped)', async () => {
    expect(
      await stateOf([
        ['p', 'Q', 'failed', `${D} 08:00:00`],
        ['p', 'Q', 'completed', `${D} 08:00:00`],
        ['p', 'Q', 'accepted', `${D} 08:00:00`],
      ]),
    ).toEqual([
      row('p', 'Q', `${D} 08:00:00`, `${D} 08:00:00`, 'accepted', 1),
      row('p', 'Q', `${D} 08:00:00`, null, 'completed', 1, 0),
    ]);
  });

  it('exact duplicates count once', async () => {
    const acc: Ev = ['p', 'Q', 'accepted', `${D} 08:00:00`];
    expect(await stateOf([acc, acc, ['p', 'Q', 'completed', `${D} 08:10:00`], acc])).toEqual([
      row('p', 'Q', `${D} 08:00:00`, `${D} 08:10:00`, 'accepted', 1),
      row('p', 'Q', `${D} 08:10:00`, null, 'completed', 1, 600),
    ]);
  });

  it('events out of order across files give the same state as in order', async () => {
    const db = await freshDb();
    await loadEvents(db, [['p', 'Q', 'completed', `${D} 09:00:00`]]);
    await loadEvents(db, [
      ['p', 'Q', 'declined', `${D} 07:00:00`],
      ['p', 'Q', 'accepted', `${D} 08:00:00`],
    ]);
    expect(await refreshState(db, silent)).toEqual({ players: 1, recomputed: 1, rows: 3 });
    expect(await state(db)).toEqual([
      row('p', 'Q', `${D} 07:00:00`, `${D} 08:00:00`, 'declined', 0),
      row('p', 'Q', `${D} 08:00:00`, `${D} 09:00:00`, 'accepted', 1),
      row('p', 'Q', `${D} 09:00:00`, null, 'completed', 1, 3600),
    ]);
    db.close();
  });
});

describe('incremental refresh', () => {
  it('drops the state of a player whose events were all removed (a replaced file)', async () => {
    const db = await freshDb();
    await loadEvents(db, [['gone', 'Q', 'accepted', `${D} 08:00:00`]]);
    await loadEvents(db, [['kept', 'Q', 'declined', `${D} 08:00:00`]]);
    await refreshState(db, silent);
    await db.run("DELETE FROM events WHERE player_id = 'gone'");
    await db.run("INSERT INTO dirty_players VALUES ('gone')");
    expect(await refreshState(db, silent)).toEqual({ players: 1, recomputed: 1, rows: 0 });
    expect(await state(db)).toEqual([row('kept', 'Q', `${D} 08:00:00`, null, 'declined', 0)]);
    db.close();
  });

  const day1: Ev[] = [
    ['a', 'Q1', 'accepted', '2026-11-20 08:00:00'],
    ['a', 'Q2', 'declined', '2026-11-20 08:05:00'],
    ['b', 'Q1', 'accepted', '2026-11-20 09:00:00'],
    ['c', 'Q1', 'completed', '2026-11-20 10:00:00'],
  ];
  const day2: Ev[] = [
    ['a', 'Q1', 'completed', '2026-11-21 08:00:00'],
    ['a', 'Q2', 'accepted', '2026-11-21 08:30:00'],
    ['d', 'Q1', 'accepted', '2026-11-21 09:00:00'],
    // Late data: an event older than everything already loaded.
    ['b', 'Q1', 'declined', '2026-11-19 23:00:00'],
  ];

  it('gives the same state as a full rebuild: continues a, d from their state, recomputes late b, leaves c', async () => {
    const inc = await freshDb();
    await loadEvents(inc, day1);
    expect(await refreshState(inc, silent)).toEqual({ players: 3, recomputed: 3, rows: 4 });
    // Marks c's state: if the second refresh recomputed c (not dirty), the mark would vanish.
    await inc.run("UPDATE state_current SET attempts = 99 WHERE player_id = 'c'");
    await loadEvents(inc, day2);
    expect(await inc.all('SELECT DISTINCT player_id FROM dirty_players ORDER BY 1')).toEqual([
      { player_id: 'a' },
      { player_id: 'b' },
      { player_id: 'd' },
    ]);
    // a (both quests) and d continue from state_current: 3 new intervals; b's event predates its state: both of b's.
    expect(await refreshState(inc, silent)).toEqual({ players: 3, recomputed: 1, rows: 5 });
    expect(await inc.all("SELECT attempts FROM quest_state WHERE player_id = 'c'")).toEqual([{ attempts: 99 }]);
    expect(await inc.all('SELECT count(*)::INTEGER AS n FROM dirty_players')).toEqual([{ n: 0 }]);
    // Nothing dirty: a refresh is a no-op.
    expect(await refreshState(inc, silent)).toEqual({ players: 0, recomputed: 0, rows: 0 });
    await inc.run("UPDATE state_current SET attempts = 0 WHERE player_id = 'c'");

    const full = await freshDb();
    await loadEvents(full, [...day1, ...day2]);
    await refreshState(full, silent);
    const fullRows = await state(full);
    expect(await state(inc)).toEqual(fullRows);
    expect(fullRows).toHaveLength(8);
    inc.close();
    full.close();
  });
});
