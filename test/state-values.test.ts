// The segment values an incremental state refresh gives its open rows: the pair's first event's build and platform
// (pair_first), the player's own (player_values) and first sighting (player_first), as merged with the night's files
// once (state/pairs_merge.sql, or pairs_night.sql from the pairs' open rows; player_values.sql, players.sql) and
// reused by state/open_values.sql, which reads the big tables only for recomputed players' other pairs and players
// without new events. Hand-written events, exact rows after every refresh, and the same rows as one refresh of every
// file (what a rebuild gives).
import { describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import { type Db, sqlFile } from '../src/engine/db.js';
import { refreshState } from '../src/engine/state.js';
import { loadSegmentEvents, type SegEv } from './fixtures/segments/load.js';
import { freshDb } from './helpers.js';

const NIGHT1: SegEv[] = [
  ['a', 'Q1', 'accepted', '2026-11-20 10:00:00', '1.0', 'pc'],
  ['a', 'Q2', 'accepted', '2026-11-20 11:00:00', '1.0', 'pc'],
  ['b', 'Q1', 'accepted', '2026-11-21 09:00:00', '1.1', 'ios'],
  ['d', 'Q3', 'accepted', '2026-11-20 12:00:00', '1.0', 'pc'],
  ['e', 'Q1', 'accepted', '2026-11-21 10:00:00', '1.0', 'pc'],
  ['f', 'Q1', 'accepted', '2026-11-21 10:00:00', '1.0', 'pc'],
];
const SEEN1: [string, string][] = [['f', '2026-11-19 00:00:00']];
// a continues Q1 on another build (the pair keeps its first event's); b meets Q2 (a new pair of a known player); c is new.
const NIGHT2: SegEv[] = [
  ['a', 'Q1', 'completed', '2026-11-22 10:00:00', '1.2', 'ios'],
  ['b', 'Q2', 'accepted', '2026-11-22 12:00:00', '1.2', 'ios'],
  ['c', 'Q1', 'declined', '2026-11-22 13:00:00', '1.2', null],
];
// A late file: b's Q1 event before everything of b (b is recomputed, Q1's first event, b's own values and first
// sighting all move earlier; b's Q2 has no new event); a continues Q2. Without a recompute: e is seen earlier (its
// first sighting moves), f meets Q2 before its first quest event (its own values move, not its first sighting).
const NIGHT3: SegEv[] = [
  ['b', 'Q1', 'declined', '2026-11-19 08:00:00', '0.9', 'pc'],
  ['a', 'Q2', 'abandoned', '2026-11-23 10:00:00', '1.3', 'pc'],
  ['f', 'Q2', 'accepted', '2026-11-20 09:00:00', '0.8', 'ios'],
];
const SEEN3: [string, string][] = [['e', '2026-11-18 07:00:00']];

type Values = [string, string, string, string | null, string | null, string | null, string | null, string];

async function current(db: Db): Promise<Values[]> {
  const rows = await db.all<Record<string, string | null>>(
    `SELECT player_id, quest_id, bucket::VARCHAR AS bucket, pair_build, pair_platform, own_build, own_platform,
       strftime(seen, '%m-%d %H:%M') AS seen
     FROM state_current ORDER BY player_id, quest_id`,
  );
  return rows.map((r) => Object.values(r) as Values);
}

/** pair_first, player_values and player_first, one string per row. */
async function merged(db: Db): Promise<string[]> {
  const rows = await db.all<{ r: string }>(
    `SELECT * FROM (
       SELECT concat_ws(' ', 'pair', player_id, quest_id, strftime(first_ts, '%m-%d %H:%M'), build, platform) AS r
       FROM pair_first
       UNION ALL
       SELECT concat_ws(' ', 'values', player_id, strftime(first_ts, '%m-%d %H:%M'), build, platform) FROM player_values
       UNION ALL
       SELECT concat_ws(' ', 'first', player_id, strftime(first_seen, '%m-%d %H:%M')) FROM player_first
     ) ORDER BY r`,
  );
  return rows.map((x) => x.r);
}

describe('state refresh: segment values of the open rows', () => {
  it('keeps each pair its first event values and each player their own, night after night and on a late file', async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, NIGHT1, SEEN1);
    await refreshState(db, silent);
    await loadSegmentEvents(db, NIGHT2);
    expect((await refreshState(db, silent)).recomputed).toBe(0);
    expect(await current(db)).toEqual([
      ['a', 'Q1', 'completed', '1.0', 'pc', '1.0', 'pc', '11-20 10:00'],
      ['a', 'Q2', 'accepted', '1.0', 'pc', '1.0', 'pc', '11-20 10:00'],
      ['b', 'Q1', 'accepted', '1.1', 'ios', '1.1', 'ios', '11-21 09:00'],
      ['b', 'Q2', 'accepted', '1.2', 'ios', '1.1', 'ios', '11-21 09:00'],
      ['c', 'Q1', 'declined', '1.2', null, '1.2', null, '11-22 13:00'],
      ['d', 'Q3', 'accepted', '1.0', 'pc', '1.0', 'pc', '11-20 12:00'],
      ['e', 'Q1', 'accepted', '1.0', 'pc', '1.0', 'pc', '11-21 10:00'],
      ['f', 'Q1', 'accepted', '1.0', 'pc', '1.0', 'pc', '11-19 00:00'],
    ]);
    await loadSegmentEvents(db, NIGHT3, SEEN3);
    // d has no new event but is dirty (as after a removed event): recomputed from the kept tables' values.
    await db.run("INSERT INTO dirty_players VALUES ('d')");
    expect((await refreshState(db, silent)).recomputed).toBe(2);
    const after = [
      ['a', 'Q1', 'completed', '1.0', 'pc', '1.0', 'pc', '11-20 10:00'],
      ['a', 'Q2', 'abandoned', '1.0', 'pc', '1.0', 'pc', '11-20 10:00'],
      ['b', 'Q1', 'accepted', '0.9', 'pc', '0.9', 'pc', '11-19 08:00'],
      ['b', 'Q2', 'accepted', '1.2', 'ios', '0.9', 'pc', '11-19 08:00'],
      ['c', 'Q1', 'declined', '1.2', null, '1.2', null, '11-22 13:00'],
      ['d', 'Q3', 'accepted', '1.0', 'pc', '1.0', 'pc', '11-20 12:00'],
      ['e', 'Q1', 'accepted', '1.0', 'pc', '1.0', 'pc', '11-18 07:00'],
      ['f', 'Q1', 'accepted', '1.0', 'pc', '0.8', 'ios', '11-19 00:00'],
      ['f', 'Q2', 'accepted', '0.8', 'ios', '0.8', 'ios', '11-19 00:00'],
    ];
    expect(await current(db)).toEqual(after);
    const kept = [
      'first a 11-20 10:00',
      'first b 11-19 08:00',
      'first c 11-22 13:00',
      'first d 11-20 12:00',
      'first e 11-18 07:00',
      'first f 11-19 00:00',
      'pair a Q1 11-20 10:00 1.0 pc',
      'pair a Q2 11-20 11:00 1.0 pc',
      'pair b Q1 11-19 08:00 0.9 pc',
      'pair b Q2 11-22 12:00 1.2 ios',
      'pair c Q1 11-22 13:00 1.2',
      'pair d Q3 11-20 12:00 1.0 pc',
      'pair e Q1 11-21 10:00 1.0 pc',
      'pair f Q1 11-21 10:00 1.0 pc',
      'pair f Q2 11-20 09:00 0.8 ios',
      'values a 11-20 10:00 1.0 pc',
      'values b 11-19 08:00 0.9 pc',
      'values c 11-22 13:00 1.2',
      'values d 11-20 12:00 1.0 pc',
      'values e 11-21 10:00 1.0 pc',
      'values f 11-20 09:00 0.8 ios',
    ];
    expect(await merged(db)).toEqual(kept);
    db.close();

    // One refresh of the three files gives the same rows.
    const whole = await freshDb();
    await loadSegmentEvents(whole, NIGHT1, SEEN1);
    await loadSegmentEvents(whole, NIGHT2);
    await loadSegmentEvents(whole, NIGHT3, SEEN3);
    await refreshState(whole, silent);
    expect(await current(whole)).toEqual(after);
    expect(await merged(whole)).toEqual(kept);
    whole.close();
  });

  // The merge a load as large as the history takes (state/pairs_merge.sql: not a first build, no open rows read), on
  // hand-written pair_first rows and new pairs: an earlier first event replaces the row, a later one keeps it, a tie
  // at the same instant goes to the earlier file, a new pair is added.
  it('merges new first events into pair_first on a large load', async () => {
    const db = await freshDb();
    await db.run(`INSERT INTO pair_first VALUES
      ('a', 'Q1', '2026-11-20 10:00:00', 1, 1, '1.0', 'pc'),
      ('a', 'Q2', '2026-11-20 11:00:00', 1, 2, '1.0', 'pc'),
      ('b', 'Q1', '2026-11-21 09:00:00', 2, 5, '1.1', 'ios')`);
    await db.run(`CREATE TEMP TABLE state_pairs AS SELECT * FROM (VALUES
      ('a', 'Q1', TIMESTAMP '2026-11-19 08:00:00', 3, 1, '0.9', 'ps5'),
      ('a', 'Q2', TIMESTAMP '2026-11-22 08:00:00', 3, 2, '1.2', 'ios'),
      ('b', 'Q1', TIMESTAMP '2026-11-21 09:00:00', 3, 3, '1.3', 'xbox'),
      ('c', 'Q1', TIMESTAMP '2026-11-22 09:00:00', 3, 4, '1.2', NULL)
    ) t(player_id, quest_id, first_ts, file_id, line, build, platform)`);
    await db.run(sqlFile('state/pairs_merge'));
    expect(await merged(db)).toEqual([
      'pair a Q1 11-19 08:00 0.9 ps5',
      'pair a Q2 11-20 11:00 1.0 pc',
      'pair b Q1 11-21 09:00 1.1 ios',
      'pair c Q1 11-22 09:00 1.2',
    ]);
    const values = await db.all<{ r: string }>(
      `SELECT concat_ws(' ', player_id, quest_id, build, platform) AS r FROM state_pair_values ORDER BY r`,
    );
    expect(values.map((x) => x.r)).toEqual(['a Q1 0.9 ps5', 'a Q2 1.0 pc', 'b Q1 1.1 ios', 'c Q1 1.2']);
    db.close();
  });
});
