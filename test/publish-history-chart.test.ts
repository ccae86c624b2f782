// A quest page's history chart as published: its spec reads the quest's closed months' files and its history.json (the
// open month) by URL (history-chart.ts), one layer each, so it must draw exactly what the inline chart (static SVG, notebooks) draws, and keep its bytes when only
// figures change.
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import type { QuestStats } from '../src/domain/types.js';
import type { SiteData } from '../src/publish/api.js';
import { questHistoryChart } from '../src/publish/charts.js';
import { writeSite } from '../src/publish/publish.js';
import { SPECS } from '../src/publish/quest-pages.js';
import { oldOf } from '../src/publish/site-files.js';
import { days, site } from './fixtures/publish/history-site.js';
import { NOW, SITE } from './fixtures/publish/site.js';
import { tempDir } from './helpers.js';
import { walk } from './publish-helpers.js';
import { draw } from './vega-draw.js';

async function publishTo(out: string, data: SiteData): Promise<void> {
  await writeSite(data, { out }, { ...recorder(), now: () => NOW });
}

/** The fixture with FET0001's first date under the privacy floor: the chart leaves that date out. */
const withSuppressedDay: SiteData = {
  ...SITE,
  history: SITE.history.map((r, i) =>
    r.quest_id === 'FET0001' && i === SITE.history.findIndex((h) => h.quest_id === 'FET0001')
      ? { ...r, suppressed: true }
      : r,
  ),
};

/** The fixture with its first date in the month before: the chart reads October's file and history.json. */
const acrossMonths: SiteData = {
  ...SITE,
  history: SITE.history.map((r) => (r.snapshot_date === '2026-11-20' ? { ...r, snapshot_date: '2026-10-31' } : r)),
};

/** A month's rollover: the nightlies of November's last two days, then December's first, into the recycled sites. */
const rollover = [
  site(days('2026-10-25', 36)),
  site(days('2026-10-25', 37)),
  site(days('2026-10-25', 38)),
  site(days('2026-10-25', 39)),
];

describe('the history chart by URL', () => {
  it('draws what the inline chart draws, for every quest, dates under the floor left out', async () => {
    for (const nights of [[SITE], [withSuppressedDay], [acrossMonths], rollover.slice(0, 3), rollover]) {
      const out = join(tempDir(), 'site');
      for (const night of nights) await publishTo(out, night);
      const data = nights[nights.length - 1] as SiteData;
      const specs = walk(out).filter((f) => f.startsWith('quests/') && f.endsWith(SPECS));
      expect(specs.length).toBeGreaterThanOrEqual(nights.length > 1 ? 1 : 3);
      for (const f of specs) {
        const spec = JSON.parse(readFileSync(join(out, f), 'utf8')).history;
        const urls: string[] = spec.layer.map((l: { data: { url: string } }) => l.data.url);
        const docs = urls.map((u) => JSON.parse(readFileSync(join(out, 'quests', u), 'utf8')));
        const id = docs[0].quest_id as string;
        // The whole months holding the page's window (its latest 31 dates), which the interactive chart shows.
        const all = data.history.filter((r: QuestStats) => r.quest_id === id && !r.suppressed);
        const from = (all.slice(-31)[0] as QuestStats).snapshot_date.slice(0, 7);
        const rows = all.filter((r) => r.snapshot_date >= from);
        expect(rows.length, f).toBeGreaterThan(0);
        expect(
          docs.reduce((n, d) => n + d.history.length, 0),
          f,
        ).toBeGreaterThanOrEqual(rows.length);
        const inline = await draw(questHistoryChart(rows).spec, out);
        expect(inline.filter((d) => d.startsWith('rect')).length, f).toBe(rows.length * 6);
        expect(await draw(spec, join(out, 'quests')), f).toEqual(inline);
        if (data === acrossMonths && id === 'FET0001') expect(urls, f).toHaveLength(2);
        // December's first and second nights: November, just closed, from its file (written on both nights, into
        // each of the site's folders), December from history.json.
        if (nights.length > 1) {
          expect(urls, f).toEqual([
            '../api/v1/quests/FET0001/history/2026-11.json',
            '../api/v1/quests/FET0001/history.json',
          ]);
        }
      }
      // The suppressed day is in history.json (the open month, flagged) but not drawn.
      if (data === withSuppressedDay) {
        const doc = JSON.parse(readFileSync(join(out, 'api/v1/quests/FET0001/history.json'), 'utf8'));
        expect(doc.history.map((h: { suppressed?: boolean }) => h.suppressed === true)).toEqual([true, false]);
      }
    }
  });

  it('keeps its bytes when the figures change', async () => {
    const out = join(tempDir(), 'site');
    await publishTo(out, SITE);
    await publishTo(out, SITE);
    const specs = () => JSON.parse(readFileSync(join(out, 'quests/FET0001.specs.json'), 'utf8'));
    const before = specs();
    const long = new Date('2001-01-01T00:00:00Z');
    for (const dir of [out, oldOf(out)]) for (const f of walk(dir)) utimesSync(join(dir, f), long, long);
    const more = (q: QuestStats) => (q.quest_id === 'FET0001' ? { ...q, completed: q.completed + 1 } : q);
    await publishTo(out, {
      ...SITE,
      snapshot: { ...SITE.snapshot, quests: SITE.snapshot.quests.map(more) },
      history: SITE.history.map(more),
    });
    const written = (f: string) => statSync(join(out, f)).mtimeMs !== long.getTime();
    expect(written('api/v1/quests/FET0001/history.json')).toBe(true);
    const after = specs();
    expect(JSON.stringify(after.history)).toBe(JSON.stringify(before.history));
  });
});
