// ql_ts old vs new on hand-picked and generated time texts, in vectors mixing shapes (a named zone's carry-over shows
// only inside one vector). Usage: node ts-equiv.mjs OLD_MACROS.sql NEW_MACROS.sql [fuzz rows, default 200000]
// Prints every text whose result differs (at most 60), then the count of texts compared and of differences.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
const picked = [
  '2026-01-01 10:00:00', '2026-01-01T10:00:00', '2026-01-01 10:00:00 Europe/Paris', '2026-01-01T10:00:00Z',
  '2026-01-01T10:00:00.5Z', '2026-01-01T10:00:00.123456Z', '2026-01-01T10:00:00+02:00', '2026-01-01T10:00:00-05:30',
  '2026-01-01T10:00:00+14:00', '2026-01-01T10:00:00-14:00', '2026-01-01T10:00:00+14:01', '2026-01-01T10:00:00+25:00',
  '2026-01-01T10:00:00+99:00', '2026-01-01T10:00:00+0530', '2026-01-01T10:00:00-1401', '2026-01-01T10:00:00+05',
  '2026-01-01T10:00:00+02:60', '2026-01-01T10:00:00+13:99', '2026-01-01T10:00:00+02:00:30', '2026-01-01T10:00:00 +02:00',
  '2026-01-01T10:00:00.123+02:00', '2026-01-01T10:00:00.123456-03:00', '2026-01-01 10:00:00+02:00', '2026-01-01+02:00',
  '2026-01-01T10:00+02:00', '2026-01-01T10+02:00', '2026-01-01T10:00:00+2:00', '2026-01-01T10:00:00+ 2:00',
  '2026-01-01T10:00:00+02:0', '2026-01-01T10:00:00-00:00', '2026-01-01T10:00:00+00:00', '2026-01-01T10:00:00z',
  '2026-01-01T10:00:00 UTC', '2026-01-01T10:00:00 CET', '2026-01-01T10:00:00EST', '2026-01-01 12:00:00 America/New_York',
  '2026-01-01T10:00:00.5', '2026-07-01T10:00:00.123456', '2026-01-02', '2026-1-2', '2026-01-01 10:00', '2026-01-01 1:00',
  '  2026-01-01 10:00:00  ', ' 2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z ', ' 2026-01-01T10:00:00+02:00',
  '2026-01-01T10:00:00+02:00 ', '\t2026-01-01 10:00:00', '2026-01-01 10:00:00\t', '1767261600', '1767261600.5',
  ' 1767261600', '1767261600 ', '-1767261600', '+1767261600', '1.7672616e9', '0', '00000001767261600', '99999999999',
  '100000000000', '1675209600000', '1675209600123', '1675209600123.456', '0001675209600000', '1675209600000000',
  '1675209600123456', '1675209600000000000', '1675209600123456789', '9223372036854775807', '9223372036854775808',
  '99999999999999999999', '100000000000000000000', '-1675209600000', '1e12', '1_000', '0x1F', 'inf', 'nan', '-0',
  '', ' ', 'noon', 'yesterday', 'not a time', '10000-01-01T00:00:00Z', '1900-01-01 00:00:00', '2026-02-30 10:00:00',
  '2026-13-01 10:00:00', '2026-01-01T24:00:00', '2026-01-01T10:00:00.5+02:00', '2026-01-01T10:00:00,5',
  '2026-01-01 10:00:00.', '20260101T100000Z', '2026-01-01T10:00:00+02:00[Europe/Paris]', '2026-01-01T10:00:00 Z',
  '2026-01-01T10:00:00ZZ', 'Z', '+02:00', '10:00:00+02:00', '2026-01-01T10:00:00-05:30 ', '12345678901+02:00',
  '2026-01-01 10:00:00 Asia/Kolkata', '2026-01-01 10:00:00 Europe/Paris', '2026-01-01 10:00:00', 'T'.repeat(300),
  '2026-01-01T10:00:00+99:00:00', '2026-01-01T10:00:00+14:00:01', '2026-01-01T10:00:00-14:00:00',
  'infinity', '-infinity', 'epoch', 'now', 'today', '1e300', '-1e300', '2026-01-01T10:00:00+02:00:30Z',
  '2026-01-01T10:00:00\u00a0', 'ＺZ', '２０２６-01-01 10:00:00', '2026-01-01T10:00:00+0２:00', '2026-01-01T10:00:00+02:00Z',
];
// Generated texts: pieces of time shapes glued at random, to reach the edges of every fixed-position test.
const pieces = ['2026', '-', '01', '1', 'T', ' ', ':', '00', '10', '.', '5', '123456', 'Z', '+', '02', '14', '15', '99',
  '60', ':00', 'Europe/Paris', 'UTC', '0', '9', '1767261600', '1675209600000', 'e', '\t', 'x'];
let seed = 7;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const fuzzN = Number(process.argv[4] ?? 200000);
const fuzz = [];
for (let i = 0; i < fuzzN; i++) {
  const base = picked[rnd(picked.length)];
  const k = rnd(4);
  let s = base;
  for (let j = 0; j <= k; j++) {
    const at = rnd(s.length + 1);
    const cut = rnd(3);
    s = s.slice(0, at) + (rnd(2) ? pieces[rnd(pieces.length)] : '') + s.slice(at + cut);
  }
  fuzz.push(s);
}
const all = [...picked, ...fuzz];
const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
const conns = [];
for (const file of process.argv.slice(2, 4)) {
  const c = await inst.connect();
  await c.run("SET TimeZone = 'UTC'");
  await c.run('CREATE TYPE IF NOT EXISTS quest_status AS ENUM (\'accepted\', \'declined\', \'completed\', \'abandoned\', \'failed\')');
  await c.run(readFileSync(file, 'utf8'));
  conns.push(c);
}
await conns[0].run('CREATE TABLE texts (i INTEGER, t VARCHAR)');
const app = await conns[0].createAppender('texts');
all.forEach((t, i) => { app.appendInteger(i); app.appendVarchar(t); app.endRow(); });
app.closeSync();
// Order kept (one thread, ORDER BY i): each vector mixes shapes as files do.
// The macro before round 13 failed the whole query on an epoch to_timestamp cannot take ('nan', '1e300'): such texts
// are compared on their own, one query each, the error as the result.
await conns[0].run(`CREATE TABLE crash AS SELECT i FROM texts WHERE [isnan(n) OR abs(n) >= 9e12 for n in [try_cast(trim(t) AS DOUBLE)]][1]`);
const q = (w) => `SELECT i, ql_ts(t)::VARCHAR FROM (SELECT * FROM texts WHERE i ${w} IN (SELECT i FROM crash) ORDER BY i) ORDER BY i`;
const rows = async (c, sql) => { try { return (await c.runAndReadAll(sql)).getRows(); } catch (e) { return null; } };
const [a, b] = await Promise.all([rows(conns[0], q('NOT')), rows(conns[1], q('NOT'))]);
b.push(...(await rows(conns[1], q(''))));
const crashed = (await conns[0].runAndReadAll('SELECT i FROM crash ORDER BY i')).getRows().map((r) => r[0]);
for (const i of crashed) {
  const x = await rows(conns[0], `SELECT ${i}, ql_ts(t)::VARCHAR FROM texts WHERE i = ${i}`);
  a.push(x ? x[0] : [i, 'ERROR']);
}
a.sort((p, q) => p[0] - q[0]);
b.sort((p, q) => p[0] - q[0]);
// Epoch numbers of 1e11 and more were refused before round 13 (or failed the query): now read by their magnitude.
// Such a difference is counted apart, and a text of digits only is checked against the rule computed here.
const num = new Map((await conns[0].runAndReadAll(
  'SELECT i, try_cast(trim(t) AS DOUBLE) FROM texts WHERE try_cast(trim(t) AS DOUBLE) IS NOT NULL')).getRows());
const ruled = (text) => {
  const d = text.trim();
  if (!/^[0-9]+$/.test(d)) return undefined;
  const n = BigInt(d);
  const us = n < 10n ** 11n ? n * 1000000n : n < 10n ** 14n ? n * 1000n : n < 10n ** 17n ? n : n < 10n ** 20n ? (n + 500n) / 1000n : null;
  if (us === null) return 'null';
  const ms = Number(us / 1000n);
  const iso = new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  const frac = String(us % 1000000n).padStart(6, '0').replace(/0+$/, '');
  return frac ? `${iso.slice(0, 19)}.${frac}` : iso.slice(0, 19);
};
let epochs = 0;
let ruleChecked = 0;
let ruleWrong = 0;
let diffs = 0;
for (let i = 0; i < all.length; i++) {
  if (String(a[i][1]) !== String(b[i][1])) {
    if (a[i][0] !== i || b[i][0] !== i) throw new Error(`row ${i} missing`);
    const n = num.get(i);
    if (n !== undefined && (Number.isNaN(n) || Math.abs(n) >= 1e11)) {
      epochs++;
      if (a[i][1] !== null && a[i][1] !== 'ERROR') console.log('WAS A TIME', JSON.stringify(all[i]), 'old', String(a[i][1]), 'new', String(b[i][1]));
      const want = ruled(all[i]);
      if (want !== undefined && Number(all[i].trim()) < 9.2e18) {
        ruleChecked++;
        if (want !== String(b[i][1])) { ruleWrong++; console.log('RULE', JSON.stringify(all[i]), 'want', want, 'new', String(b[i][1])); }
      }
      continue;
    }
    if (++diffs <= Number(process.env.SHOW ?? 60)) console.log(JSON.stringify(all[i]), 'old', String(a[i][1]), 'new', String(b[i][1]));
  }
}
console.log(`texts ${all.length}, differences ${diffs}; epoch numbers >= 1e11 (or NaN) apart: ${epochs}, of which ${ruleChecked} digit-only checked against the rule here, ${ruleWrong} wrong`);
