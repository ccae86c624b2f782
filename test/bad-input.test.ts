// The bad-input corpus: every case gets a clear outcome naming file, line and reason, and nothing is lost.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { ingestMessages } from '../src/domain/messages.js';
import type { Db } from '../src/engine/db.js';
import { type FileResult, ingest } from '../src/ingest/ingest.js';
import { ANY, freshDb, messagePattern, tempDir } from './helpers.js';

const dir = tempDir();
const logs = join(dir, 'logs', 'p1');
mkdirSync(logs, { recursive: true });
const seedOk = '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n00:00:02,QUEST_STATUS,Q1 COMPLETED\n';
const gz = gzipSync(Buffer.from('{"ts":"2026-01-01","player_id":"x","quest_id":"q","status":"start"}\n'.repeat(400)));

/** name -> content; each file is one case. */
const CASES: Record<string, string | Buffer> = {
  '01-truncated.ndjson.gz': gz.subarray(0, Math.floor(gz.length / 2)),
  '02-invalid-utf8.csv': Buffer.concat([Buffer.from(seedOk), Buffer.from([0x30, 0x30, 0x3a, 0xff, 0xfe, 0x0a])]),
  '03-missing-columns.csv': 'ts,player_id,status\n2026-01-01 00:00:00,p1,accepted\n',
  '04-bad-times.csv':
    '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n99:99:99,QUEST_STATUS,Q1 COMPLETED\nnoon,QUEST_STATUS,Q2 ACCEPTED\n',
  '05-unknown-status.csv': '00:00:01,QUEST_STATUS,Q1 PONDERED\n',
  '06-empty.csv': '',
  '07-header-only.csv': 'ts,player_id,quest_id,status\n',
  '08-crlf.csv': seedOk.replaceAll('\n', '\r\n'),
  '09-bom.csv': `\uFEFF${seedOk}`,
  '10-huge-line.ndjson': `{"ts":"2026-01-01","player_id":"p1","quest_id":"Q1","status":"start","pad":"${'x'.repeat(1_100_000)}"}\n{"ts":"2026-01-01","player_id":"p1","quest_id":"Q1","status":"complete"}\n`,
  '11-missing-player.ndjson': '{"ts":"2026-01-01","player_id":"  ","quest_id":"Q1","status":"start"}\n',
  '12-bad-json.ndjson': '{"ts":"2026-01-01","player_id":"p1","quest_id":"Q1","status":"start"}\n{"ts": oops}\n',
  '13-wrong-column-count.csv': 'ts,player_id,quest_id,status\n2026-01-01,p1,Q1\n2026-01-01,p1,Q1,accepted,x\n',
  '14-non-quest-lines.csv': '00:00:01,LOGIN,hello\n00:00:02,CHAT,hi, there\n00:00:03,QUEST_STATUS,Q1 DECLINED\n',
  '15-not-parquet.parquet': 'this is not parquet',
  '16-unknown-extension.xlsx': 'a,b\n',
  '17-not-gzip.csv.gz': 'plain text pretending',
  '18-blank-lines.csv': '\n\n   \n',
  '19-mixed-line-endings.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\r\n\n00:00:02,QUEST_STATUS,Q1 COMPLETED\n',
  '20-malformed-seed.csv': '00:00:01 QUEST_STATUS Q1 ACCEPTED\n00:00:02,QUEST_STATUS,Q1 COMPLETED\n',
};

let db: Db;
let byName: Map<string, FileResult>;
const fx = recorder();

beforeAll(async () => {
  for (const [name, content] of Object.entries(CASES)) writeFileSync(join(logs, name), content);
  // The duplicate file: the same bytes as case 12 under another name (events files depend on their bytes alone; a seed
  // file under another name is another session, see test/hostile-input.test.ts).
  copyFileSync(join(logs, '12-bad-json.ndjson'), join(logs, '21-duplicate-of-12.ndjson'));
  db = await freshDb();
  const files = [...Object.keys(CASES), '21-duplicate-of-12.ndjson'].sort().map((n) => join(logs, n));
  const s = await ingest(db, { paths: files }, fx);
  byName = new Map(s.files.map((f) => [f.path.split('/').at(-1) ?? '', f]));
});
afterAll(() => db?.close());

const rejectsOf = async (name: string) =>
  db.all(
    `SELECT r.line::INTEGER AS line, r.reason FROM rejects r JOIN files f USING (file_id)
     WHERE f.path = $path ORDER BY r.line`,
    { path: join(logs, name) },
  );

describe('bad-input corpus', () => {
  it('covers at least 15 cases, one outcome each', () => {
    expect(byName.size).toBe(21);
    expect(fx.lines).toHaveLength(22);
  });

  it.each([
    ['01-truncated.ndjson.gz', /^not a complete gzip file \(unexpected end of file\)$/],
    ['02-invalid-utf8.csv', /^line 3: not valid UTF-8 text$/],
    ['03-missing-columns.csv', /^missing column\(s\) quest_id \(found: ts, player_id, status\)$/],
    ['15-not-parquet.parquet', /not a parquet file|too small to be a Parquet file|magic bytes/i],
    ['16-unknown-extension.xlsx', /^cannot tell the format from the extension '\.xlsx'$/],
    ['17-not-gzip.csv.gz', /^not a complete gzip file \(incorrect header check\)$/],
  ])('%s cannot be read: a clear error, nothing stored', async (name, message) => {
    const r = byName.get(name);
    expect(r?.status).toBe('failed');
    expect(r?.error).toMatch(message);
    expect(fx.lines.some((l) => l.includes(`${name}: FAILED: `))).toBe(true);
    expect(await db.one('SELECT count(*)::INTEGER AS n FROM files WHERE path = $p', { p: join(logs, name) })).toEqual({
      n: 0,
    });
  });

  it.each([
    [
      '04-bad-times.csv',
      3,
      1,
      0,
      [
        [2, "unparsable time '99:99:99' (expected HH:MM:SS)"],
        [3, "unparsable time 'noon' (expected HH:MM:SS)"],
      ],
    ],
    ['05-unknown-status.csv', 1, 0, 0, [[1, "unknown status 'PONDERED'"]]],
    ['06-empty.csv', 0, 0, 0, []],
    ['07-header-only.csv', 1, 0, 1, []],
    ['08-crlf.csv', 2, 2, 0, []],
    ['09-bom.csv', 2, 2, 0, []],
    ['10-huge-line.ndjson', 2, 1, 0, [[1, 'line too long (1100078 characters)']]],
    ['11-missing-player.ndjson', 1, 0, 0, [[1, 'missing player_id']]],
    ['12-bad-json.ndjson', 2, 1, 0, [[2, 'invalid JSON']]],
    [
      '13-wrong-column-count.csv',
      3,
      0,
      1,
      [
        [2, 'wrong number of columns: expected 4, found 3'],
        [3, 'wrong number of columns: expected 4, found 5'],
      ],
    ],
    ['14-non-quest-lines.csv', 3, 1, 2, []],
    ['18-blank-lines.csv', 3, 0, 3, []],
    ['19-mixed-line-endings.csv', 3, 2, 1, []],
    ['20-malformed-seed.csv', 2, 1, 0, [[1, 'malformed line (expected HH:MM:SS,EVENT,MESSAGE)']]],
  ] as const)('%s loads what it can: %i lines, %i loaded, %i ignored', async (name, lines, loaded, ignored, rej) => {
    const r = byName.get(name);
    expect(r).toMatchObject({ status: 'loaded', lines_read: lines, loaded, ignored, rejected: rej.length });
    expect((await rejectsOf(name)).map((x) => [x.line, x.reason])).toEqual(rej);
  });

  it('the duplicate file is skipped with the name of the original', () => {
    expect(byName.get('21-duplicate-of-12.ndjson')).toMatchObject({
      status: 'skipped',
      note: `same content as ${join(logs, '12-bad-json.ndjson')}`,
    });
  });

  it('CRLF and BOM never leak into ids or raw text', async () => {
    expect(
      await db.all(
        `SELECT DISTINCT e.quest_id, length(e.quest_id)::INTEGER AS len, e.status::VARCHAR AS status FROM events e
         JOIN files f USING (file_id) WHERE f.path IN ($a, $b) ORDER BY ALL`,
        { a: join(logs, '08-crlf.csv'), b: join(logs, '09-bom.csv') },
      ),
    ).toEqual([
      { quest_id: 'Q1', len: 2, status: 'accepted' },
      { quest_id: 'Q1', len: 2, status: 'completed' },
    ]);
  });

  it('nothing lost: for every file lines = loaded + rejected + ignored, and the tables agree with the ledger', async () => {
    const rows = await db.all<{ path: string; ok: boolean }>(
      `SELECT f.path,
         f.lines_read = f.loaded + f.rejected + f.ignored
         AND f.loaded = (SELECT count(*) FROM events e WHERE e.file_id = f.file_id)
         AND f.rejected = (SELECT count(*) FROM rejects r WHERE r.file_id = f.file_id) AS ok
       FROM files f ORDER BY f.path`,
    );
    expect(rows).toHaveLength(14);
    expect(rows.filter((r) => !r.ok)).toEqual([]);
  });

  it('the empty file is reported as such', () => {
    const counts = { lines_read: 0, loaded: 0, rejected: 0, ignored: 0, duplicates: 0, bytes: 0, ms: Number.NaN };
    expect(fx.lines.find((l) => l.includes('06-empty.csv'))).toMatch(
      messagePattern(ingestMessages.fileLoaded({ path: `${ANY}06-empty.csv`, status: ANY, format: ANY, ...counts })),
    );
  });
});
