// A month's rollover: the open month (the snapshot's) lives in history.json alone; on the first nightlies of the next
// month it closes and gets its month files. Nightlies into recycled sites give the same site as a fresh publish (a full
// rebuild), and a site recycled from an older format (whose open month had its file) is put right.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishMessages } from '../src/domain/messages.js';
import { oldOf } from '../src/publish/site-files.js';
import { days, publishLog, site } from './fixtures/publish/history-site.js';
import { tempDir } from './helpers.js';
import { validateApi, walk } from './publish-helpers.js';

const file = (out: string, rel: string) => join(out, 'api/v1/quests/FET0001', rel);
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
/** Each night's site: October and November so far, from 2026-10-01, `n` dates. */
const night = (n: number) => site(days('2026-10-01', n));
const NOV30 = 61;

/** The site equals a fresh publish of the same data, file for file and byte for byte. */
async function expectFresh(out: string, n: number): Promise<void> {
  const fresh = join(tempDir(), 'site');
  await publishLog(fresh, night(n));
  expect(walk(out)).toEqual(walk(fresh));
  for (const f of walk(fresh)) expect(readFileSync(join(out, f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
}

describe('the open month and its rollover', () => {
  it('writes a month closed on the first nightlies after it, then keeps it; each night equals a fresh publish', async () => {
    const out = join(tempDir(), 'site');
    expect(await publishLog(out, night(NOV30 - 1))).toBe(publishMessages.historyMonths(1, 0));
    expect(await publishLog(out, night(NOV30))).toBe(publishMessages.historyMonths(1, 0));
    // The last night of November: October's file, November in history.json only.
    expect(existsSync(file(out, 'history/2026-11.json'))).toBe(false);
    const nov30 = json(file(out, 'history.json'));
    expect(nov30.history).toHaveLength(30);
    // December 1st, built in the site of November 29th: November's file written, October's kept.
    expect(await publishLog(out, night(NOV30 + 1))).toBe(publishMessages.historyMonths(1, 1));
    const november = json(file(out, 'history/2026-11.json'));
    expect(november.history).toEqual(nov30.history);
    const dec1 = json(file(out, 'history.json'));
    expect(dec1.history.map((h: { snapshot_date: string }) => h.snapshot_date)).toEqual(['2026-12-01']);
    expect(dec1.months).toEqual([
      { month: '2026-10', href: 'history/2026-10.json' },
      { month: '2026-11', href: 'history/2026-11.json' },
      { month: '2026-12', href: 'history.json' },
    ]);
    const index = json(join(out, 'api/v1/history-months.json'));
    expect(index.months.map((m: { month: string; open: boolean }) => [m.month, m.open])).toEqual([
      ['2026-10', false],
      ['2026-11', false],
      ['2026-12', true],
    ]);
    validateApi(out);
    await expectFresh(out, NOV30 + 1);
    // December 2nd, built in November 30th's site, which has no November file: written there too.
    expect(await publishLog(out, night(NOV30 + 2))).toBe(publishMessages.historyMonths(1, 1));
    await expectFresh(out, NOV30 + 2);
    // December 3rd, built in December 1st's site: both closed months kept, nothing written.
    expect(await publishLog(out, night(NOV30 + 3))).toBe(publishMessages.historyMonths(0, 2));
    await expectFresh(out, NOV30 + 3);
  });

  it('puts right a recycled site of the older format, whose open month had its file', async () => {
    const out = join(tempDir(), 'site');
    await publishLog(out, night(NOV30 - 1));
    await publishLog(out, night(NOV30));
    // The recycled folder (November 29th's) as the previous release left it: November's file (its 29 dates, in the
    // month file's form, which has not changed) and an index without `open`.
    const old = oldOf(out);
    const oct = readFileSync(file(old, 'history/2026-10.json'), 'utf8');
    const entries = JSON.stringify(json(file(old, 'history.json')).history);
    writeFileSync(
      file(old, 'history/2026-11.json'),
      oct.replace(/"history":\[.*\],"month":"2026-10"/, `"history":${entries},"month":"2026-11"`),
    );
    const indexPath = join(old, 'api/v1/history-months.json');
    const index = json(indexPath);
    for (const m of index.months) delete m.open;
    writeFileSync(indexPath, JSON.stringify(index));
    // Republished the same night: November is open, so its file goes; October is kept.
    expect(await publishLog(out, night(NOV30 - 1))).toBe(publishMessages.historyMonths(0, 1));
    expect(existsSync(file(out, 'history/2026-11.json'))).toBe(false);
    await expectFresh(out, NOV30 - 1);
  });

  it('writes every closed month again for a site of an older month format', async () => {
    const out = join(tempDir(), 'site');
    await publishLog(out, night(NOV30 + 1));
    await publishLog(out, night(NOV30 + 1));
    const indexPath = join(oldOf(out), 'api/v1/history-months.json');
    const index = json(indexPath);
    for (const m of index.months) m.version = m.version.replace(/^\d+:/, '1:');
    writeFileSync(indexPath, JSON.stringify(index));
    expect(await publishLog(out, night(NOV30 + 2))).toBe(publishMessages.historyMonths(2, 0));
    await expectFresh(out, NOV30 + 2);
  });
});
