// Typed inputs whose type differs between files. Canonical Parquet files are read a batch at a time as one table, whose
// column types are the files' common supertype: a BIGINT player id in one file beside a DOUBLE one in another became
// '42.0', and 9007199254740993 became 9007199254740992.0, so the same player was two players depending on which files
// shared a batch (and two players could become one). Each file's ids must read as they do when it is loaded alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import type { Db } from '../src/engine/db.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, tempDir } from './helpers.js';

const dir = tempDir();
let db: Db;

/** A one-row-per-value Parquet file: ts text, the player id and quest id as the given SQL values. */
async function parquet(name: string, rows: [string, string][]): Promise<string> {
  const path = join(dir, name);
  const select = rows
    .map(([p, q], i) => `SELECT '2026-01-01 10:00:0${i}' AS ts, ${p} AS player_id, ${q} AS quest_id, 'start' AS status`)
    .join(' UNION ALL ');
  await db.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  return path;
}

async function eventsOf(path: string): Promise<string[][]> {
  const rows = await db.all<{ line: number; player_id: string; quest_id: string }>(
    `SELECT e.line, e.player_id, e.quest_id FROM events e JOIN files f USING (file_id) WHERE f.path = $path
     ORDER BY e.line`,
    { path },
  );
  return rows.map((r) => [String(r.line), r.player_id, r.quest_id]);
}

beforeAll(async () => {
  db = await freshDb(tempDir());
});
afterAll(() => db?.close());

describe('Parquet files that disagree on a column type, in one ingest', () => {
  it('read each file’s ids as that file types them', async () => {
    const ints = await parquet('a-bigint.parquet', [
      ['42::BIGINT', '7::INTEGER'],
      ['9007199254740993::BIGINT', '8::INTEGER'],
    ]);
    const doubles = await parquet('b-double.parquet', [['7.5::DOUBLE', '7.25::DOUBLE']]);
    const s = await ingest(db, { paths: [ints, doubles], cwd: dir }, recorder());
    expect(s.files.map((f) => [f.path.split('/').at(-1), f.status, f.loaded, f.rejected])).toEqual([
      ['a-bigint.parquet', 'loaded', 2, 0],
      ['b-double.parquet', 'loaded', 1, 0],
    ]);
    expect(await eventsOf(ints)).toEqual([
      ['1', '42', '7'],
      ['2', '9007199254740993', '8'],
    ]);
    expect(await eventsOf(doubles)).toEqual([['1', '7.5', '7.25']]);
  });

  it('files of one type still load together', async () => {
    const a = await parquet('d-one.parquet', [['1::BIGINT', "'Q1'"]]);
    const b = await parquet('e-two.parquet', [['2::BIGINT', "'Q2'"]]);
    const s = await ingest(db, { paths: [a, b], cwd: dir }, recorder());
    expect(s.files.map((f) => [f.status, f.loaded])).toEqual([
      ['loaded', 1],
      ['loaded', 1],
    ]);
    expect([...(await eventsOf(a)), ...(await eventsOf(b))]).toEqual([
      ['1', '1', 'Q1'],
      ['1', '2', 'Q2'],
    ]);
  });
});

describe('column names in another case', () => {
  // DuckDB's multi-file read matched `Player_ID` to `player_id`, so such a file loaded beside a lower-case one and
  // failed alone ("missing column(s)"): the outcome of a file depended on its batch mates. Names match in any case.
  const header = 'TS,Player_ID,Quest_Id,STATUS,Platform';
  const row = (p: string) => `2026-01-01 10:00:00,${p},Q1,start,PC`;

  it('a CSV or Parquet file loads alone as it does beside a lower-case file', async () => {
    const alone = join(dir, 'upper-alone.csv');
    const mate = join(dir, 'upper-mate.csv');
    const lower = join(dir, 'lower.csv');
    writeFileSync(alone, `${header}\n${row('u1')}\n`);
    writeFileSync(mate, `${header}\n${row('u2')}\n`);
    writeFileSync(lower, `ts,player_id,quest_id,status\n${row('l1').replace(',PC', '')}\n`);
    const pq = join(dir, 'upper.parquet');
    await db.run(
      `COPY (SELECT TIMESTAMP '2026-01-01 10:00:00' AS TS, 'u3' AS Player_ID, 'Q1' AS QUEST_ID, 'start' AS Status)
       TO '${pq}' (FORMAT parquet)`,
    );
    const one = await ingest(db, { paths: [alone], cwd: dir }, recorder());
    const two = await ingest(db, { paths: [mate, lower, pq], cwd: dir }, recorder());
    expect([...one.files, ...two.files].map((f) => [f.path.split('/').at(-1), f.status, f.loaded])).toEqual([
      ['upper-alone.csv', 'loaded', 1],
      ['lower.csv', 'loaded', 1],
      ['upper-mate.csv', 'loaded', 1],
      ['upper.parquet', 'loaded', 1],
    ]);
    const rows = await db.all<{ player_id: string; platform: string | null; ts: string }>(
      `SELECT player_id, platform, strftime(ts, '%Y-%m-%d %H:%M:%S') AS ts FROM events
       WHERE player_id IN ('u1', 'u2', 'u3', 'l1') ORDER BY player_id`,
    );
    expect(rows.map((r) => [r.player_id, r.platform, r.ts])).toEqual([
      ['l1', null, '2026-01-01 10:00:00'],
      ['u1', 'PC', '2026-01-01 10:00:00'],
      ['u2', 'PC', '2026-01-01 10:00:00'],
      ['u3', null, '2026-01-01 10:00:00'],
    ]);
  });
});
