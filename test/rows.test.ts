// Db.all's rows (src/engine/rows.ts) are exactly what DuckDB's own getRowObjectsJson gives: values, types, key order.
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../src/engine/db.js';

const db = await Db.open(':memory:');
afterAll(() => db.close());

const SQL = `SELECT * FROM (VALUES
  (1, 2::BIGINT, 1.5::DOUBLE, 'a', DATE '2026-01-02', TIMESTAMP '2026-01-02 03:04:05', true, [1, 2], 3::TINYINT,
   0.25::FLOAT, 7::UINTEGER, {'k': 'v'}, 1.25::DECIMAL(5, 2)),
  (NULL, NULL, 'NaN'::DOUBLE, NULL, NULL, NULL, false, NULL, NULL, 'inf'::FLOAT, NULL, NULL, NULL),
  (-3, 9007199254740993::BIGINT, '-inf'::DOUBLE, 'é ü', DATE '1999-12-31', NULL, NULL, [], -1::TINYINT, NULL, 0::UINTEGER,
   {'k': NULL}, -0.5::DECIMAL(5, 2))
) t(i, big, d, s, day, ts, b, list, tiny, f, u, st, dec)
ORDER BY i NULLS FIRST`;

describe('Db.all rows', () => {
  it('equal getRowObjectsJson for every type a query returns, nulls and non-finite numbers included', async () => {
    const expected = (await db.connection.runAndReadAll(SQL)).getRowObjectsJson();
    const rows = await db.all(SQL);
    expect(rows).toEqual(expected);
    expect(rows.map((r) => Object.keys(r))).toEqual(expected.map((r) => Object.keys(r)));
    expect(rows[0]).toEqual({
      i: null,
      big: null,
      d: 'NaN',
      s: null,
      day: null,
      ts: null,
      b: false,
      list: null,
      tiny: null,
      f: 'Infinity',
      u: null,
      st: null,
      dec: null,
    });
    expect(rows[1]).toMatchObject({ i: -3, big: '9007199254740993', d: '-Infinity', s: 'é ü', day: '1999-12-31' });
    expect(rows[2]).toMatchObject({ i: 1, big: '2', d: 1.5, day: '2026-01-02', ts: '2026-01-02 03:04:05', b: true });
    expect(rows[2]?.list).toEqual([1, 2]);
  });

  it('keeps duplicate column names apart as DuckDB names them, and a __proto__ column as a plain key', async () => {
    const dup = 'SELECT 1 AS a, 2 AS a, 3 AS "__proto__" ORDER BY 1';
    const expected = (await db.connection.runAndReadAll(dup)).getRowObjectsJson();
    const rows = await db.all(dup);
    expect(rows).toEqual(expected);
    expect(Object.keys(rows[0] ?? {})).toEqual(Object.keys(expected[0] ?? {}));
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('equal getRowObjectsJson across chunks (5,000 rows: three chunks, nulls and dates in each)', async () => {
    const many = `SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i / 4 END AS d, DATE '2026-01-01' + (i % 40)::INTEGER AS day,
      CASE WHEN i % 3 = 0 THEN NULL ELSE 'q' || i END AS s FROM range(5000) t(i) ORDER BY i`;
    const expected = (await db.connection.runAndReadAll(many)).getRowObjectsJson();
    const rows = await db.all(many);
    expect(rows).toHaveLength(5000);
    expect(rows).toEqual(expected);
    expect(rows[4999]).toEqual({ i: '4999', d: 1249.75, day: '2026-02-09', s: 'q4999' });
  });

  it('gives an empty result as no rows', async () => {
    expect(await db.all('SELECT 1 AS x WHERE false ORDER BY 1')).toEqual([]);
  });
});
