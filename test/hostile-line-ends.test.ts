// Line ends DuckDB's line reader gets wrong: it ends a line at a carriage return that no line feed follows and drops
// the byte after it. An old-Mac seed log ('\r' only) loaded '10:00:00,QUEST_STATUS,…' as '0:00:00,…' (ten hours
// early, exit 0), a stray '\r' in an LF file did the same to the line after it and shifted every later line number,
// an NDJSON object lost its '{' and was quarantined as invalid JSON. Such a file now fails, naming the line; CRLF and
// a '\r' ending the file still load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { inputMessages as msg } from '../src/domain/input-messages.js';
import type { Db } from '../src/engine/db.js';
import { CHUNK } from '../src/ingest/fingerprint.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, tempDir } from './helpers.js';

const dir = tempDir();
let db: Db;

beforeAll(async () => {
  db = await freshDb(tempDir());
});
afterAll(() => db?.close());

const START = '00:00:00,SESSION_START,1.5.0';
const ev = (p: string, t: string) => JSON.stringify({ ts: t, player_id: p, quest_id: 'Q1', status: 'start' });

async function load(files: [string, string | Buffer][]) {
  for (const [name, text] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const s = await ingest(db, { paths: files.map(([n]) => join(dir, n)), cwd: dir }, recorder());
  return s.files.map((f) => [relative(dir, resolve(dir, f.path)), f.status, f.error ?? null, f.loaded]);
}

describe('a carriage return without a line feed', () => {
  it('fails the file naming its line, on every reader; CRLF and a final lone CR load', async () => {
    const seedCr = `${START}\r10:00:00,QUEST_STATUS,Q1 ACCEPTED\r12:30:00,QUEST_STATUS,Q1 COMPLETED\r`;
    const seedStray = `${START}\n00:00:05,QUEST_STATUS,Q1 ACCEPTED\r10:00:00,QUEST_STATUS,Q2 ACCEPTED\n`;
    const ndjson = `${ev('n1', '2026-01-01 10:00:00')}\r${ev('n1', '2026-01-01 11:00:00')}\r`;
    const csv = 'ts,player_id,quest_id,status\n2026-01-01 10:00:00,c1,Q1,start\r2026-01-01 11:00:00,c1,Q1,done\n';
    const crlf = `${START}\r\n00:00:05,QUEST_STATUS,Q1 ACCEPTED\r\n00:00:09,QUEST_STATUS,Q1 COMPLETED\r`;
    const at = (line: number) => `line ${line}: ${msg.loneCr}`;
    expect(
      await load([
        ['a/2026-01-01T00-00-00.csv', seedCr],
        ['b/2026-01-01T00-00-00.csv', seedStray],
        ['c.ndjson', ndjson],
        ['d.csv', csv],
        ['e.ndjson.gz', gzipSync(ndjson)],
        ['f/2026-01-01T00-00-00.csv', crlf],
      ]),
    ).toEqual([
      ['a/2026-01-01T00-00-00.csv', 'failed', at(1), 0],
      ['b/2026-01-01T00-00-00.csv', 'failed', at(2), 0],
      ['c.ndjson', 'failed', at(1), 0],
      ['d.csv', 'failed', at(2), 0],
      ['e.ndjson.gz', 'failed', at(1), 0],
      ['f/2026-01-01T00-00-00.csv', 'loaded', null, 2],
    ]);
    const rows = await db.all<{ line: number; ts: string }>(
      `SELECT line, strftime(ts, '%H:%M:%S') AS ts FROM events WHERE player_id = 'f' ORDER BY line`,
    );
    expect(rows.map((r) => [Number(r.line), r.ts])).toEqual([
      [2, '00:00:05'],
      [3, '00:00:09'],
    ]);
  });

  it('is found when it ends one chunk of the read and the next chunk does not start with a line feed', async () => {
    const filler = '00:00:01,ITEM,torch\n';
    const head = `${START}\n`;
    const lines = Math.floor((CHUNK - 200) / filler.length);
    // Everything before the '\r' fills the first chunk but its last byte.
    const pad = 'x'.repeat(CHUNK - 1 - head.length - lines * filler.length - '00:00:02,ITEM,'.length);
    const text = `${head}${filler.repeat(lines)}00:00:02,ITEM,${pad}\r10:00:00,QUEST_STATUS,Q1 ACCEPTED\n`;
    expect(text.indexOf('\r')).toBe(CHUNK - 1);
    expect(await load([['g/2026-01-01T00-00-00.csv', text]])).toEqual([
      ['g/2026-01-01T00-00-00.csv', 'failed', `line ${lines + 2}: ${msg.loneCr}`, 0],
    ]);
  });
});
