// A quest page's history chart as published: its spec reads the quest's month files by URL (history-chart.ts), one
// layer each, so it must draw exactly what the inline chart (static SVG, notebooks) draws, and keep its bytes when only
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

/** The fixture with its first date in the month before: the chart reads two month files, a layer each. */
const acrossMonths: SiteData = {
  ...SITE,
  history: SITE.history.map((r) => (r.snapshot_date === '2026-11-20' ? { ...r, snapshot_date: '2026-10-31' } : r)),
};

describe('the history chart by URL', () => {
  it('draws what the inline chart draws, for every quest, dates under the floor left out', async () => {
    for (const data of [SITE, withSuppressedDay, acrossMonths]) {
      const out = join(tempDir(), 'site');
      await publishTo(out, data);
      const specs = walk(out).filter((f) => f.startsWith('quests/') && f.endsWith(SPECS));
      expect(specs.length).toBeGreaterThanOrEqual(3);
      for (const f of specs) {
        const spec = JSON.parse(readFileSync(join(out, f), 'utf8')).history;
        const urls: string[] = spec.layer.map((l: { data: { url: string } }) => l.data.url);
        const docs = urls.map((u) => JSON.parse(readFileSync(join(out, 'quests', u), 'utf8')));
        const id = docs[0].quest_id as string;
        const rows = data.history.filter((r: QuestStats) => r.quest_id === id && !r.suppressed);
        expect(rows.length, f).toBeGreaterThan(0);
        expect(
          docs.reduce((n, d) => n + d.history.length, 0),
          f,
        ).toBeGreaterThanOrEqual(rows.length);
        const inline = await draw(questHistoryChart(rows).spec, out);
        expect(inline.filter((d) => d.startsWith('rect')).length, f).toBe(rows.length * 6);
        expect(await draw(spec, join(out, 'quests')), f).toEqual(inline);
        if (data === acrossMonths && id === 'FET0001') expect(urls, f).toHaveLength(2);
      }
      // The suppressed day is in its month file (flagged) but not drawn.
      if (data === withSuppressedDay) {
        const doc = JSON.parse(readFileSync(join(out, 'api/v1/quests/FET0001/history/2026-11.json'), 'utf8'));
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
