// A quest page's history chart as published: its spec reads the quest's history.json by URL (history-chart.ts), so it
// must draw exactly what the inline chart (static SVG, notebooks) draws, and keep its bytes when only figures change.
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import type { QuestStats } from '../src/domain/types.js';
import type { SiteData } from '../src/publish/api.js';
import { questHistoryChart } from '../src/publish/charts.js';
import { writeSite } from '../src/publish/publish.js';
import { oldOf } from '../src/publish/site-files.js';
import { NOW, SITE } from './fixtures/publish/site.js';
import { tempDir } from './helpers.js';
import { walk } from './publish-helpers.js';

async function publishTo(out: string, data: SiteData): Promise<void> {
  await writeSite(data, { out }, { ...recorder(), now: () => NOW });
}

/** vega's SVG of a vega-lite spec, its data URLs read from `dir` (as the browser resolves them from the page). */
async function draw(spec: unknown, dir: string): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const loader = vega.loader();
  loader.load = async (uri: string) => readFileSync(join(dir, uri), 'utf8');
  const view = new vega.View(vega.parse(vl.compile(spec as never).spec), { renderer: 'none', loader });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
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

describe('the history chart by URL', () => {
  it('draws what the inline chart draws, for every quest, dates under the floor left out', async () => {
    for (const data of [SITE, withSuppressedDay]) {
      const out = join(tempDir(), 'site');
      await publishTo(out, data);
      const specs = walk(out).filter((f) => f.endsWith('.history.vl.json'));
      expect(specs.length).toBeGreaterThanOrEqual(3);
      for (const f of specs) {
        const spec = JSON.parse(readFileSync(join(out, f), 'utf8'));
        const url: string = spec.data.url;
        const doc = JSON.parse(readFileSync(join(out, 'quests', url), 'utf8')) as { quest_id: string; history: [] };
        const rows = data.history.filter((r: QuestStats) => r.quest_id === doc.quest_id && !r.suppressed);
        expect(rows.length, f).toBeGreaterThan(0);
        expect(doc.history.length, f).toBeGreaterThanOrEqual(rows.length);
        const inline = await draw(questHistoryChart(rows).spec, out);
        expect(await draw(spec, join(out, 'quests')), f).toBe(inline);
      }
      // The suppressed day is in history.json (flagged) but not drawn.
      if (data === withSuppressedDay) {
        const doc = JSON.parse(readFileSync(join(out, 'api/v1/quests/FET0001/history.json'), 'utf8'));
        expect(doc.history.map((h: { suppressed?: boolean }) => h.suppressed === true)).toEqual([true, false]);
      }
    }
  });

  it('keeps its bytes when the figures change: the nightly leaves the file as it is', async () => {
    const out = join(tempDir(), 'site');
    await publishTo(out, SITE);
    await publishTo(out, SITE);
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
    expect(written('quests/FET0001.status.vl.json')).toBe(true);
    expect(written('quests/FET0001.history.vl.json')).toBe(false);
  });
});
