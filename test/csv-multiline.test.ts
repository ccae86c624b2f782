// Quoted values spanning lines (valid RFC 4180) and quotes that never close, in every delimited reader: the file
// failed as a whole ("cannot number its records", or "a line is longer than 67108864 bytes" from DuckDB's sniffer).
// Now each record is numbered by the line it starts on, its further lines share its fate (ignored with a loaded
// record, quarantined with a refused one), and every line is counted: lines read = loaded + quarantined + ignored.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { ingestMessages as msg } from '../src/domain/messages.js';
import type { Db } from '../src/engine/db.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, tempDir } from './helpers.js';

const HEADER = 'ts,player_id,quest_id,status,note';
/** Lines 1-9: a loaded record on lines 3-4, a refused one on 7-8, two single-line refusals between. */
const MIDDLE = [
  HEADER,
  '2026-01-01 10:00:00,p1,Q1,start,plain',
  '2026-01-01 10:01:00,p2,Q1,start,"two',
  'lines, ""quoted"""',
  '2026-01-01 10:02:00,p3,Q1,pondered,x',
  '2026-01-01 10:03:00,p4,Q1,start,"a,b",extra',
  '2026-01-01 10:04:00,,Q1,start,"x',
  'y"',
  '2026-01-01 10:05:00,p6,Q1,complete,z',
];
const MIDDLE_COUNTS = { status: 'loaded', lines_read: 9, loaded: 3, rejected: 4, ignored: 2 };
const MIDDLE_EVENTS = [
  [2, 'p1'],
  [3, 'p2'],
  [9, 'p6'],
];
const middleRejects = (sep = ',') => [
  [5, "unknown status 'pondered'", MIDDLE[4]?.replaceAll(',', sep)],
  [6, `wrong number of columns: expected 5, found 6`, MIDDLE[5]?.replaceAll(',', sep).replace(`"a${sep}b"`, '"a,b"')],
  [7, 'missing player_id', MIDDLE[6]?.replaceAll(',', sep)],
  [8, msg.partOfRecord(7), 'y"'],
];

const dir = tempDir();
let db: Db;

beforeAll(async () => {
  db = await freshDb(tempDir());
});
afterAll(() => db?.close());

async function load(name: string, content: string | Buffer, source?: Record<string, unknown>) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const config = source ? normalizeConfig({ sources: { s: source } }, dir) : undefined;
  const s = await ingest(db, { paths: [path], cwd: dir, config, source: source ? 's' : undefined }, recorder());
  const f = s.files[0];
  const id = (await db.one<{ id: number }>('SELECT file_id::INTEGER AS id FROM files WHERE path = $path', { path }))
    ?.id;
  const events = (
    await db.all<{ line: number; player_id: string }>(
      'SELECT line::INTEGER AS line, player_id FROM events WHERE file_id = $id ORDER BY line',
      { id: id ?? -1 },
    )
  ).map((r) => [r.line, r.player_id]);
  const rejects = (
    await db.all<{ line: number; reason: string; raw: string }>(
      'SELECT line::INTEGER AS line, reason, raw FROM rejects WHERE file_id = $id ORDER BY line',
      { id: id ?? -1 },
    )
  ).map((r) => [r.line, r.reason, r.raw]);
  const ledger = await db.one<Record<string, number>>(
    `SELECT lines_read::INTEGER AS lines_read, loaded::INTEGER AS loaded, rejected::INTEGER AS rejected,
       ignored::INTEGER AS ignored FROM files WHERE file_id = $id`,
    { id: id ?? -1 },
  );
  return { file: { status: f?.status, error: f?.error, ...pick(f) }, ledger, events, rejects, id };
}

const pick = (f: { lines_read: number; loaded: number; rejected: number; ignored: number } | undefined) => ({
  lines_read: f?.lines_read,
  loaded: f?.loaded,
  rejected: f?.rejected,
  ignored: f?.ignored,
});

describe('a quoted value spanning lines', () => {
  it.each([
    ['middle.csv', `${MIDDLE.join('\n')}\n`, ','],
    ['crlf.csv', `${MIDDLE.join('\r\n')}\r\n`, ','],
    ['gzip.csv.gz', gzipSync(`${MIDDLE.join('\n')}\n`), ','],
    ['tabs.tsv', `${MIDDLE.map((l) => l.replaceAll(',', '\t').replace('"a\tb"', '"a,b"')).join('\n')}\n`, '\t'],
  ])('%s: every record numbered by the line it starts on; the ledger counts every line', async (name, text, sep) => {
    const r = await load(name, text);
    expect(r.file).toEqual({ error: undefined, ...MIDDLE_COUNTS });
    const { status: _s, ...counts } = MIDDLE_COUNTS;
    expect(r.ledger).toEqual(counts);
    expect(r.events).toEqual(MIDDLE_EVENTS);
    expect(r.rejects).toEqual(middleRejects(sep));
  });

  it('a blank line inside a value continues it; blank lines between records stay ignored', async () => {
    const lines = [HEADER, '', '2026-01-01 10:00:00,p1,Q1,start,"a', '', 'b"', '', '2026-01-01 10:01:00,p2,Q1,start,c'];
    const r = await load('blank.csv', `${lines.join('\n')}\n`);
    expect(r.file).toEqual({ status: 'loaded', error: undefined, lines_read: 7, loaded: 2, rejected: 0, ignored: 5 });
    expect(r.events).toEqual([
      [3, 'p1'],
      [7, 'p2'],
    ]);
  });

  it('a record longer than the longest line (the reader sizes its buffer by lines) loads', async () => {
    const note = Array.from({ length: 50 }, (_v, i) => `${i}`.padEnd(2000, 'x')).join('\n');
    const text = `${HEADER}\n2026-01-01 10:00:00,p1,Q1,start,"${note}"\n2026-01-01 10:01:00,p2,Q1,start,b\n`;
    const r = await load('long.csv', text);
    expect(r.file).toEqual({ status: 'loaded', error: undefined, lines_read: 52, loaded: 2, rejected: 0, ignored: 50 });
    expect(r.events).toEqual([
      [2, 'p1'],
      [52, 'p2'],
    ]);
  });
});

describe('the header names the columns', () => {
  it('a NUL in the header (it cannot go into the statement) reads as before: the column is not found', async () => {
    const r = await load('nul.csv', 'ts,player\0_id,quest_id,status\n2026-01-01 10:00:00,p1,Q1,start\n');
    expect([r.file.status, r.file.error]).toEqual([
      'failed',
      msg.missingColumns(['player_id'], 'ts, player\0_id, quest_id, status'),
    ]);
  });
  // A refused line sends each file to the exact path, where the names now come from the header line.
  it.each([
    ['spaces.csv', ' ts , player_id ,quest_id, status ', (p: string) => `2026-01-01 10:00:00,${p},Q1,start`],
    [
      'quoted.csv',
      '"a,b",ts,"player_id",quest_id,"st""x",status',
      (p: string) => `x,2026-01-01 10:00:00,${p},Q1,y,start`,
    ],
  ])('%s: names as DuckDB gives them (spaces trimmed, quotes undone)', async (name, header, row) => {
    const r = await load(name, `${header}\n${row('p1')}\n${row('')}\n`);
    expect([r.file.loaded, r.file.rejected, r.events, r.rejects]).toEqual([
      1,
      1,
      [[2, 'p1']],
      [[3, 'missing player_id', row('')]],
    ]);
  });
});

describe('a quote that never closes', () => {
  it('at the last record: that record is quarantined, the rest loads', async () => {
    const lines = [HEADER, '2026-01-01 10:00:00,p1,Q1,start,a', '2026-01-01 10:01:00,p2,Q1,start,"never closed'];
    const r = await load('last.csv', `${lines.join('\n')}\n`);
    expect(r.file).toEqual({ status: 'loaded', error: undefined, lines_read: 3, loaded: 1, rejected: 1, ignored: 1 });
    expect(r.events).toEqual([[2, 'p1']]);
    expect(r.rejects).toEqual([[3, msg.unclosedQuote, lines[2]]]);
  });

  it('mid-file: the record runs to the end of the file, every line of it quarantined with its own text', async () => {
    const lines = [
      HEADER,
      '2026-01-01 10:00:00,p1,Q1,start,a',
      '2026-01-01 10:01:00,p2,Q1,start,"opens here',
      '2026-01-01 10:02:00,p3,Q1,start,b',
      '2026-01-01 10:03:00,p4,Q1,complete,c',
    ];
    const r = await load('mid.csv', lines.join('\n'));
    expect(r.file).toEqual({ status: 'loaded', error: undefined, lines_read: 5, loaded: 1, rejected: 3, ignored: 1 });
    expect(r.events).toEqual([[2, 'p1']]);
    expect(r.rejects).toEqual([
      [3, msg.unclosedQuote, lines[2]],
      [4, msg.partOfRecord(3), lines[3]],
      [5, msg.partOfRecord(3), lines[4]],
    ]);
  });

  it('a stray quote: a quote inside a value is text, one after a closing quote refuses its record only', async () => {
    const lines = [
      HEADER,
      '2026-01-01 10:00:00,p1,Q"1,start,a',
      '2026-01-01 10:01:00,"p"2,Q1,start,b',
      '2026-01-01 10:02:00,p3,Q1,start,"c"',
    ];
    const r = await load('stray.csv', `${lines.join('\n')}\n`);
    expect(r.file).toEqual({ status: 'loaded', error: undefined, lines_read: 4, loaded: 2, rejected: 1, ignored: 1 });
    expect(r.events).toEqual([
      [2, 'p1'],
      [4, 'p3'],
    ]);
    expect(r.rejects).toEqual([[3, msg.strayQuote, lines[2]]]);
  });
});

describe('a mapped CSV source', () => {
  it('numbers records spanning lines by their first line; a dimension keeps the line break', async () => {
    const source = {
      format: 'mapped',
      reader: 'csv',
      options: { delim: ';' },
      fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's' },
      dimensions: { note: 'n' },
    };
    const lines = [
      't;p;q;s;n',
      '2026-01-01 10:00:00;p1;Q1;start;"one',
      'two; three"',
      '2026-01-01 10:01:00;p2;Q1;start;"x"y',
      '2026-01-01 10:02:00;p3;Q1;complete;"open',
    ];
    const r = await load('mapped.csv', `${lines.join('\n')}\n`, source);
    expect(r.file).toEqual({ status: 'loaded', error: undefined, lines_read: 5, loaded: 1, rejected: 2, ignored: 2 });
    expect(r.events).toEqual([[2, 'p1']]);
    expect(r.rejects).toEqual([
      [4, msg.strayQuote, lines[3]],
      [5, msg.unclosedQuote, lines[4]],
    ]);
    const dims = await db.all<{ line: number; value: string }>(
      'SELECT line::INTEGER AS line, value FROM event_dimensions WHERE file_id = $id ORDER BY line',
      { id: r.id ?? -1 },
    );
    expect(dims).toEqual([{ line: 2, value: 'one\ntwo; three' }]);
  });

  it('comment lines (the comment option) are ignored; one inside a quoted value is part of it', async () => {
    const source = {
      format: 'mapped',
      reader: 'csv',
      options: { comment: '#' },
      fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's' },
    };
    const lines = [
      't,p,q,s,n',
      '# a comment "',
      '2026-01-01 10:00:00,p1,Q1,start,"a',
      '# not a comment',
      'b"',
      '  # indented',
      '2026-01-01 10:01:00,,Q1,start,c',
      '2026-01-01 10:02:00,p3,Q1,start,d',
    ];
    const r = await load('comments.csv', `${lines.join('\n')}\n`, source);
    expect(r.file).toEqual({ status: 'loaded', error: undefined, lines_read: 8, loaded: 2, rejected: 1, ignored: 5 });
    expect(r.events).toEqual([
      [3, 'p1'],
      [8, 'p3'],
    ]);
    expect(r.rejects).toEqual([[7, 'missing player_id', lines[6]]]);
  });
});
