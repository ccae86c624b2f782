// Event times with zones, as exports mix them. DuckDB's zone-aware cast of a column carried a named zone
// ('… Europe/Paris') over to the zone-less times after it, moving them by that zone's offset with no reject; and an
// offset no zone has (+25:00) was taken as a time a day away. Every reader path (CSV and NDJSON fast paths, the exact
// line-by-line path) parses times with one macro (ql_ts): each path is checked here on the same rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { ingest } from '../src/ingest/ingest.js';
import { sharedDb } from './helpers.js';

/** [text as logged, the instant in UTC it must be stored as]. */
const TIMES: [string, string][] = [
  ['2026-01-01 10:00:00 Europe/Paris', '2026-01-01 09:00:00'],
  ['2026-01-01T10:00:00', '2026-01-01 10:00:00'],
  ['2026-07-01T10:00:00.5', '2026-07-01 10:00:00.5'],
  ['2026-01-02', '2026-01-02 00:00:00'],
  ['  2026-01-01 10:00:00  ', '2026-01-01 10:00:00'],
  ['2026-01-01 10:00', '2026-01-01 10:00:00'],
  ['2026-01-01T10:00:00+14:00', '2025-12-31 20:00:00'],
  ['2026-01-01T10:00:00-05:30', '2026-01-01 15:30:00'],
  ['2026-01-01T10:00:00+0530', '2026-01-01 04:30:00'],
  ['2026-01-01T10:00:00Z', '2026-01-01 10:00:00'],
  ['1767261600', '2026-01-01 10:00:00'],
  ['1767261600500', '2026-01-01 10:00:00.5'],
  ['2026-01-01 12:00:00 America/New_York', '2026-01-01 17:00:00'],
  // 'Z' takes its own branch of ql_ts (no regex); right after a named zone it must stay UTC.
  ['2026-07-01T10:00:00.5Z', '2026-07-01 10:00:00.5'],
  ['2026-01-03T10:00:00', '2026-01-03 10:00:00'],
  // ISO 8601 and RFC 3339 allow a lower-case 't' and 'z', which DuckDB's casts refuse (were unparsable).
  ['2026-01-01t10:00:00z', '2026-01-01 10:00:00'],
  ['2026-01-01t10:00:00.5+02:00', '2026-01-01 08:00:00.5'],
  ['2026-01-01 10:00:00z', '2026-01-01 10:00:00'],
  ['2026-01-01t10:00:00', '2026-01-01 10:00:00'],
  // To the minute, as ISO 8601 allows: zone-less times parsed, the zone-aware cast refused them with a zone.
  ['2026-01-01T10:00Z', '2026-01-01 10:00:00'],
  ['2026-01-01t10:00+02:00', '2026-01-01 08:00:00'],
  ['2026-07-01 10:00 Europe/Paris', '2026-07-01 08:00:00'],
  // ISO 8601's decimal comma (a CSV writer quotes it).
  ['2026-01-01T10:00:00,5Z', '2026-01-01 10:00:00.5'],
];
const player = (i: number) => `z${String(i).padStart(2, '0')}`;
/** A time as a CSV cell (quoted when it holds the delimiter). */
const cell = (t: string) => (t.includes(',') ? `"${t}"` : t);

const ctx = sharedDb();

async function stored(file: string) {
  return ctx.db.all<{ player_id: string; ts: string }>(
    `SELECT e.player_id, strftime(e.ts, '%Y-%m-%d %H:%M:%S') || CASE WHEN microsecond(e.ts) % 1000000 > 0
       THEN '.' || (microsecond(e.ts) % 1000000 // 100000)::VARCHAR ELSE '' END AS ts
     FROM events e JOIN files f USING (file_id) WHERE f.path = $p ORDER BY 1`,
    { p: join(ctx.dir, file) },
  );
}

const want = TIMES.map(([, utc], i) => ({ player_id: player(i), ts: utc }));

describe('event times with zones', () => {
  it.each([
    [
      'events.csv',
      `ts,player_id,quest_id,status\n${TIMES.map(([t], i) => `${cell(t)},${player(i)},Q1,start`).join('\n')}\n`,
    ],
    [
      'events.ndjson',
      `${TIMES.map(([t], i) => JSON.stringify({ ts: t, player_id: player(i), quest_id: 'Q1', status: 'start' })).join('\n')}\n`,
    ],
    // One bad line sends the file to the exact path: the same times there.
    [
      'exact.csv',
      `ts,player_id,quest_id,status\n${TIMES.map(([t], i) => `${cell(t)},${player(i)},Q1,start`).join('\n')}\nnoon,x,Q1,start\n`,
    ],
  ])('%s: a named zone moves only its own time; zone-less times stay UTC', async (name, text) => {
    writeFileSync(join(ctx.dir, name), text);
    const s = await ingest(ctx.db, { paths: [join(ctx.dir, name)], cwd: ctx.dir }, recorder());
    expect(s.files[0]?.loaded).toBe(TIMES.length);
    expect(await stored(name)).toEqual(want);
  });

  it('an offset beyond ±14:00 is no zone: the line is quarantined, not moved a day', async () => {
    const lines = ['+25:00', '-1401', '+99:00', '+14:01'].map((o, i) => `2026-01-01T10:00:00${o},o${i},Q1,start`);
    writeFileSync(join(ctx.dir, 'offsets.csv'), `ts,player_id,quest_id,status\n${lines.join('\n')}\n`);
    const s = await ingest(ctx.db, { paths: [join(ctx.dir, 'offsets.csv')], cwd: ctx.dir }, recorder());
    expect(s.files[0]).toMatchObject({ status: 'loaded', loaded: 0, rejected: 4 });
    const rejects = await ctx.db.all<{ line: number; reason: string }>(
      `SELECT r.line::INTEGER AS line, r.reason FROM rejects r JOIN files f USING (file_id) WHERE f.path = $p ORDER BY 1`,
      { p: join(ctx.dir, 'offsets.csv') },
    );
    expect(rejects.map((r) => [r.line, r.reason])).toEqual(
      ['+25:00', '-1401', '+99:00', '+14:01'].map((o, i) => [i + 2, `unparsable time '2026-01-01T10:00:00${o}'`]),
    );
  });

  // Epoch numbers by magnitude (README "events"): 1767261600 s is 2026-01-01 10:00:00 UTC, the same instant in ms
  // (×1e3), µs (×1e6) and ns (×1e9). 'nan' and 1e300 are no time: before round 13 either failed its whole file
  // ('Epoch seconds out of range'), and ms, µs and ns were refused or failed it too. Clean files take the fast paths;
  // a reject (and in NDJSON a line of bad JSON) sends a file to the exact path.
  const NUMS = ['1767261600', '1767261600000', '1767261600000000', '1767261600000000000', '"nan"', '1e300'];
  const csv = (n: number) =>
    `ts,player_id,quest_id,status\n${NUMS.slice(0, n)
      .map((t, i) => `${t.replaceAll('"', '')},n${i},Q1,start`)
      .join('\n')}`;
  const ndjson = (n: number) =>
    NUMS.slice(0, n)
      .map((t, i) => `{"ts":${t},"player_id":"n${i}","quest_id":"Q1","status":"start"}`)
      .join('\n');
  it.each([
    ['nums.csv', csv(4), 0],
    ['nums.ndjson', ndjson(4), 0],
    ['nums-exact.csv', csv(6), 2],
    ['nums-exact.ndjson', `${ndjson(6)}\n{"ts":`, 3],
  ])(
    '%s: epoch s, ms, µs and ns load as one instant; a number that is no time is quarantined',
    async (name, text, bad) => {
      writeFileSync(join(ctx.dir, name), `${text}\n`);
      const s = await ingest(ctx.db, { paths: [join(ctx.dir, name)], cwd: ctx.dir }, recorder());
      expect(s.files[0]).toMatchObject({ status: 'loaded', loaded: 4, rejected: bad });
      expect(await stored(name)).toEqual([0, 1, 2, 3].map((i) => ({ player_id: `n${i}`, ts: '2026-01-01 10:00:00' })));
    },
  );

  it('GameAnalytics client_ts in milliseconds', async () => {
    const row = { category: 'progression', event_id: 'Start:w1', user_id: 'g1', client_ts: 1767261600500 };
    writeFileSync(join(ctx.dir, 'ga.ndjson'), `${JSON.stringify(row)}\n`);
    const s = await ingest(
      ctx.db,
      { paths: [join(ctx.dir, 'ga.ndjson')], cwd: ctx.dir, format: 'gameanalytics' },
      recorder(),
    );
    expect(s.files[0]).toMatchObject({ status: 'loaded', loaded: 1, rejected: 0 });
    expect(await stored('ga.ndjson')).toEqual([{ player_id: 'g1', ts: '2026-01-01 10:00:00.5' }]);
  });
});
