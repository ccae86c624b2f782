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
  ['2026-01-01T10:00:00+02:00 ', '2026-01-01 08:00:00'],
  ['2026-01-01T10:00:00Z\t', '2026-01-01 10:00:00'],
  ['2026-01-01 12:00:00 America/New_York', '2026-01-01 17:00:00'],
  ['  2026-01-01 10:00:00  ', '2026-01-01 10:00:00'],
  // Epoch seconds (2026-01-01 00:00:00 UTC is 1767225600; +36000 s is 10:00): digits only, then any number.
  ['1767261600', '2026-01-01 10:00:00'],
  ['01767261600', '2026-01-01 10:00:00'],
  ['99999999999', '5138-11-16 09:46:39'],
  ['1767261600.5', '2026-01-01 10:00:00.5'],
  [' 1767261600 ', '2026-01-01 10:00:00'],
  ['1.7672616e9', '2026-01-01 10:00:00'],
  ['-1', '1969-12-31 23:59:59'],
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
