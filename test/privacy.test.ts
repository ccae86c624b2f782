// The privacy floor: primary suppression under K, complementary suppression so nothing hidden can be recovered by
// subtraction, completion times under K completers. Hand-made rows, then the segment fixture through the real engine.
import { describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import type { SegmentRow } from '../src/domain/types.js';
import { getSegmentRows } from '../src/engine/segments.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { applyFloor } from '../src/publish/privacy.js';
import { FIXTURE, FIXTURE_SEEN, loadSegmentEvents } from './fixtures/segments/load.js';
import { freshDb } from './helpers.js';

/** A row with `enc` players who met the quest (of `players`), `completed` of them completers with times. */
function row(dimension: string | null, value: string | null, players: number, enc: number, completed = 0): SegmentRow {
  return {
    snapshot_date: '2026-11-28',
    quest_id: 'Q',
    name: 'Q',
    dimension,
    value,
    players,
    accepted: enc - completed,
    declined: 0,
    completed,
    abandoned: 0,
    failed: 0,
    not_encountered: players - enc,
    encountered: enc,
    completion_rate: players ? completed / players : null,
    completion_rate_low: 0,
    completion_rate_high: 1,
    reach_rate: players ? enc / players : null,
    reach_rate_low: 0,
    reach_rate_high: 1,
    conversion_rate: enc ? completed / enc : null,
    conversion_rate_low: 0,
    conversion_rate_high: 1,
    mean_seconds: completed ? 60 : null,
    min_seconds: completed ? 60 : null,
    max_seconds: completed ? 60 : null,
    median_seconds: completed ? 60 : null,
    p90_seconds: completed ? 60 : null,
    mean_attempts: completed ? 1 : null,
    anomalies: 0,
  };
}

const flags = (rows: SegmentRow[]) => rows.map((r) => [r.value, r.suppressed, r.times_suppressed]);

describe('privacy floor', () => {
  it('hides a value under K and, when it is the only one, the smallest other value that has players', () => {
    // Overall 17 met the quest: A 2 (< 5, hidden), B 6, C 0, D 9. Overall minus B, C, D would give A away, so B (the
    // smallest with players; C has none to protect) is hidden too: overall - C - D = A + B, which cannot be split.
    const out = applyFloor(
      [
        row(null, null, 40, 17, 10),
        row('build', 'A', 5, 2),
        row('build', 'B', 10, 6, 5),
        row('build', 'C', 5, 0),
        row('build', 'D', 20, 9, 5),
      ],
      5,
    );
    expect(flags(out)).toEqual([
      [null, false, false],
      ['A', true, true],
      ['B', true, true],
      ['C', false, false],
      // B's 5 completers' times went with B; D's mean x 5 subtracted from the overall's x 10 would give them back.
      ['D', false, true],
    ]);
    expect(out[1]).toMatchObject({ players: null, completed: null, completion_rate: null, completion_rate_low: null });
    expect(out[3]).toMatchObject({ players: 5, not_encountered: 5, completed: 0 });
    // Published counts add up to the overall's minus exactly the two hidden values, together.
    expect((out[0]?.players ?? 0) - (out[3]?.players ?? 0) - (out[4]?.players ?? 0)).toBe(15);
  });

  it('needs no complement when two values are under K, or when the overall row itself is hidden', () => {
    const two = applyFloor(
      [row(null, null, 20, 12), row('p', 'x', 5, 3), row('p', 'y', 5, 4), row('p', 'z', 10, 5)],
      5,
    );
    expect(flags(two)).toEqual([
      [null, false, false],
      ['x', true, true],
      ['y', true, true],
      ['z', false, false],
    ]);
    // 3 met the quest overall: the overall row and every value with players are hidden; a value nobody met is shown.
    const small = applyFloor([row(null, null, 20, 3), row('p', 'x', 10, 3), row('p', 'y', 10, 0)], 5);
    expect(flags(small)).toEqual([
      [null, true, true],
      ['x', true, true],
      ['y', false, false],
    ]);
  });

  it('hides completion times from 1 to K-1 completers, complementing them the same way', () => {
    // Overall 12 completers. A: 8 met it, 2 completed (times hidden); B 4 completers (times hidden too): two, no
    // complement. Then C alone with 3 completers beside D's 9: D's times go as well (overall mean x 12 - D's would
    // give C's).
    const two = applyFloor(
      [row(null, null, 30, 20, 12), row('b', 'A', 10, 8, 2), row('b', 'B', 10, 6, 4), row('b', 'Z', 10, 6, 6)],
      5,
    );
    expect(flags(two)).toEqual([
      [null, false, false],
      ['A', false, true],
      ['B', false, true],
      ['Z', false, false],
    ]);
    expect(two[1]).toMatchObject({ completed: 2, mean_seconds: null, median_seconds: null, mean_attempts: null });
    const one = applyFloor([row(null, null, 30, 20, 12), row('b', 'C', 10, 8, 3), row('b', 'D', 20, 12, 9)], 5);
    expect(flags(one)).toEqual([
      [null, false, false],
      ['C', false, true],
      ['D', false, true],
    ]);
  });

  it('is off at 0', () => {
    const out = applyFloor([row(null, null, 3, 1, 1), row('b', 'x', 3, 1, 1)], 0);
    expect(flags(out)).toEqual([
      [null, false, false],
      ['x', false, false],
    ]);
  });

  it('on the segment fixture with K = 2: build 1.4 (1 player met Q1) and its complement 1.5 are hidden', async () => {
    const db = await freshDb();
    await loadSegmentEvents(db, FIXTURE, FIXTURE_SEEN);
    await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
    const rows = applyFloor(await getSegmentRows(db, { date: '2026-11-28', dimension: 'build', quest: 'Q1' }), 2);
    // Q1 overall: 3 met it (published). 1.4: d alone -> hidden; 1.5: a and b -> hidden with it, else overall - (none)
    // - 1.5 = 1.4. (none): nobody met Q1 there -> shown.
    expect(rows.map((r) => [r.value, r.encountered, r.completed, r.suppressed])).toEqual([
      [null, 3, 2, false],
      ['(none)', 0, 0, false],
      ['1.4', null, null, true],
      ['1.5', null, null, true],
    ]);
    db.close();
  });
});
