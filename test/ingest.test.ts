import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { inputMessages } from '../src/domain/input-messages.js';
import { ingestMessages } from '../src/domain/messages.js';
import { Db } from '../src/engine/db.js';
import { CHUNK, fingerprint } from '../src/ingest/fingerprint.js';
import { ingest } from '../src/ingest/ingest.js';
import { batchBytesMax, KindBatches, type Planned } from '../src/ingest/plan.js';
import { listRejects } from '../src/ingest/rejects.js';
import { startLimit } from '../src/ingest/results.js';
import { ANY, cli, FIXTURES, freshDb, messagePattern, tempDir } from './helpers.js';

const FX = join(FIXTURES, 'ingest');
const NOW = new Date('2026-12-01T00:00:00Z');

const events = (db: Db) =>
  db.all(
    `SELECT regexp_extract(f.path, '[^/]+/[^/]+$') AS file, e.line::INTEGER AS line, strftime(e.ts, '%Y-%m-%d %H:%M:%S') AS ts, e.player_id,
       e.quest_id, e.status::VARCHAR AS status, e.session_id, e.build, e.platform
     FROM events e JOIN files f USING (file_id) ORDER BY f.path, e.line`,
  );
const rejects = (db: Db) => db.all(`SELECT line::INTEGER AS line, reason, raw FROM rejects ORDER BY file_id, line`);
const ledger = (db: Db) =>
  db.all(
    `SELECT format, lines_read::INTEGER AS lines_read, loaded::INTEGER AS loaded, rejected::INTEGER AS rejected,
       ignored::INTEGER AS ignored FROM files ORDER BY path`,
  );
const players = (db: Db) =>
  db.all(
    `SELECT player_id, strftime(min(first_seen), '%Y-%m-%d %H:%M:%S') AS first_seen FROM file_players
     GROUP BY player_id ORDER BY player_id`,
  );
const counts = (db: Db) =>
  db.one(
    `SELECT (SELECT count(*) FROM files)::INTEGER AS files, (SELECT count(*) FROM events)::INTEGER AS events,
       (SELECT count(*) FROM rejects)::INTEGER AS rejects, (SELECT count(*) FROM file_players)::INTEGER AS players,
       (SELECT count(*) FROM dirty_players)::INTEGER AS dirty`,
  );

describe('seed session logs', () => {
  it('loads the seed lines with the player from the folder and times from the file name', async () => {
    const db = await freshDb();
    const fx = recorder();
    const s = await ingest(db, { paths: [join(FX, 'seed')], now: NOW }, fx);
    expect(s.totals).toMatchObject({ files: 2, files_loaded: 2, lines_read: 11, loaded: 6, rejected: 3, ignored: 2 });
    expect(await events(db)).toEqual([
      ev(
        'alice/2026-11-28T00-00-00.csv',
        1,
        '2026-11-28 08:00:00',
        'alice',
        'FET0001',
        'accepted',
        '2026-11-28T00-00-00',
      ),
      ev(
        'alice/2026-11-28T00-00-00.csv',
        2,
        '2026-11-28 08:30:00',
        'alice',
        'FET0001',
        'completed',
        '2026-11-28T00-00-00',
      ),
      ev(
        'alice/2026-11-28T00-00-00.csv',
        3,
        '2026-11-28 08:42:00',
        'alice',
        'FET0002',
        'declined',
        '2026-11-28T00-00-00',
      ),
      // bob's session starts with `SESSION_START,hello, world`: its message is the build and the platform, taken as
      // written (alice's file has no SESSION_START line: no build, no platform).
      ...[
        [2, '2026-11-29 10:01:00', 'FET0001', 'accepted'],
        [4, '2026-11-29 10:02:00', 'FET0001', 'abandoned'],
        [8, '2026-11-29 10:05:00', 'FET0002', 'accepted'],
      ].map(([line, ts, quest, status]) =>
        ev(
          'bob/2026-11-29T10-00-00.csv',
          Number(line),
          String(ts),
          'bob',
          String(quest),
          String(status),
          '2026-11-29T10-00-00',
          'hello,',
          'world',
        ),
      ),
    ]);
    expect(await rejects(db)).toEqual([
      { line: 5, reason: "unknown status 'MAYBE'", raw: '00:03:00,QUEST_STATUS,FET0001 MAYBE' },
      {
        line: 6,
        reason: "unparsable time 'xx:00:00' (expected HH:MM:SS)",
        raw: 'xx:00:00,QUEST_STATUS,FET0002 ACCEPTED',
      },
      {
        line: 7,
        reason: "malformed QUEST_STATUS message 'FET0002' (expected <QUEST_ID> <STATUS>)",
        raw: '00:04:00,QUEST_STATUS,FET0002',
      },
    ]);
    expect(await ledger(db)).toEqual([
      { format: 'seed', lines_read: 3, loaded: 3, rejected: 0, ignored: 0 },
      { format: 'seed', lines_read: 8, loaded: 3, rejected: 3, ignored: 2 },
    ]);
    // bob's session counts from its start: a rejected line still proves he played then.
    expect(await players(db)).toEqual([
      { player_id: 'alice', first_seen: '2026-11-28 08:00:00' },
      { player_id: 'bob', first_seen: '2026-11-29 10:00:00' },
    ]);
    expect(await db.all('SELECT player_id FROM dirty_players ORDER BY 1')).toEqual([
      { player_id: 'alice' },
      { player_id: 'bob' },
    ]);
    expect(fx.lines[1]).toMatch(
      /^ingest .*bob\/2026-11-29T10-00-00\.csv: loaded seed, 8 lines = 3 loaded \+ 3 quarantined \+ 2 ignored in \d+ ms$/,
    );
    db.close();
  });

  it('takes the session start from the mtime when the name is not a date, and the player from a regex', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const file = join(dir, 'logs', 'player-7_session.csv');
    writeFileSync(file, '00:10:00,QUEST_STATUS,Q1 ACCEPTED\n');
    const { utimesSync } = await import('node:fs');
    utimesSync(file, new Date('2026-03-01T12:00:00Z'), new Date('2026-03-01T12:00:00Z'));
    const db = await freshDb();
    await ingest(db, { paths: [file], player: '/player-(\\d+)_/' }, recorder());
    expect(await db.all(`SELECT player_id, strftime(ts, '%Y-%m-%d %H:%M:%S') AS ts FROM events`)).toEqual([
      { player_id: '7', ts: '2026-03-01 12:10:00' },
    ]);
    db.close();
  });
});

describe('canonical events', () => {
  it('NDJSON: synonyms, zones, epoch seconds, duplicates, and a reason per bad line', async () => {
    const db = await freshDb();
    const fx = recorder();
    const s = await ingest(db, { paths: [join(FX, 'events/events.ndjson')] }, fx);
    expect(s.files[0]).toMatchObject({ status: 'loaded', format: 'events', lines_read: 12, loaded: 6, rejected: 5 });
    expect(s.files[0]).toMatchObject({ ignored: 1, duplicates: 1 });
    const f = 'events/events.ndjson';
    expect(await events(db)).toEqual([
      ev(f, 1, '2026-11-28 08:00:00', 'p1', 'Q1', 'accepted', 's1', '1.0', 'pc'),
      ev(f, 2, '2026-11-28 09:00:00', 'p1', 'Q1', 'completed'),
      ev(f, 3, '2026-11-28 09:00:00', 'p2', 'Q1', 'declined'),
      ev(f, 5, '2026-11-28 09:00:00', 'p2', 'Q2', 'abandoned'),
      ev(f, 6, '2026-11-28 10:00:00', 'p3', 'Q2', 'failed'),
      ev(f, 7, '2026-11-28 10:00:00', 'p3', 'Q2', 'failed'),
    ]);
    const raw = readFileSync(join(FX, 'events/events.ndjson'), 'utf8').split('\n');
    expect(await rejects(db)).toEqual([
      { line: 8, reason: "unknown status 'teleported'", raw: raw[7] },
      { line: 9, reason: "unparsable time 'yesterday'", raw: raw[8] },
      { line: 10, reason: 'missing player_id', raw: raw[9] },
      { line: 11, reason: 'invalid JSON', raw: raw[10] },
      { line: 12, reason: inputMessages.jsonArray, raw: '[1,2,3]' },
    ]);
    expect(fx.lines[0]).toMatch(
      messagePattern(
        ingestMessages.fileLoaded({
          path: ANY,
          status: 'loaded',
          format: 'events',
          lines_read: 12,
          loaded: 6,
          rejected: 5,
          ignored: 1,
          duplicates: 1,
          bytes: 0,
          ms: Number.NaN,
        }),
      ),
    );
    db.close();
  });

  it('CSV: header, quoted commas, optional columns, wrong column counts', async () => {
    const db = await freshDb();
    const s = await ingest(db, { paths: [join(FX, 'events/events.csv')] }, recorder());
    expect(s.files[0]).toMatchObject({ status: 'loaded', lines_read: 8, loaded: 3, rejected: 3, ignored: 2 });
    const f = 'events/events.csv';
    expect(await events(db)).toEqual([
      ev(f, 2, '2026-11-28 08:00:00', 'p1', 'Q1', 'accepted', null, null, 'ios'),
      ev(f, 4, '2026-11-28 09:00:00', 'p1', 'Q,1', 'completed', null, null, 'ios'),
      ev(f, 7, '2026-11-28 09:50:00', 'p2', 'Q1', 'declined', null, null, 'android'),
    ]);
    expect(await rejects(db)).toEqual([
      { line: 5, reason: 'wrong number of columns: expected 5, found 3', raw: '2026-11-28 09:30:00,p1,Q1' },
      {
        line: 6,
        reason: 'wrong number of columns: expected 5, found 6',
        raw: '2026-11-28 09:40:00,p2,Q1,REJECTED,android,extra',
      },
      { line: 8, reason: "unparsable time 'not a time'", raw: 'not a time,p2,Q1,accepted,android' },
    ]);
    db.close();
  });

  it('Parquet: row numbers stand in for lines, a bad row is quarantined as JSON', async () => {
    const dir = tempDir();
    const file = join(dir, 'shard.parquet');
    const db = await freshDb();
    await db.run(
      `COPY (SELECT * FROM (VALUES (TIMESTAMP '2026-11-28 08:00:00', 'p9', 'Q9', 'accepted', 'web'),
         (TIMESTAMP '2026-11-28 08:05:00', 'p9', 'Q9', 'nope', 'web'),
         (TIMESTAMP '2026-11-28 08:10:00', 'p9', 'Q9', 'Completed', NULL)) t(ts, player_id, quest_id, status, platform))
       TO '${file}' (FORMAT parquet)`,
    );
    const s = await ingest(db, { paths: [file] }, recorder());
    expect(s.files[0]).toMatchObject({ status: 'loaded', format: 'events', lines_read: 3, loaded: 2, rejected: 1 });
    expect(await events(db)).toEqual([
      ev(file.split('/').slice(-2).join('/'), 1, '2026-11-28 08:00:00', 'p9', 'Q9', 'accepted', null, null, 'web'),
      ev(file.split('/').slice(-2).join('/'), 3, '2026-11-28 08:10:00', 'p9', 'Q9', 'completed'),
    ]);
    expect(await rejects(db)).toEqual([
      {
        line: 2,
        reason: "unknown status 'nope'",
        raw: '{"ts":"2026-11-28 08:05:00","player_id":"p9","quest_id":"Q9","status":"nope","platform":"web"}',
      },
    ]);
    db.close();
  });

  it('gzip variants load exactly like the plain file', async () => {
    const dir = tempDir();
    const gz = join(dir, 'events.ndjson.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(FX, 'events/events.ndjson'))));
    const plain = await freshDb();
    await ingest(plain, { paths: [join(FX, 'events/events.ndjson')] }, recorder());
    const zipped = await freshDb();
    const s = await ingest(zipped, { paths: [gz] }, recorder());
    expect(s.files[0]).toMatchObject({ status: 'loaded', lines_read: 12, loaded: 6, rejected: 5, ignored: 1 });
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ file: _f, ...r }) => r);
    expect(strip(await events(zipped))).toEqual(strip(await events(plain)));
    expect(await rejects(zipped)).toEqual(await rejects(plain));
    plain.close();
    zipped.close();
  });
});

describe("NDJSON fast path (DuckDB's JSON reader) and its fallback", () => {
  it('clean files load with true line numbers; a file with a bad line or a blank line takes the exact path', async () => {
    const dir = tempDir();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const a = write(
      'a.ndjson',
      '{"ts":"2026-11-28T10:00:00+02:00","player_id":" p1 ","quest_id":"Q1","status":"Start","session_id":"s1","build":"1.0","platform":"pc"}\n' +
        '{"ts":1764324000,"player_id":"p1","quest_id":"Q1","status":"complete"}\n' +
        '{"ts":"2026-11-28 10:00:00","player_id":42,"quest_id":"Q1","status":"decline","extra":{"x":1}}\n' +
        '{"ts":"2026-11-28 10:00:00","player_id":42,"quest_id":"Q1","status":"decline"}\n',
    );
    const b = write(
      'b.ndjson',
      '{"ts":"2026-11-29 08:00:00","player_id":"p3","quest_id":"Q2","status":"quit"}\r\n' +
        '{"ts":"2026-11-29 09:00:00","player_id":"p3","quest_id":"Q2","status":"fail"}',
    );
    const c = write(
      'c.ndjson',
      '{"ts":"2026-11-29 08:00:00","player_id":"p4","quest_id":"Q2","status":"start"}\n' +
        '{"ts":"2026-11-29 08:01:00","player_id":"p4","quest_id":"Q2","status":"teleported"}\n',
    );
    const d = write('d.ndjson', '{"ts":"2026-11-29 08:00:00","player_id":"p5","quest_id":"Q3","status":"start"}\n\n');
    const db = await freshDb();
    // Which files each reader saw: a and b only by the JSON reader; c after it (bad line), d never (blank line).
    const readers: Record<string, string[]> = { json: [], lines: [] };
    const run = db.run.bind(db);
    db.run = (sql, params) => {
      const paths = (params?.paths as { items?: string[] } | undefined)?.items ?? [];
      if (sql.includes('read_ndjson(')) readers.json?.push(...paths);
      if (sql.includes("columns = {'raw'")) readers.lines?.push(...paths);
      return run(sql, params);
    };
    const s = await ingest(db, { paths: [a, b, c, d] }, recorder());
    expect(readers).toEqual({ json: [a, b, c], lines: [c, d] });
    expect(s.files.map((f) => [f.status, f.lines_read, f.loaded, f.rejected, f.ignored, f.duplicates])).toEqual([
      ['loaded', 4, 4, 0, 0, 1],
      ['loaded', 2, 2, 0, 0, 0],
      ['loaded', 2, 1, 1, 0, 0],
      ['loaded', 2, 1, 0, 1, 0],
    ]);
    const base = dir.split('/').at(-1);
    expect(await events(db)).toEqual([
      ev(`${base}/a.ndjson`, 1, '2026-11-28 08:00:00', 'p1', 'Q1', 'accepted', 's1', '1.0', 'pc'),
      ev(`${base}/a.ndjson`, 2, '2025-11-28 10:00:00', 'p1', 'Q1', 'completed'),
      ev(`${base}/a.ndjson`, 3, '2026-11-28 10:00:00', '42', 'Q1', 'declined'),
      ev(`${base}/a.ndjson`, 4, '2026-11-28 10:00:00', '42', 'Q1', 'declined'),
      ev(`${base}/b.ndjson`, 1, '2026-11-29 08:00:00', 'p3', 'Q2', 'abandoned'),
      ev(`${base}/b.ndjson`, 2, '2026-11-29 09:00:00', 'p3', 'Q2', 'failed'),
      ev(`${base}/c.ndjson`, 1, '2026-11-29 08:00:00', 'p4', 'Q2', 'accepted'),
      ev(`${base}/d.ndjson`, 1, '2026-11-29 08:00:00', 'p5', 'Q3', 'accepted'),
    ]);
    expect(await rejects(db)).toEqual([
      {
        line: 2,
        reason: "unknown status 'teleported'",
        raw: '{"ts":"2026-11-29 08:01:00","player_id":"p4","quest_id":"Q2","status":"teleported"}',
      },
    ]);
    expect(await players(db)).toEqual([
      { player_id: '42', first_seen: '2026-11-28 10:00:00' },
      { player_id: 'p1', first_seen: '2025-11-28 10:00:00' },
      { player_id: 'p3', first_seen: '2026-11-29 08:00:00' },
      { player_id: 'p4', first_seen: '2026-11-29 08:00:00' },
      { player_id: 'p5', first_seen: '2026-11-29 08:00:00' },
    ]);
    db.close();
  });

  it('counts exact duplicates per file on the fast path: the same player, quest, status and time as parsed', async () => {
    const dir = tempDir();
    const row = (ts: string, more = '') => `{"ts":"${ts}","player_id":"p1","quest_id":"Q1","status":"start"${more}}`;
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    // a: 08:00 four times (one with another session, one with another build, one written in UTC with a synonym
    // status), 08:01 twice, 08:02 once: 4 duplicates. b repeats a's 08:00 once, which is not a duplicate in b.
    const utc = '{"ts":"2026-11-29T08:00:00Z","player_id":"p1","quest_id":"Q1","status":"Start"}';
    const rows = [
      row('2026-11-29 08:00:00'),
      row('2026-11-29 08:01:00'),
      row('2026-11-29 08:00:00', ',"session_id":"s2"'),
      row('2026-11-29 08:02:00'),
      row('2026-11-29 08:00:00', ',"build":"2"'),
      utc,
      row('2026-11-29 08:01:00'),
    ];
    writeFileSync(a, rows.join('\n'));
    writeFileSync(b, `${row('2026-11-29 08:00:00')}\n${row('2026-11-29 08:03:00')}\n`);
    const db = await freshDb();
    const fast: string[] = [];
    const run = db.run.bind(db);
    db.run = (sql, params) => {
      if (sql.includes('read_ndjson('))
        fast.push(...((params?.paths as { items?: string[] } | undefined)?.items ?? []));
      return run(sql, params);
    };
    const s = await ingest(db, { paths: [a, b] }, recorder());
    expect(fast).toEqual([a, b]);
    expect(s.files.map((f) => [f.status, f.lines_read, f.loaded, f.rejected, f.ignored, f.duplicates])).toEqual([
      ['loaded', 7, 7, 0, 0, 4],
      ['loaded', 2, 2, 0, 0, 0],
    ]);
    db.close();
  });

  it('a line the JSON reader skips (spaces only) sends its file, and the files numbered after it, to the exact path', async () => {
    const dir = tempDir();
    const row = (ts: string, p: string) =>
      `{"ts":"2026-11-29 ${ts}","player_id":"${p}","quest_id":"Q1","status":"start"}`;
    writeFileSync(join(dir, 'a.ndjson'), `${row('08:00:00', 'p1')}\n   \n${row('08:01:00', 'p2')}\n`);
    writeFileSync(
      join(dir, 'b.ndjson'),
      `${row('09:00:00', 'p3')}\n${row('09:01:00', 'p4')}\n${row('09:02:00', 'p5')}`,
    );
    const db = await freshDb();
    const s = await ingest(db, { paths: [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')] }, recorder());
    expect(s.files.map((f) => [f.lines_read, f.loaded, f.rejected, f.ignored])).toEqual([
      [3, 2, 0, 1],
      [3, 3, 0, 0],
    ]);
    const base = dir.split('/').at(-1);
    expect(await events(db)).toEqual([
      ev(`${base}/a.ndjson`, 1, '2026-11-29 08:00:00', 'p1', 'Q1', 'accepted'),
      ev(`${base}/a.ndjson`, 3, '2026-11-29 08:01:00', 'p2', 'Q1', 'accepted'),
      ev(`${base}/b.ndjson`, 1, '2026-11-29 09:00:00', 'p3', 'Q1', 'accepted'),
      ev(`${base}/b.ndjson`, 2, '2026-11-29 09:01:00', 'p4', 'Q1', 'accepted'),
      ev(`${base}/b.ndjson`, 3, '2026-11-29 09:02:00', 'p5', 'Q1', 'accepted'),
    ]);
    expect(await counts(db)).toEqual({ files: 2, events: 5, rejects: 0, players: 5, dirty: 5 });
    db.close();
  });

  it('clean CSV, TSV and Parquet load through the typed readers with true line numbers; the header is ignored', async () => {
    const dir = tempDir();
    const csv = join(dir, 'a.csv');
    const tsv = join(dir, 'b.tsv');
    const pq = join(dir, 'c.parquet');
    writeFileSync(
      csv,
      'ts,player_id,quest_id,status,platform\r\n2026-11-28 08:00:00,p1,"Q,1",start,pc\r\n2026-11-28 09:00:00,p1,"Q,1",done,pc\r\n',
    );
    writeFileSync(tsv, 'player_id\tquest_id\tstatus\tts\np2\tQ2\tAccepted\t2026-11-28T10:00:00Z\n');
    const db = await freshDb();
    await db.run(
      `COPY (SELECT TIMESTAMPTZ '2026-11-28 12:00:00+01' AS ts, 'p3' AS player_id, 'Q3' AS quest_id, 'fail' AS status)
       TO '${pq}' (FORMAT parquet)`,
    );
    const fast: string[] = [];
    const run = db.run.bind(db);
    db.run = (sql, params) => {
      // CSV rows are staged for their line numbers; Parquet rows go straight into events.
      if (/^(CREATE OR REPLACE TEMP TABLE ql_read AS|INSERT INTO events)\s+WITH x/.test(sql)) {
        fast.push(...((params?.paths as { items?: string[] } | undefined)?.items ?? []));
      }
      return run(sql, params);
    };
    const s = await ingest(db, { paths: [csv, tsv, pq] }, recorder());
    // a.csv has an unknown status on line 3, so it was read fast, then again on the exact path.
    expect(fast).toEqual([csv, tsv, pq]);
    expect(s.files.map((f) => [f.lines_read, f.loaded, f.rejected, f.ignored])).toEqual([
      [3, 1, 1, 1],
      [2, 1, 0, 1],
      [1, 1, 0, 0],
    ]);
    const base = dir.split('/').at(-1);
    expect(await events(db)).toEqual([
      ev(`${base}/a.csv`, 2, '2026-11-28 08:00:00', 'p1', 'Q,1', 'accepted', null, null, 'pc'),
      ev(`${base}/b.tsv`, 2, '2026-11-28 10:00:00', 'p2', 'Q2', 'accepted'),
      ev(`${base}/c.parquet`, 1, '2026-11-28 11:00:00', 'p3', 'Q3', 'failed'),
    ]);
    expect(await rejects(db)).toEqual([
      { line: 3, reason: "unknown status 'done'", raw: '2026-11-28 09:00:00,p1,"Q,1",done,pc' },
    ]);
    db.close();
  });

  it('a Parquet batch loads its clean files fast; a file with a bad row leaves the batch and loads exactly once', async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.parquet'), join(dir, 'b.parquet')];
    const db = await freshDb();
    await db.run(
      `COPY (SELECT * FROM (VALUES (TIMESTAMP '2026-11-28 08:00:00', 'p1', 'Q1', 'start'),
         (TIMESTAMP '2026-11-28 08:00:00', 'p1', 'Q1', 'accepted'), (TIMESTAMP '2026-11-28 09:00:00', 'p2', 'Q1', 'fail'))
         t(ts, player_id, quest_id, status)) TO '${a}' (FORMAT parquet)`,
    );
    await db.run(
      `COPY (SELECT * FROM (VALUES (TIMESTAMP '2026-11-28 10:00:00', 'p3', 'Q2', 'start'),
         (TIMESTAMP '2026-11-28 10:05:00', NULL, 'Q2', 'start'), (TIMESTAMP '2026-11-28 10:10:00', 'p3', 'Q2', 'done!'))
         t(ts, player_id, quest_id, status)) TO '${b}' (FORMAT parquet)`,
    );
    const s = await ingest(db, { paths: [a, b] }, recorder());
    expect(s.files.map((f) => [f.status, f.lines_read, f.loaded, f.rejected, f.ignored, f.duplicates])).toEqual([
      ['loaded', 3, 3, 0, 0, 1],
      ['loaded', 3, 1, 2, 0, 0],
    ]);
    const base = dir.split('/').at(-1);
    expect(await events(db)).toEqual([
      ev(`${base}/a.parquet`, 1, '2026-11-28 08:00:00', 'p1', 'Q1', 'accepted'),
      ev(`${base}/a.parquet`, 2, '2026-11-28 08:00:00', 'p1', 'Q1', 'accepted'),
      ev(`${base}/a.parquet`, 3, '2026-11-28 09:00:00', 'p2', 'Q1', 'failed'),
      ev(`${base}/b.parquet`, 1, '2026-11-28 10:00:00', 'p3', 'Q2', 'accepted'),
    ]);
    expect((await rejects(db)).map((r) => [r.line, r.reason])).toEqual([
      [2, 'missing player_id'],
      [3, "unknown status 'done!'"],
    ]);
    expect(await players(db)).toEqual([
      { player_id: 'p1', first_seen: '2026-11-28 08:00:00' },
      { player_id: 'p2', first_seen: '2026-11-28 09:00:00' },
      { player_id: 'p3', first_seen: '2026-11-28 10:00:00' },
    ]);
    expect(await counts(db)).toEqual({ files: 2, events: 4, rejects: 2, players: 3, dirty: 3 });
    db.close();
  });

  it('fingerprint counts physical lines and spots empty ones, also across chunk boundaries', async () => {
    const dir = tempDir();
    const fp = async (text: string) => {
      const f = join(dir, 'x.ndjson');
      writeFileSync(f, text);
      const { lines, blank } = await fingerprint(f);
      return [lines, blank];
    };
    expect(await fp('')).toEqual([0, false]);
    expect(await fp('a\nb')).toEqual([2, false]);
    expect(await fp('a\r\nb\r\n')).toEqual([2, false]);
    expect(await fp('a\n\nb\n')).toEqual([3, true]);
    expect(await fp('a\r\n\r\nb')).toEqual([3, true]);
    expect(await fp('\na')).toEqual([2, true]);
    // Files are read in CHUNK-byte pieces: an empty line straddling a boundary is still seen.
    const x = 'x'.repeat(CHUNK - 1);
    expect(await fp(`${x}\n\r\ny\n`)).toEqual([3, true]);
    expect(await fp(`${x}\r\n${'y'.repeat(70000)}\n`)).toEqual([2, false]);
    expect(await fp(`${x}\r\n${'y'.repeat(70000)}\n\r`)).toEqual([3, true]);
    expect(await fp(`${'x'.repeat(CHUNK - 2)}\n\r\nz`)).toEqual([3, true]);
  });

  it('fingerprint flags bytes that may put a control character into an id, wherever they sit in a chunk', async () => {
    const dir = tempDir();
    const ctrl = async (text: string | Buffer, name = 'x.ndjson') => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return (await fingerprint(f)).ctrl;
    };
    // Plain text, '\r\n' line ends and non-ASCII letters (é is 0xC3 0xA9, NBSP 0xC2 0xA0) are not suspect.
    expect(await ctrl('{"a":"b"}\r\n{"c":"é\u00a0ü"}\n')).toBe(false);
    for (const bad of ['\t', '\u0000', '\u001b', '\u007f', '\\', '\u0085', '\u009f']) {
      for (const at of [0, 1, 2, 3, 5, 6, 7]) expect(await ctrl(`${'a'.repeat(at)}${bad}${'b'.repeat(9)}`)).toBe(true);
    }
    expect(await ctrl('\u0080')).toBe(true);
    expect(await ctrl('\u00a0\u0100')).toBe(false);
    // U+FEFF past the file's own byte order mark (ql_trim takes it off a value); other 0xEF characters are not.
    for (const at of [1, 2, 3, 5, 6, 7]) expect(await ctrl(`${'a'.repeat(at)}\ufeff${'b'.repeat(9)}`)).toBe(true);
    expect(await ctrl('\ufeff{"a":"b"}\n')).toBe(false);
    expect(await ctrl('\uff45\uffe0\n')).toBe(false);
    const bomSplit = Buffer.concat([Buffer.from('a'.repeat(CHUNK - 2)), Buffer.from('\ufeff\n', 'utf8')]);
    expect(await ctrl(bomSplit)).toBe(true);
    // A C1 control split over two chunks (0xC2 ends one, 0x85 starts the next), and one at a chunk's very end.
    const split = Buffer.concat([Buffer.from('a'.repeat(CHUNK - 1)), Buffer.from('\u0085', 'utf8'), Buffer.from('\n')]);
    expect(await ctrl(split)).toBe(true);
    const tail = Buffer.concat([Buffer.from('a'.repeat(CHUNK - 3)), Buffer.from('\u0085\n', 'utf8')]);
    expect(await ctrl(tail)).toBe(true);
    const nbsp = Buffer.concat([Buffer.from('a'.repeat(CHUNK - 1)), Buffer.from('\u00a0\n', 'utf8')]);
    expect(await ctrl(nbsp)).toBe(false);
    // Inflated gzip arrives in pieces at any offset of their buffers (the word-at-a-time scan aligns itself): text
    // that barely compresses, so the compressed file spans several reads.
    const noise = randomBytes(3 << 20).toString('hex');
    for (const [bad, want] of [
      ['', false],
      ['\u001b', true],
    ] as const) {
      const text = `${noise.slice(0, 5_000_001)}${bad}${noise.slice(5_000_001)}`;
      expect(await ctrl(gzipSync(text), 'x.ndjson.gz')).toBe(want);
    }
    // Parquet is not scanned: it may always hold one.
    expect(await ctrl('PAR1', 'x.parquet')).toBe(true);
  });
});

describe('GameAnalytics progression events', () => {
  it('maps Start/Fail/Complete and the progression path; other categories are ignored but seen', async () => {
    const db = await freshDb();
    const s = await ingest(db, { paths: [join(FX, 'events/ga.ndjson')] }, recorder());
    expect(s.files[0]).toMatchObject({ format: 'gameanalytics', lines_read: 7, loaded: 3, rejected: 2, ignored: 2 });
    const f = 'events/ga.ndjson';
    expect(await events(db)).toEqual([
      ev(f, 2, '2026-11-28 08:01:00', 'u1', 'World1:Level2', 'accepted', 'S1', '2.1', 'android'),
      ev(f, 3, '2026-11-28 08:02:00', 'u1', 'World1:Level2', 'failed', 'S1', '2.1', 'android'),
      ev(f, 4, '2026-11-28 08:03:00', 'u1', 'World1', 'completed', 'S1', '2.1', 'android'),
    ]);
    expect((await rejects(db)).map((r) => [r.line, r.reason])).toEqual([
      [5, "unknown status 'Teleport'"],
      [7, "malformed event_id 'Start' (expected Start|Fail|Complete:p1[:p2[:p3]])"],
    ]);
    expect(await players(db)).toEqual([
      { player_id: 'u1', first_seen: '2026-11-28 08:00:00' },
      { player_id: 'u2', first_seen: '2026-11-28 08:03:20' },
    ]);
    db.close();
  });
});

describe('idempotency and replacement', () => {
  it('skips the same content, replaces a changed file at the same path, and marks old and new players dirty', async () => {
    const dir = tempDir();
    const file = join(dir, 'logs', 'carol', '2026-11-28T00-00-00.csv');
    mkdirSync(join(dir, 'logs', 'carol'), { recursive: true });
    copyFileSync(join(FX, 'seed/alice/2026-11-28T00-00-00.csv'), file);
    const db = await freshDb();
    await ingest(db, { paths: [file] }, recorder());
    const before = await counts(db);

    const again = recorder();
    const s2 = await ingest(db, { paths: [file] }, again);
    expect(s2.files[0]).toMatchObject({ status: 'skipped', note: 'already loaded', loaded: 0 });
    expect(await counts(db)).toEqual(before);
    expect(again.lines[0]).toMatch(messagePattern(ingestMessages.fileSkipped(ANY, 'already loaded', Number.NaN)));

    // The same bytes of the same session (player, start and session id from the path agree) are a duplicate file,
    // not new events (the same bytes as another session are that session's: test/trust.test.ts).
    const copy = join(dir, 'logs', 'carol', '2026-11-28T00-00-00.log');
    copyFileSync(file, copy);
    const s3 = await ingest(db, { paths: [copy] }, recorder());
    expect(s3.files[0]).toMatchObject({ status: 'skipped', note: `same content as ${file}` });

    await db.run('DELETE FROM dirty_players');
    writeFileSync(file, '09:00:00,QUEST_STATUS,FET0009 ACCEPTED\n');
    const s4 = await ingest(db, { paths: [file] }, recorder());
    expect(s4.files[0]).toMatchObject({ status: 'replaced', lines_read: 1, loaded: 1 });
    expect(await counts(db)).toEqual({ files: 1, events: 1, rejects: 0, players: 1, dirty: 1 });
    expect(await db.all(`SELECT quest_id, line::INTEGER AS line FROM events`)).toEqual([
      { quest_id: 'FET0009', line: 1 },
    ]);
    db.close();
  });
});

describe('a file that cannot be read', () => {
  it('rolls back alone: the rest of the batch loads, and a failed replacement keeps the old version', async () => {
    const dir = tempDir();
    const good = join(dir, 'a-good.ndjson');
    const bad = join(dir, 'b-bad.ndjson.gz');
    writeFileSync(good, readFileSync(join(FX, 'events/events.ndjson')));
    const zipped = gzipSync(
      Buffer.from('{"ts":"2026-01-01","player_id":"x","quest_id":"q","status":"start"}\n'.repeat(500)),
    );
    writeFileSync(bad, zipped.subarray(0, zipped.length - 12));
    const db = await freshDb();
    const fx = recorder();
    const s = await ingest(db, { paths: [good, bad] }, fx);
    expect(s.files.map((f) => f.status)).toEqual(['loaded', 'failed']);
    expect(s.files[1]?.error).toMatch(messagePattern(ingestMessages.badGzip(ANY), true));
    expect(fx.lines[1]).toMatch(
      messagePattern(ingestMessages.fileFailed(`${ANY}b-bad.ndjson.gz`, ingestMessages.badGzip(ANY))),
    );
    expect(await counts(db)).toEqual({ files: 1, events: 6, rejects: 5, players: 3, dirty: 3 });

    // Now the good file changes into something unreadable: the loaded version must survive untouched.
    const before = await counts(db);
    writeFileSync(good, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]));
    const s2 = await ingest(db, { paths: [good] }, recorder());
    expect(s2.files[0]).toMatchObject({ status: 'failed', error: 'line 1: not valid UTF-8 text' });
    expect(await counts(db)).toEqual(before);
    db.close();
  });
});

describe('CLI', () => {
  // The seed fixture's two files loaded: the totals line, its event counts and times left open.
  const nan = Number.NaN;
  const SEED_TOTALS = messagePattern(
    ingestMessages.totals({
      ...{ files: 2, files_loaded: 2, files_replaced: 0, files_skipped: 0, files_failed: 0, lines_read: 11 },
      ...{ loaded: nan, rejected: nan, ignored: nan, duplicates: 0, bytes: 0, ms: nan },
    }),
  );

  it('ingest prints one line per file and exits 3 when a file failed; rejects lists the quarantine', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'q.duckdb');
    writeFileSync(join(dir, 'empty-config.json'), '{}');
    const cfg = ['--config', join(dir, 'empty-config.json'), '--db', dbPath];
    const ok = cli([...cfg, 'ingest', join(FX, 'seed')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(SEED_TOTALS);

    const broken = join(dir, 'nope.csv.gz');
    writeFileSync(broken, 'not gzip at all');
    const bad = cli([...cfg, 'ingest', broken]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(
      messagePattern(
        ingestMessages.filesFailed([{ path: `${ANY}nope.csv.gz`, error: ingestMessages.badGzip(ANY) }], 1),
      ),
    );

    const r = cli([...cfg, 'rejects', '--limit', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /bob\/2026-11-29T10-00-00\.csv:5: unknown status 'MAYBE'\n {2}00:03:00,QUEST_STATUS,FET0001 MAYBE\n/,
    );
    expect(r.stdout.split('\n').filter((l) => l.includes('.csv:')).length).toBe(2);
  });

  it('ingest with nothing named loads the one configured source; with two it asks which', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'q.duckdb');
    const one = { sources: { seed: { format: 'seed', paths: [join(FX, 'seed')] } } };
    writeFileSync(join(dir, 'one.json'), JSON.stringify(one));
    const ok = cli(['--config', join(dir, 'one.json'), '--db', dbPath, 'ingest']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(SEED_TOTALS);
    const two = { sources: { ...one.sources, events: { format: 'events', paths: [join(FX, 'events/events.csv')] } } };
    writeFileSync(join(dir, 'two.json'), JSON.stringify(two));
    const bad = cli(['--config', join(dir, 'two.json'), '--db', dbPath, 'ingest']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(ingestMessages.noFiles);
  });

  it('listRejects filters by file', async () => {
    const db = await freshDb();
    await ingest(db, { paths: [join(FX, 'seed'), join(FX, 'events/events.csv')] }, recorder());
    const rows = await listRejects(db, { file: join(FX, 'events/events.csv') });
    expect(rows.map((r) => r.line)).toEqual([5, 6, 8]);
    db.close();
  });
});

function ev(
  file: string,
  line: number,
  ts: string,
  player_id: string,
  quest_id: string,
  status: string,
  session_id: string | null = null,
  build: string | null = null,
  platform: string | null = null,
) {
  return { file, line, ts, player_id, quest_id, status, session_id, build, platform };
}

describe('files checked ahead of their batches (startLimit)', () => {
  it('starts items in order, at most 3 at once and past the first at most 10 bytes, each result as soon as it is done', async () => {
    const sizes = [4, 4, 4, 20, 1, 1, 1, 1];
    const started: number[] = [];
    const inFlight: number[][] = [];
    const running = new Set<number>();
    const finish: (() => void)[] = [];
    const out = startLimit(
      sizes.map((_, i) => i),
      sizes,
      { items: 3, bytes: 10 },
      (i) =>
        new Promise<number>((resolve) => {
          started.push(i);
          running.add(i);
          inFlight.push([...running]);
          finish[i] = () => {
            running.delete(i);
            resolve(i * 10);
          };
        }),
    );
    const tick = () => new Promise((r) => setTimeout(r, 0));
    await tick();
    // 4 + 4 fit in 10 bytes, a third 4 does not.
    expect(started).toEqual([0, 1]);
    finish[0]?.();
    expect(await out[0]).toBe(0);
    await tick();
    expect(started).toEqual([0, 1, 2]);
    finish[1]?.();
    finish[2]?.();
    await tick();
    // Item 3 (20 bytes) runs alone, being the first in flight; nothing starts beside it.
    expect(started).toEqual([0, 1, 2, 3]);
    finish[3]?.();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const i of [4, 5, 6]) finish[i]?.();
    await tick();
    finish[7]?.();
    expect(await Promise.all(out)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(Math.max(...inFlight.map((r) => r.length))).toBe(3);
  });

  it('a failure surfaces where its result is awaited, and the items after it still run', async () => {
    const out = startLimit([1, 2, 3], [1, 1, 1], { items: 1, bytes: 10 }, async (i) => {
      if (i === 1) throw new Error('unreadable');
      return i;
    });
    await new Promise((r) => setTimeout(r, 10));
    await expect(out[0]).rejects.toThrow('unreadable');
    expect(await out[2]).toBe(3);
  });
});

describe('batch sizes (KindBatches, batchBytesMax)', () => {
  const MB = 1 << 20;
  const file = (name: string, mb: number) => ({ path: `/in/${name}`, bytes: mb * MB }) as Planned;
  const names = (batches: Planned[][]) => batches.map((b) => b.map((f) => f.path.slice(4)).join(','));

  it("a quarter of DuckDB's own memory limit, between 256 MB and 1 GB; an unreadable setting keeps 256 MB", async () => {
    const shown: Record<string, number> = {};
    for (const limit of ['1GB', '4GB', '16GB']) {
      const db = await Db.open(join(tempDir(), 'm.duckdb'), { memoryLimit: limit });
      const row = await db.one<{ m: string }>("SELECT current_setting('memory_limit') AS m");
      db.close();
      shown[limit] = batchBytesMax(row?.m ?? '');
    }
    // 1GB shows as 953.6 MiB (a quarter is under 256 MB), 4GB as 3.7 GiB.
    expect(shown).toEqual({ '1GB': 256 * MB, '4GB': Math.floor((3.7 * 1024 ** 3) / 4), '16GB': 1024 * MB });
    expect(batchBytesMax('')).toBe(256 * MB);
    expect(batchBytesMax('lots')).toBe(256 * MB);
  });

  it('the first batch holds 256 MB, each later one twice the one before up to the cap, in file order', () => {
    const k = new KindBatches('fast', 1024 * MB);
    for (let i = 1; i <= 12; i++) k.add(file(`f${i}`, 190));
    expect(names(k.rest())).toEqual(['f1', 'f2,f3', 'f4,f5,f6,f7,f8', 'f9,f10,f11,f12']);
    // The runner takes complete batches as they close; the rest stay for the end.
    const j = new KindBatches('fast', 256 * MB);
    for (let i = 1; i <= 4; i++) j.add(file(`g${i}`, 100));
    expect(names(j.done.splice(0))).toEqual(['g1,g2']);
    expect(names(j.rest())).toEqual(['g3,g4']);
  });

  it('gzip weighs 16x its bytes, a file larger than the cap is a batch of its own, tabular files go one by one', () => {
    const k = new KindBatches('fast', 1024 * MB);
    for (const f of [file('a.ndjson.gz', 10), file('b.ndjson.gz', 10), file('big', 2048), file('c', 1)]) k.add(f);
    expect(names(k.rest())).toEqual(['a.ndjson.gz', 'b.ndjson.gz', 'big', 'c']);
    const t = new KindBatches('tabular', 1024 * MB);
    for (const f of [file('x.csv', 1), file('y.csv', 1)]) t.add(f);
    expect(names(t.rest())).toEqual(['x.csv', 'y.csv']);
  });

  it('at most 2000 files in a batch', () => {
    const k = new KindBatches('fast', 1024 * MB);
    for (let i = 0; i < 4001; i++) k.add(file(`s${i}`, 0));
    expect(k.rest().map((b) => b.length)).toEqual([2000, 2000, 1]);
  });
});
