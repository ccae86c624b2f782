// ql_ts (src/sql/ingest/macros.sql) tells the usual time shapes apart with cheap fixed-position tests before it reaches
// its regexes. Each text here sits on an edge of one of those tests; all are parsed in one vector after a named zone,
// as a file mixes them (DuckDB's zone-aware cast carries a named zone over to later zone-less times in a vector).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, runScript, sqlFile } from '../src/engine/db.js';
import { freshDb } from './helpers.js';

/** [text, the UTC time ql_ts must give (DuckDB's TIMESTAMP text) or null for no time]. */
const SHAPES: [string, string | null][] = [
  ['2026-01-01 10:00:00 Europe/Paris', '2026-01-01 09:00:00'],
  // Zone-less: the plain cast, whatever follows a named zone.
  ['2026-01-01T10:00:00', '2026-01-01 10:00:00'],
  ['2026-07-01T10:00:00.123456', '2026-07-01 10:00:00.123456'],
  ['2026-01-02', '2026-01-02 00:00:00'],
  ['2026-01-01 10:00', '2026-01-01 10:00:00'],
  ['2026-1-2 3:04', '2026-01-02 03:04:00'],
  // Zone-less shapes the zone-less regex refuses but the casts read: the plain cast too (they took the zone-aware one
  // and with it the named zone above until round 13: 09:00, and 09:50:39 for the year 26 by Paris' local mean time).
  ['2026-01-01 10:0:00', '2026-01-01 10:00:00'],
  ['2026-01-01 10:00:', '2026-01-01 10:00:00'],
  ['0026-01-01 10:00:00', '0026-01-01 10:00:00'],
  ['2026-01-01T10:0:00', '2026-01-01 10:00:00'],
  // A sign after the date or letters name a zone: the zone-aware cast ('+02:' is read as +02:00).
  ['2026-01-01T10:00:00+02:', '2026-01-01 08:00:00'],
  // 'Z' and '±HH:MM' up to 14:00 at the end: the zone-aware cast, spaces before or not.
  ['2026-01-01T10:00:00Z', '2026-01-01 10:00:00'],
  [' 2026-01-01T10:00:00.5Z', '2026-01-01 10:00:00.5'],
  ['2026-01-01T10:00:00+02:00', '2026-01-01 08:00:00'],
  ['2026-01-01 10:00:00.250-05:30', '2026-01-01 15:30:00.25'],
  ['2026-01-01T10:00:00+14:00', '2025-12-31 20:00:00'],
  ['2026-01-01T10:00:00-14:00', '2026-01-02 00:00:00'],
  ['2026-01-01T10:00:00+00:00', '2026-01-01 10:00:00'],
  // Past the fixed tests: beyond ±14:00, other offset forms, spaces after, named zones.
  ['2026-01-01T10:00:00+14:01', null],
  ['2026-01-01T10:00:00-15:00', null],
  ['2026-01-01T10:00:00+0530', '2026-01-01 04:30:00'],
  ['2026-01-01T10:00:00-1401', null],
  ['2026-01-01T10:00:00+05', '2026-01-01 05:00:00'],
  ['2026-01-01T10:00:00+02:00:30', '2026-01-01 07:59:30'],
  // Offset seconds count toward ±14:00: '+99:00:00' moved its time 99 hours until round 13.
  ['2026-01-01T10:00:00+14:00:01', null],
  ['2026-01-01T10:00:00+99:00:00', null],
  ['2026-01-01T10:00:00+02:00 ', '2026-01-01 08:00:00'],
  ['2026-01-01T10:00:00Z\t', '2026-01-01 10:00:00'],
  ['2026-01-01 12:00:00 America/New_York', '2026-01-01 17:00:00'],
  ['  2026-01-01 10:00:00  ', '2026-01-01 10:00:00'],
  // Tabs, CR and Unicode spaces are trimmed; until round 13 the tab-led one took the named zone above (09:00).
  ['\t2026-01-01 10:00:00\r', '2026-01-01 10:00:00'],
  ['2026-01-01T10:00:00\u00a0', '2026-01-01 10:00:00'],
  // Epoch seconds below 1e11 (2026-01-01 00:00:00 UTC is 1767225600; +36000 s is 10:00): digits, then any number.
  ['1767261600', '2026-01-01 10:00:00'],
  ['01767261600', '2026-01-01 10:00:00'],
  ['99999999999', '5138-11-16 09:46:39'],
  ['1767261600.5', '2026-01-01 10:00:00.5'],
  [' 1767261600 ', '2026-01-01 10:00:00'],
  ['1.7672616e9', '2026-01-01 10:00:00'],
  ['-1', '1969-12-31 23:59:59'],
  // Epoch milliseconds from 1e11, microseconds from 1e14, nanoseconds from 1e17 (README "events"), to the microsecond.
  // 1e8 s is 1157 days 09:46:40 (1970-72: 1096 days, then 61 into 1973): 1973-03-03, each unit's first time.
  ['100000000000', '1973-03-03 09:46:40'],
  ['1767261600000', '2026-01-01 10:00:00'],
  ['1767261600123', '2026-01-01 10:00:00.123'],
  ['99999999999999', '5138-11-16 09:46:39.999'],
  ['01767261600000', '2026-01-01 10:00:00'],
  ['1767261600123.5', '2026-01-01 10:00:00.1235'],
  ['1.7672616e12', '2026-01-01 10:00:00'],
  // 1767261600 s before 1970-01-01 00:00 is 56 years (14 leap days) and 10 hours before: 1913-12-31 14:00.
  ['-1767261600000', '1913-12-31 14:00:00'],
  ['100000000000000', '1973-03-03 09:46:40'],
  ['1767261600123456', '2026-01-01 10:00:00.123456'],
  ['1767261600123456789', '2026-01-01 10:00:00.123457'],
  ['1767261600123456499', '2026-01-01 10:00:00.123456'],
  // 1e19 ns (past BIGINT) is 1e10 s: 115740 days 17:46:40 after 1970, 2286-11-20.
  ['10000000000000000000', '2286-11-20 17:46:40'],
  ['1e20', null],
  // No time: these failed the whole file before (to_timestamp of every number, then the filter), or read as infinity.
  ['nan', null],
  ['1e300', null],
  ['inf', null],
  ['-infinity', null],
  ['noon', null],
  ['', null],
];

let db: Db;

beforeAll(async () => {
  db = await freshDb();
  await runScript(db, sqlFile('ingest/macros'));
});
afterAll(() => db?.close());

describe('ql_ts', () => {
  it('gives each shape of time its instant in UTC, in one vector after a named zone', async () => {
    const values = SHAPES.map((_, i) => `(${i}, $t${i})`).join(', ');
    const params = Object.fromEntries(SHAPES.map(([t], i) => [`t${i}`, t]));
    const rows = await db.all<{ t: string; ts: string | null }>(
      `SELECT t, ql_ts(t)::VARCHAR AS ts FROM (VALUES ${values}) v(i, t) ORDER BY i`,
      params,
    );
    expect(rows.map((r) => [r.t, r.ts])).toEqual(SHAPES);
  });
});
