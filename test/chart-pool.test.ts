// The worker pool must give the bytes the in-thread renderer gives for the same charts in the same order, whichever
// worker a chart lands on (big sites render in the pool; the golden sites are small and render in-thread).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Chart,
  ChartPool,
  ChartRenderer,
  type ChartRequest,
  DedupingRenderer,
  histogramChart,
  questStatusChart,
} from '../src/charts.js';
import type { QuestStats } from '../src/stats.js';
import { ROOT } from './helpers.js';

const WORKER = join(ROOT, 'dist/chart-worker.js');

/** Histograms whose y labels grow from one digit to five: a reused view once kept its first chart's layout. */
function histograms(): Chart[] {
  return [3, 40_000, 7, 900, 12_345, 5].map((top, i) =>
    histogramChart([
      { quest_id: `Q${i}`, bin_start: 0, bin_end: 60, players: top },
      { quest_id: `Q${i}`, bin_start: 60, bin_end: 120, players: Math.ceil(top / 3) },
    ]),
  );
}

function status(players: number): Chart {
  const q = { quest_id: 'Q', name: 'Q', completed: players, accepted: 2, declined: 1 } as unknown as QuestStats;
  return questStatusChart({ ...q, abandoned: 0, failed: 0, not_encountered: players * 10 });
}

describe('ChartPool', () => {
  const pool = existsSync(WORKER) ? new ChartPool(2, pathToFileURL(WORKER)) : undefined;
  afterAll(() => pool?.close());

  it.runIf(pool)('renders byte for byte what one in-thread renderer renders, in any worker', async () => {
    const charts = [...histograms(), status(5), status(50_000), ...histograms().reverse()];
    const single = new ChartRenderer();
    const expected: string[] = [];
    for (const c of charts) expected.push(await single.svg(c.spec, `${c.key}-clip`));
    single.close();
    const got = await Promise.all(charts.map((c) => (pool as ChartPool).svg(c.spec, `${c.key}-clip`)));
    expect(got).toEqual(expected);
    // Each chart is laid out around its own labels, whatever was drawn before: as a fresh view draws it.
    for (const [i, c] of charts.entries()) {
      const fresh = new ChartRenderer();
      expect(await fresh.svg(c.spec, `${c.key}-clip`), `chart ${i}`).toBe(expected[i]);
      fresh.close();
    }
    expect(new Set(expected.slice(0, 6).map((s) => /width="(\d+)"/.exec(s)?.[1])).size).toBeGreaterThan(1);
  });
});

/** A real renderer that also records what it was asked to draw. */
class CountingRenderer extends ChartRenderer {
  drawn: string[] = [];
  override svgs(charts: readonly ChartRequest[]): Promise<string[]> {
    this.drawn.push(...charts.map((c) => c.idPrefix));
    return super.svgs(charts);
  }
}

describe('DedupingRenderer', () => {
  it('draws each distinct chart once and answers repeats with the same bytes', async () => {
    const charts = [...histograms(), status(5), ...histograms(), status(5), status(7)];
    const single = new ChartRenderer();
    const expected: string[] = [];
    for (const c of charts) expected.push(await single.svg(c.spec, `${c.key}-clip`));
    single.close();
    const inner = new CountingRenderer();
    const deduped = new DedupingRenderer(inner, 8);
    const request = (c: Chart, idPrefix = `${c.key}-clip`) => ({ spec: c.spec, idPrefix });
    expect(await deduped.svgs(charts.map((c) => request(c)))).toEqual(expected);
    expect(inner.drawn).toHaveLength(8); // 6 histograms, 2 statuses
    // Another id prefix is another chart (the SVG's ids differ); the ninth one kept pushes out the least recently used.
    const [other] = await deduped.svgs([request(status(5), 'other-clip')]);
    expect(other).not.toEqual(expected[6]);
    expect(inner.drawn).toHaveLength(9);
    const [first, second] = histograms();
    expect(await deduped.svgs([request(second as Chart), request(first as Chart)])).toEqual(
      expected.slice(0, 2).reverse(),
    );
    expect(inner.drawn).toHaveLength(10);
    await deduped.close();
  });
});
