// A FileSink encodes every file into one reused buffer (file-sink.ts): each file and its gzip copy must
// hold exactly its own bytes, whatever the size and order of the files before it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FileSink } from '../src/publish/file-sink.js';
import { SiteFiles } from '../src/publish/site-files.js';
import { tempDir } from './helpers.js';

describe('a file sink', () => {
  it('writes each file and its gzip copy with its own bytes: larger than the buffer, multibyte, then smaller', async () => {
    const root = tempDir();
    const sink = new FileSink(new SiteFiles(root));
    const files: [string, string][] = [
      ['a.html', `<p>${'x'.repeat(2000)}</p>`],
      ['b.json', `"${'é€😀'.repeat(60_000)}"`], // ~540 KB of UTF-8: more than the buffer holds at first
      ['c.html', `<p>${'y'.repeat(1000)}</p>`],
      ['d.json', `"${'z'.repeat(200_000)}"`],
    ];
    for (const [rel, text] of files) {
      const record = sink.put(rel, text);
      expect(record.bytes).toBe(Buffer.byteLength(text));
    }
    for (const [rel, text] of files) {
      expect(readFileSync(join(root, rel), 'utf8')).toBe(text);
      expect(gunzipSync(readFileSync(join(root, `${rel}.gz`))).toString('utf8')).toBe(text);
    }
  });
});
