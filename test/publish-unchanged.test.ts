// A nightly publishes into the site before the previous one (recycled) and leaves every file that already holds the
// bytes it would write as it is: same inode, same mtime, no new gzip copy. Only what changed is written.
import {
  linkSync,
  lstatSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { publishMessages } from '../src/domain/messages.js';
import type { QuestStats } from '../src/domain/types.js';
import type { SiteData } from '../src/publish/api.js';
import { writeSite } from '../src/publish/publish.js';
import { oldOf } from '../src/publish/site-files.js';
import { NOW, SITE } from './fixtures/publish/site.js';
import { messagePattern, tempDir } from './helpers.js';
import { walk } from './publish-helpers.js';

/** A time no publish in this test writes at: a file still carrying it was not written. */
const LONG_AGO = new Date('2001-01-01T00:00:00Z');

async function publishLog(out: string, data: SiteData): Promise<string> {
  const effects = { ...recorder(), now: () => NOW };
  await writeSite(data, { out }, effects);
  return effects.lines.find((l) => l.startsWith('publish: ') && l.includes(' files (')) ?? '';
}

/** Stamps every file of the live site and of the one waiting to be recycled with LONG_AGO. */
function stampAll(out: string): void {
  for (const dir of [out, oldOf(out)]) for (const f of walk(dir)) utimesSync(join(dir, f), LONG_AGO, LONG_AGO);
}

/** Files of the live site written by the last publish (not carrying LONG_AGO), sorted. */
function rewritten(out: string): string[] {
  return walk(out).filter((f) => statSync(join(out, f)).mtimeMs !== LONG_AGO.getTime());
}

/** Files whose bytes differ between two sites (or that only one has), sorted. */
function differing(a: string, b: string): string[] {
  const all = [...new Set([...walk(a), ...walk(b)])].sort();
  return all.filter((f) => {
    try {
      return !readFileSync(join(a, f)).equals(readFileSync(join(b, f)));
    } catch {
      return true;
    }
  });
}

/** FET0002 with one more attempt on average on the snapshot date: its files change, no other quest's. */
function changed(): SiteData {
  const bump = (q: QuestStats) =>
    q.quest_id === 'FET0002' && q.snapshot_date === SITE.snapshot.meta.snapshot_date
      ? { ...q, mean_attempts: (q.mean_attempts ?? 0) + 1 }
      : q;
  return {
    ...SITE,
    snapshot: { ...SITE.snapshot, quests: SITE.snapshot.quests.map(bump) },
    history: SITE.history.map(bump),
  };
}

describe('a publish into the recycled site', () => {
  it('rewrites no file when nothing changed: every inode and mtime stays, no gzip copy is made', async () => {
    const out = join(tempDir(), 'site');
    await publishLog(out, SITE);
    await publishLog(out, SITE);
    stampAll(out);
    const inodes = new Map(walk(oldOf(out)).map((f) => [f, statSync(join(oldOf(out), f)).ino]));
    // Month files of unchanged months are kept by their own rule (history-months.json), without being compared.
    const files = walk(oldOf(out)).filter((f) => !f.endsWith('.gz') && !/\/history\/\d{4}-\d{2}\.json$/.test(f)).length;
    const log = await publishLog(out, SITE);
    expect(log).toContain(`publish: ${files} files (${files} unchanged; + 0 gzip copies) for 4 quests`);
    expect(rewritten(out)).toEqual([]);
    expect(walk(out)).toEqual([...inodes.keys()]);
    for (const f of walk(out)) expect(statSync(join(out, f)).ino, f).toBe(inodes.get(f));
  });

  it('rewrites exactly the files whose bytes changed, and their gzip copies', async () => {
    const out = join(tempDir(), 'site');
    await publishLog(out, SITE);
    await publishLog(out, SITE);
    await publishLog(out, SITE);
    stampAll(out);
    const log = await publishLog(out, changed());
    // What must change: the files a fresh publish of each data set gives differently.
    const before = join(tempDir(), 'fresh-before');
    const after = join(tempDir(), 'fresh-after');
    await publishLog(before, SITE);
    await publishLog(after, changed());
    const expected = differing(before, after);
    expect(rewritten(out)).toEqual(expected);
    expect(differing(out, after)).toEqual([]);
    // The changed quest's own files, and no other quest's.
    const questFiles = expected.filter((f) => f.startsWith('quests/') || f.startsWith('api/v1/quests/'));
    expect(questFiles).toEqual([
      'api/v1/quests/FET0002.json',
      'api/v1/quests/FET0002.json.gz',
      'api/v1/quests/FET0002/history.json',
      'api/v1/quests/FET0002/history.json.gz',
      'quests/FET0002.html',
      'quests/FET0002.html.gz',
    ]);
    // November is the open month: no month file, its entries only in each quest's history.json.
    const files = walk(out).filter((f) => !f.endsWith('.gz')).length;
    const written = expected.filter((f) => !f.endsWith('.gz')).length;
    const gz = expected.length - written;
    expect(log).toContain(`publish: ${files} files (${files - written} unchanged; + ${gz} gzip copies)`);
  });

  it('makes a gzip copy again for an unchanged file whose copy the recycled site lacks', async () => {
    const out = join(tempDir(), 'site');
    await publishLog(out, SITE);
    await publishLog(out, SITE);
    unlinkSync(join(oldOf(out), 'quests/FET0001.html.gz'));
    stampAll(out);
    const log = await publishLog(out, SITE);
    const nan = Number.NaN;
    expect(log).toMatch(messagePattern(publishMessages.written(nan, nan, out, nan, 1, nan), true));
    expect(rewritten(out)).toEqual(['quests/FET0001.html.gz']);
    const page = readFileSync(join(out, 'quests/FET0001.html'));
    expect(gunzipSync(readFileSync(join(out, 'quests/FET0001.html.gz'))).equals(page)).toBe(true);
  });

  it('never writes through a link it did not create: a symlink or hard link in the recycled site is replaced', async () => {
    const dir = tempDir();
    const out = join(dir, 'site');
    await publishLog(out, SITE);
    await publishLog(out, SITE);
    // Outside files holding exactly what the site would write there: keeping the link would look "unchanged".
    const page = 'quests/FET0001.html';
    const json = 'api/v1/quests/FET0001.json';
    const recycled = oldOf(out);
    for (const [rel, name] of [
      [page, 'outside-page.html'],
      [json, 'outside.json'],
    ] as const) {
      writeFileSync(join(dir, name), readFileSync(join(recycled, rel)));
      unlinkSync(join(recycled, rel));
    }
    symlinkSync(join(dir, 'outside-page.html'), join(recycled, page));
    linkSync(join(dir, 'outside.json'), join(recycled, json));
    const outsideInode = statSync(join(dir, 'outside.json')).ino;
    await publishLog(out, SITE);
    for (const rel of [page, json]) {
      const st = lstatSync(join(out, rel));
      expect(st.isFile() && st.nlink === 1, rel).toBe(true);
    }
    expect(statSync(join(out, json)).ino).not.toBe(outsideInode);
    expect(statSync(join(dir, 'outside.json')).nlink).toBe(1);
    expect(readFileSync(join(out, page))).toEqual(readFileSync(join(dir, 'outside-page.html')));
  });
});
