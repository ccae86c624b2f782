// History that does not grow the nightly: quest pages show a bounded window, history.json holds the open month, every
// closed month is in month files, and a publish keeps the month files the recycled site already holds unless one of
// their dates changed.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { publishMessages } from '../src/domain/messages.js';
import type { QuestStats } from '../src/domain/types.js';
import { historyEntry } from '../src/publish/api.js';
import { entriesJson, HISTORY_WINDOW, monthsFromHistory } from '../src/publish/history-files.js';
import { compactJson } from '../src/publish/json.js';
import { writeSite } from '../src/publish/publish.js';
import { oldOf } from '../src/publish/site-files.js';
import { days, herbs, publishLog, site } from './fixtures/publish/history-site.js';
import { NOW } from './fixtures/publish/site.js';
import { tempDir } from './helpers.js';
import { validateApi, walk } from './publish-helpers.js';

describe('quest history', () => {
  it('shows the latest dates on the page, the open month in history.json, every closed month in month files', async () => {
    const dates = days('2026-07-20', 100); // 2026-07-20 .. 2026-10-27
    const first = dates.length - HISTORY_WINDOW; // the page's window: 2026-09-28 on
    const out = join(tempDir(), 'site');
    await writeSite(site(dates), { out }, { ...recorder(), now: () => NOW });
    const doc = JSON.parse(readFileSync(join(out, 'api/v1/quests/FET0001/history.json'), 'utf8'));
    // history.json: every date of the open month (October), which has no month file.
    expect(doc.history.map((h: { snapshot_date: string }) => h.snapshot_date)).toEqual(dates.slice(-27));
    expect(doc.history_complete).toBe(false);
    expect(doc.months).toEqual([
      { month: '2026-07', href: 'history/2026-07.json' },
      { month: '2026-08', href: 'history/2026-08.json' },
      { month: '2026-09', href: 'history/2026-09.json' },
      { month: '2026-10', href: 'history.json' },
    ]);
    expect(existsSync(join(out, 'api/v1/quests/FET0001/history/2026-10.json'))).toBe(false);
    // Following every href gives every date once, in order.
    const docs = doc.months.map((m: { href: string }) =>
      JSON.parse(readFileSync(join(out, 'api/v1/quests/FET0001', m.href), 'utf8')),
    );
    expect(docs.map((m: { history: unknown[] }) => m.history.length)).toEqual([12, 31, 30, 27]);
    expect(docs.flatMap((m: { history: { completed: number }[] }) => m.history.map((h) => h.completed))).toEqual(
      dates.map((_, i) => i),
    );
    const index = JSON.parse(readFileSync(join(out, 'api/v1/history-months.json'), 'utf8'));
    expect(index.months.map((m: { month: string; open: boolean }) => [m.month, m.open])).toEqual([
      ['2026-07', false],
      ['2026-08', false],
      ['2026-09', false],
      ['2026-10', true],
    ]);
    // The page's interactive chart reads the files holding its window's months, one layer each.
    const spec = JSON.parse(readFileSync(join(out, 'quests/FET0001.specs.json'), 'utf8')).history;
    expect(spec.layer.map((l: { data: { url: string } }) => l.data.url)).toEqual([
      '../api/v1/quests/FET0001/history/2026-09.json',
      '../api/v1/quests/FET0001/history.json',
    ]);
    const page = readFileSync(join(out, 'quests/FET0001.html'), 'utf8');
    expect(page).toContain(`latest ${HISTORY_WINDOW} snapshot dates`);
    expect(page).toContain('href="../api/v1/quests/FET0001/history/2026-07.json"');
    expect(page).toContain('href="../api/v1/quests/FET0001/history.json">2026-10</a>');
    // the history table: one row per windowed date, none older (a row's cells without end tags: report.ts's dataTable)
    expect(page).toContain(`<tr><th scope="row">${dates[first]}<td>`);
    expect(page).not.toContain(`<th scope="row">${dates[first - 1]}<`);
    validateApi(out);
  });

  it('keeps unchanged month files of the recycled site, rewrites the month that changed, equals a fresh publish', async () => {
    const out = join(tempDir(), 'site');
    const sep = days('2026-09-01', 30);
    const oct = days('2026-10-01', 31);
    const novA = days('2026-11-01', 20);
    // 1st and 2nd publish: new folders (the 2nd's previous site becomes .site.old); November, open, has no files.
    expect(await publishLog(out, site([...sep, ...oct, ...novA]))).toBe(publishMessages.historyMonths(2, 0));
    expect(await publishLog(out, site([...sep, ...oct, ...novA]))).toBe(publishMessages.historyMonths(2, 0));
    const october = join(out, 'api/v1/quests/FET0001/history/2026-10.json');
    // 3rd: one more day, built in the first site: both closed months kept as they are, nothing written.
    const novB = days('2026-11-01', 21);
    expect(await publishLog(out, site([...sep, ...oct, ...novB]))).toBe(publishMessages.historyMonths(0, 2));
    // 4th: a recomputed October date changes October: written again, September kept.
    const changed = site([...sep, ...oct, ...novB], (_r, i) => (i === 33 ? { completed: 99 } : {}));
    expect(await publishLog(out, changed)).toBe(publishMessages.historyMonths(1, 1));
    const fresh = join(tempDir(), 'site');
    await publishLog(fresh, changed);
    expect(walk(out)).toEqual(walk(fresh));
    for (const f of walk(fresh)) expect(readFileSync(join(out, f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
    expect(JSON.parse(readFileSync(october, 'utf8')).history[3].completed).toBe(99);
  });

  it('drops links planted among kept month files and writes a month whose file a link had replaced', async () => {
    const dir = tempDir();
    const out = join(dir, 'site');
    const oct = days('2026-10-01', 31);
    const nov = days('2026-11-01', 20);
    await publishLog(out, site([...oct, ...nov]));
    await publishLog(out, site([...oct, ...nov]));
    // The recycled site's quest history folder: a folder link out of the site, a file link under a month name that is
    // not published, and October's file replaced by a link to an outside file holding the same bytes.
    const history = join(oldOf(out), 'api/v1/quests/FET0001/history');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'keep.txt'), 'mine');
    writeFileSync(join(dir, 'october.json'), readFileSync(join(history, '2026-10.json')));
    symlinkSync(elsewhere, join(history, 'evil'));
    symlinkSync(join(elsewhere, 'keep.txt'), join(history, '2026-09.json'));
    unlinkSync(join(history, '2026-10.json'));
    symlinkSync(join(dir, 'october.json'), join(history, '2026-10.json'));
    const novB = days('2026-11-01', 21);
    // October's version is unchanged, but its file is gone with the link: written, not kept (November is open).
    expect(await publishLog(out, site([...oct, ...novB]))).toBe(publishMessages.historyMonths(1, 0));
    expect(walk(out).filter((f) => lstatSync(join(out, f)).isSymbolicLink())).toEqual([]);
    expect(readdirSync(join(out, 'api/v1/quests/FET0001/history'))).toEqual(['2026-10.json', '2026-10.json.gz']);
    expect(readdirSync(elsewhere)).toEqual(['keep.txt']);
    expect(readFileSync(join(elsewhere, 'keep.txt'), 'utf8')).toBe('mine');
    const fresh = join(tempDir(), 'site');
    await publishLog(fresh, site([...oct, ...novB]));
    for (const f of walk(fresh)) expect(readFileSync(join(out, f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
  });

  it('puts every date of the open month in history.json, also when the page window misses some', async () => {
    const data = site([...days('2026-09-20', 11), ...days('2026-10-01', 30)]);
    const fromWindow = join(tempDir(), 'site');
    await writeSite(data, { out: fromWindow }, { ...recorder(), now: () => NOW });
    // A window of 5 dates holds only part of October: its rows are read from the month source instead.
    const fromSource = join(tempDir(), 'site');
    const partial = { ...data, months: monthsFromHistory(data.history), history: data.history.slice(-5) };
    await writeSite(partial, { out: fromSource }, { ...recorder(), now: () => NOW });
    const f = 'api/v1/quests/FET0001/history/2026-09.json';
    expect(readFileSync(join(fromWindow, f), 'utf8'), f).toBe(readFileSync(join(fromSource, f), 'utf8'));
    const doc = (dir: string) => JSON.parse(readFileSync(join(dir, 'api/v1/quests/FET0001/history.json'), 'utf8'));
    expect(doc(fromWindow).history).toHaveLength(30);
    expect(doc(fromSource).history).toEqual(doc(fromWindow).history);
  });

  it('serialises history entries without the sorting pass as compactJson does, privacy flags included', () => {
    const rows: QuestStats[] = [
      herbs,
      { ...herbs, snapshot_date: '2026-11-22', suppressed: true, times_suppressed: true },
      { ...herbs, snapshot_date: '2026-11-23', times_suppressed: true },
    ];
    const json = entriesJson(rows);
    expect(json).toBe(compactJson(rows.map(historyEntry)).trimEnd());
    const keys = (JSON.parse(json) as Record<string, unknown>[]).map((e) => Object.keys(e).slice(-4));
    expect(keys[1]).toEqual(['snapshot_date', 'status', 'suppressed', 'times_suppressed']);
    expect(keys[2]).toEqual(['shortest_completion_iso', 'snapshot_date', 'status', 'times_suppressed']);
  });
});
