// The shared statistical macros (src/sql/stats/macros.sql), checked against hand-worked values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../src/engine/db.js';

let db: Db;
beforeAll(async () => {
  db = await Db.open(':memory:');
});
afterAll(() => db.close());

const q = async (sql: string) =>
  Object.values((await db.one<Record<string, number | null>>(`SELECT ${sql} AS v`)) ?? {})[0];

describe('Wilson interval and two-proportion test', () => {
  it('matches hand-worked Wilson intervals', async () => {
    // 5 of 10: p = 0.5, z² = 3.841459, z²/2n = 0.192073, sqrt(p(1-p)/n + z²/4n²) = sqrt(0.025 + 0.0096036) = 0.186020,
    // z·that = 0.364595, denominator 1 + z²/n = 1.384146: low (0.692073 − 0.364595)/1.384146 = 0.236593,
    // high (0.692073 + 0.364595)/1.384146 = 0.763407.
    expect(await q('ql_wilson_low(5, 10)')).toBeCloseTo(0.236593, 6);
    expect(await q('ql_wilson_high(5, 10)')).toBeCloseTo(0.763407, 6);
    // 0 of 10: low is exactly 0, high = (0.192073 + 1.959964·0.0979980)/1.384146 = 0.277533.
    expect(await q('ql_wilson_low(0, 10)')).toBe(0);
    expect(await q('ql_wilson_high(0, 10)')).toBeCloseTo(0.277533, 6);
    // 10 of 10 mirrors it.
    expect(await q('ql_wilson_low(10, 10)')).toBeCloseTo(1 - 0.277533, 6);
    expect(await q('ql_wilson_high(10, 10)')).toBe(1);
    // INTEGER counts past 23,170 (4n² overflows INT32, as the snapshots' players column did at 1M events): 50,000 of
    // 100,000: p = 0.5, z²/2n = 0.0000192073, sqrt(0.25/100000 + z²/4n²) = 0.00158114, z·that = 0.00309898,
    // denominator 1.0000384146: low (0.5000192073 − 0.00309898)/1.0000384146 = 0.496901.
    expect(await q('ql_wilson_low(50000::INTEGER, 100000::INTEGER)')).toBeCloseTo(0.496901, 6);
    expect(await q('ql_wilson_high(50000::INTEGER, 100000::INTEGER)')).toBeCloseTo(0.503099, 6);
    // No players, no rate.
    expect(await q('ql_wilson_low(0, 0)')).toBeNull();
    expect(await q('ql_wilson_high(0, 0)')).toBeNull();
  });

  it('matches a hand-worked two-proportion z', async () => {
    // 30/100 vs 20/100: pooled 0.25, se = sqrt(0.25·0.75·(1/100 + 1/100)) = 0.0612372, z = 0.1/0.0612372 = 1.632993.
    expect(await q('ql_two_prop_z(30, 100, 20, 100)')).toBeCloseTo(1.632993, 6);
    expect(await q('ql_two_prop_z(20, 100, 30, 100)')).toBeCloseTo(-1.632993, 6);
    // Undefined when a side is empty or both rates are 0 (or both 1).
    expect(await q('ql_two_prop_z(0, 0, 3, 10)')).toBeNull();
    expect(await q('ql_two_prop_z(0, 10, 0, 12)')).toBeNull();
    expect(await q('ql_two_prop_z(10, 10, 12, 12)')).toBeNull();
  });
});
