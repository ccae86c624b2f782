// Containers that are broken: Parquet files cut short or with a broken footer fail with what is wrong and no line
// number (DuckDB ends its message with the statement it ran, "LINE 4: FROM read_parquet(…", which was taken for a line
// of the file: "line 4: Footer length error in file '…'"); a gzip file padded with zeros after its stream (gzip -t
// accepts it, DuckDB's reader does not) fails as a gzip file, not "Input is not a GZIP stream". Good files beside
// them still load.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { containerMessages } from '../src/domain/input-messages.js';
import { ingestMessages as msg } from '../src/domain/messages.js';
import type { Db } from '../src/engine/db.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, tempDir } from './helpers.js';

const dir = tempDir();
let db: Db;

beforeAll(async () => {
  db = await freshDb(tempDir());
  const good = join(dir, 'good.parquet');
  await db.run(
    `COPY (SELECT TIMESTAMP '2026-01-01 10:00:00' + INTERVAL (i) SECOND AS ts, 'p' || i AS player_id, 'Q1' AS quest_id,
       'start' AS status FROM range(3) t(i)) TO '${good}' (FORMAT parquet)`,
  );
  const bytes = readFileSync(good);
  // The footer's length (the 4 bytes before the closing magic) zeroed; and the first half of the file alone.
  writeFileSync(
    join(dir, 'footer.parquet'),
    Buffer.concat([bytes.subarray(0, -8), Buffer.alloc(4), bytes.subarray(-4)]),
  );
  writeFileSync(join(dir, 'half.parquet'), bytes.subarray(0, Math.floor(bytes.length / 2)));
});
afterAll(() => db?.close());

describe('a broken Parquet file', () => {
  it('fails naming what is wrong, with no line number; the good file beside it loads', async () => {
    const names = ['footer.parquet', 'good.parquet', 'half.parquet'];
    const s = await ingest(db, { paths: names.map((n) => join(dir, n)), cwd: dir }, recorder());
    expect(s.files.map((f) => [f.path.split('/').at(-1), f.status, f.error ?? null, f.loaded])).toEqual([
      ['footer.parquet', 'failed', msg.badParquet('Footer length error'), 0],
      ['good.parquet', 'loaded', null, 3],
      ['half.parquet', 'failed', msg.badParquet('No magic bytes found at the end'), 0],
    ]);
  });

  it('a gzip file with zeros after its stream fails as a gzip file', async () => {
    const line = '{"ts":"2026-01-01 10:00:00","player_id":"p1","quest_id":"Q1","status":"start"}\n';
    const path = join(dir, 'padded.ndjson.gz');
    writeFileSync(path, Buffer.concat([gzipSync(line), Buffer.alloc(64)]));
    const s = await ingest(db, { paths: [path], cwd: dir }, recorder());
    expect(s.files.map((f) => [f.status, f.error])).toEqual([['failed', msg.badGzip(msg.gzipTrailing)]]);
  });
});

describe('a file whose bytes are a container its name or reader does not take', () => {
  const csv = 'ts,player_id,quest_id,status\n2026-01-01 10:00:00,p1,Q1,start\n';
  const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('e.csv')]);
  const bzip2 = Buffer.from('BZh91AY&SY\x00\x01\x02\x03', 'latin1');
  const xz = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]);
  const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x00]);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);

  it('fails naming what it is and the fix; the plain file beside them loads', async () => {
    const parquet = readFileSync(join(dir, 'good.parquet'));
    const files: [string, Buffer][] = [
      ['a-gzip-unnamed.csv', gzipSync(csv)],
      ['b-gzip-twice.csv.gz', gzipSync(gzipSync(csv))],
      ['c-gzip-unnamed.ndjson', gzipSync('{"ts":"2026-01-01 10:00:00"}\n')],
      ['d-archive.zip', zip],
      ['e-zip-named.csv', zip],
      ['f-bzip2.csv', bzip2],
      ['g-xz.csv.xz', xz],
      ['h-zstd.tsv', zstd],
      ['i-parquet-named.csv', parquet],
      ['j-parquet.parquet.gz', gzipSync(parquet)],
      ['k-utf16.csv', utf16],
      ['l-plain.csv', Buffer.from(csv)],
      ['m-par1-header.csv', Buffer.from(`PAR1,${csv}`)],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    const s = await ingest(db, { paths: files.map(([n]) => join(dir, n)), cwd: dir }, recorder());
    const m = containerMessages;
    expect(s.files.map((f) => [f.path.split('/').at(-1), f.status, f.error ?? null])).toEqual([
      ['a-gzip-unnamed.csv', 'failed', m.gzipUnnamed],
      ['b-gzip-twice.csv.gz', 'failed', m.gzipTwice],
      ['c-gzip-unnamed.ndjson', 'failed', m.gzipUnnamed],
      ['d-archive.zip', 'failed', m.zipArchive],
      ['e-zip-named.csv', 'failed', m.zipArchive],
      ['f-bzip2.csv', 'failed', m.otherCompression('bzip2')],
      ['g-xz.csv.xz', 'failed', m.otherCompression('xz')],
      ['h-zstd.tsv', 'failed', m.otherCompression('zstd')],
      ['i-parquet-named.csv', 'failed', m.parquetUnnamed],
      ['j-parquet.parquet.gz', 'failed', m.parquetGzipped],
      ['k-utf16.csv', 'failed', m.utf16],
      ['l-plain.csv', 'loaded', null],
      // A header whose first column is named PAR1 is text: the file is read (an extra column).
      ['m-par1-header.csv', 'loaded', null],
    ]);
  });
});
