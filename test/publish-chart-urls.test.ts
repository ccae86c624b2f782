// A quest page's status, histogram and survival charts as published: their specs read the quest's API JSON by URL
// (chart-urls.ts), so they must draw exactly what the inline charts (notebooks; the static SVG is drawn from the same
// figures) draw, and the page's spec file must keep its bytes, unwritten, on a nightly where only the figures change.
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import type { QuestStats, SurvivalPoint, SurvivalStats } from '../src/domain/types.js';
import type { SiteData } from '../src/publish/api.js';
import { type Chart, histogramChart, questStatusChart } from '../src/publish/charts.js';
import { writeSite } from '../src/publish/publish.js';
import { SPECS } from '../src/publish/quest-pages.js';
import { oldOf } from '../src/publish/site-files.js';
import { survivalChart } from '../src/publish/survival.js';
import { NOW, SITE } from './fixtures/publish/site.js';
import { tempDir } from './helpers.js';
import { walk } from './publish-helpers.js';
import { draw } from './vega-draw.js';

async function publishTo(out: string, data: SiteData): Promise<void> {
  await writeSite(data, { out }, { ...recorder(), now: () => NOW });
}

const stats = (quest_id: string): SurvivalStats => ({
  snapshot_date: SITE.snapshot.meta.snapshot_date,
  quest_id,
  at_risk: 6,
  censored: 2,
  survival_median_seconds: 3000,
  survival_median_low_seconds: 2000,
  survival_median_high_seconds: null,
  survival_p90_seconds: null,
});
const point = (quest_id: string, seconds: number, s: number, lo: number, hi: number): SurvivalPoint => ({
  quest_id,
  seconds,
  surviving: s,
  surviving_low: lo,
  surviving_high: hi,
});

/** The fixture with survival figures: FET0001 has a curve (values that round to 2 decimals), FET0002 none. */
const WITH_SURVIVAL: SiteData = {
  ...SITE,
  survival: [stats('FET0001'), stats('FET0002')],
  survivalCurve: [
    point('FET0001', 1801, 0.8333333333, 0.4081632653, 0.9748417),
    point('FET0001', 4321.5, 0.5, 0.1387, 0.8124999),
    point('FET0001', 7199, 0.3333333333, 0.0466, 0.7101),
  ],
};

/** The inline chart each published key stands for, from the same site data. */
function inline(data: SiteData, q: QuestStats, key: string): Chart {
  if (key === 'status') return questStatusChart(q);
  if (key === 'histogram') return histogramChart(data.histogram.filter((b) => b.quest_id === q.quest_id));
  return survivalChart((data.survivalCurve ?? []).filter((p) => p.quest_id === q.quest_id));
}

/** The bars, or the line's and the band's points (from the origin), each chart draws. */
function marksOf(data: SiteData, id: string, key: string): number {
  if (key === 'status') return 6;
  if (key === 'histogram') return data.histogram.filter((b) => b.quest_id === id).length;
  return 2 * (1 + (data.survivalCurve ?? []).filter((p) => p.quest_id === id).length);
}

describe('the status, histogram and survival charts by URL', () => {
  it('draw what the inline charts draw, reading the quest JSON', async () => {
    const out = join(tempDir(), 'site');
    await publishTo(out, WITH_SURVIVAL);
    const seen: string[] = [];
    for (const f of walk(out).filter((p) => p.startsWith('quests/') && p.endsWith(SPECS))) {
      const specs = JSON.parse(readFileSync(join(out, f), 'utf8')) as Record<string, Record<string, unknown>>;
      for (const key of ['status', 'histogram', 'survival'].filter((k) => k in specs)) {
        const spec = specs[key] as { data: { url: string; values?: unknown } };
        expect(spec.data.values, f).toBeUndefined();
        const doc = JSON.parse(readFileSync(join(out, 'quests', spec.data.url), 'utf8'));
        const q = SITE.snapshot.quests.find((s) => s.quest_id === doc.quest_id) as QuestStats;
        const want = await draw(inline(WITH_SURVIVAL, q, key).spec, out);
        const marks = want.filter((d) => !d.startsWith('text'));
        expect(marks.length, `${f} ${key}`).toBe(marksOf(WITH_SURVIVAL, q.quest_id, key));
        expect(await draw(spec, join(out, 'quests')), `${f} ${key}`).toEqual(want);
        seen.push(`${doc.quest_id} ${key}`);
      }
    }
    // Every chart kind was compared, the survival curve for the one quest that has one.
    expect(seen).toEqual(expect.arrayContaining(['FET0001 status', 'FET0001 histogram', 'FET0001 survival']));
    expect(seen.filter((s) => s.endsWith('survival'))).toEqual(['FET0001 survival']);
  });

  it('leave the spec file unwritten on a nightly where the figures change', async () => {
    const out = join(tempDir(), 'site');
    await publishTo(out, WITH_SURVIVAL);
    await publishTo(out, WITH_SURVIVAL);
    const spec = 'quests/FET0001.specs.json';
    const before = readFileSync(join(out, spec), 'utf8');
    const long = new Date('2001-01-01T00:00:00Z');
    for (const dir of [out, oldOf(out)]) for (const f of walk(dir)) utimesSync(join(dir, f), long, long);
    const more = (q: QuestStats) => (q.quest_id === 'FET0001' ? { ...q, completed: q.completed + 1 } : q);
    await publishTo(out, {
      ...WITH_SURVIVAL,
      snapshot: { ...SITE.snapshot, quests: SITE.snapshot.quests.map(more) },
      history: SITE.history.map(more),
      histogram: SITE.histogram.map((b) => (b.bin_start === 3600 ? { ...b, players: 1 } : b)),
      survivalCurve: WITH_SURVIVAL.survivalCurve?.map((p) => ({ ...p, surviving: p.surviving - 0.01 })),
    });
    const written = (f: string) => statSync(join(out, f)).mtimeMs !== long.getTime();
    const json = JSON.parse(readFileSync(join(out, 'api/v1/quests/FET0001.json'), 'utf8'));
    expect(json.buckets.completed).toBe(4);
    expect(json.completion_histogram.map((b: { players: number }) => b.players)).toEqual([2, 1, 1]);
    expect(json.survival_curve.map((p: { surviving_percent: number }) => p.surviving_percent)).toEqual([
      100, 82.33, 49, 32.33,
    ]);
    expect(written('api/v1/quests/FET0001.json')).toBe(true);
    expect(written('quests/FET0001.html')).toBe(true);
    expect(written(spec)).toBe(false);
    expect(readFileSync(join(out, spec), 'utf8')).toBe(before);
  });
});
