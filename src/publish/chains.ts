// Chain funnels as published: api/v1/chains.json, api/v1/chains/<chain>.json and chains.html with one funnel chart
// per chain (vega draws them: a site has a few chains, not thousands).
import type { ChainStep } from '../domain/types.js';
import { API_DIR, type SiteData } from './api.js';
import { base, type Chart } from './charts.js';
import { fileIds } from './file-ids.js';
import { compactJson, round } from './json.js';
import { floorFlags } from './privacy.js';
import type { Draw, Write } from './quest-pages.js';
import { renderCharts } from './quest-pages.js';
import { renderChains } from './report.js';
import { bottomLinear, frame, labelAttrs, line, linearAxis, n, PAD, text, textWidth } from './svg-axes.js';

const STAGE_COLORS: Record<string, string> = { Reached: '#90cdf4', Completed: '#2f855a' };

/**
 * The static drawing of funnelChart: per step a pair of bars (reached, completed), 16 px each, 480 px wide. Drawn
 * here, not by vega: a catalogue of 1,000 quests has ~200 chains, and vega's view per chart cost the 1M nightly's
 * publish 25-40 s on a loaded machine.
 */
function funnelSvg(values: readonly Record<string, unknown>[]): string {
  const w = 480;
  const rows = values.map((v) => ({ label: String(v.label), stage: String(v.stage), players: Number(v.players) || 0 }));
  const labels = [...new Set(rows.map((r) => r.label))];
  const h = labels.length * 32;
  const axis = linearAxis(0, Math.max(0, ...rows.map((r) => r.players)), w, { nice: true, count: true });
  const x = (v: number) => (v / axis.hi) * w;
  const labelW = Math.min(200, Math.max(0, ...labels.map((l) => textWidth(l, 11))));
  const left = Math.ceil(7 + labelW);
  const out = [bottomLinear(axis, w, h, 'Players')];
  for (const r of rows) {
    const y = labels.indexOf(r.label) * 32 + (r.stage === 'Completed' ? 16 : 0) + 1;
    const bw = x(r.players);
    if (bw > 0) out.push(`<rect x="0" y="${n(y)}" width="${n(bw)}" height="14" fill="${STAGE_COLORS[r.stage]}"/>`);
  }
  out.push(line(0, 0, 0, h, '#a0aec0'));
  labels.forEach((l, i) => {
    const shown = textWidth(l, 11) > 200 ? `${l.slice(0, Math.floor(200 / 8.8) - 1)}…` : l;
    out.push(text(-7, i * 32 + 19, shown, labelAttrs('end')));
  });
  return frame(PAD + left + w + 1 + PAD, PAD + h + 33 + PAD, PAD + left, PAD, out.join(''));
}

const drawFunnels: Draw = (charts) => charts.map((c) => funnelSvg(c.spec.data.values));

/** Steps grouped by chain, in chain then step order. */
function byChain(steps: readonly ChainStep[]): Map<string, ChainStep[]> {
  const out = new Map<string, ChainStep[]>();
  for (const s of steps) {
    const list = out.get(s.chain);
    if (list) list.push(s);
    else out.set(s.chain, [s]);
  }
  return out;
}

function stepJson(s: ChainStep) {
  return {
    completed: s.completed,
    conversion_rate: round(s.conversion_rate, 6),
    conversion_rate_high: round(s.conversion_rate_high, 6),
    conversion_rate_low: round(s.conversion_rate_low, 6),
    dropped: s.dropped,
    median_gap_seconds: round(s.median_gap_seconds, 3),
    name: s.name,
    quest_id: s.quest_id,
    reached: s.reached,
    step: s.step,
    ...floorFlags(s),
  };
}

/** One funnel: players who reached and completed each step, in order. */
export function funnelChart(chain: string, steps: readonly ChainStep[], key = 'funnel'): Chart {
  // Steps under the privacy floor have null counts: no bar (the table shows them as –).
  const values = steps.flatMap((s) =>
    s.suppressed
      ? []
      : [
          { label: `${s.step}. ${s.name}`, players: s.reached, stage: 'Reached', step: s.step },
          { label: `${s.step}. ${s.name}`, players: s.completed, stage: 'Completed', step: s.step },
        ],
  );
  const description = `Chain ${chain}: players who reached and who completed each step, in catalogue order.`;
  return {
    key,
    title: `Chain ${chain}`,
    description,
    spec: {
      ...base(description, 480),
      height: { step: 16 },
      data: { name: 'table', values },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: 'label', type: 'nominal', title: null, sort: { field: 'step', op: 'min' } },
        yOffset: { field: 'stage', sort: ['Reached', 'Completed'] },
        x: { field: 'players', type: 'quantitative', title: 'Players', axis: { tickMinStep: 1, format: 'd' } },
        color: {
          field: 'stage',
          type: 'nominal',
          title: null,
          scale: { domain: ['Reached', 'Completed'], range: ['#90cdf4', '#2f855a'] },
        },
      },
    },
    table: {
      columns: ['Step', 'Quest', 'Reached', 'Completed', 'Dropped', 'Conversion', 'Median gap (s)'],
      rows: steps.map((s) => [
        s.step,
        s.name,
        s.reached,
        s.completed,
        s.dropped,
        round(s.conversion_rate, 4),
        round(s.median_gap_seconds, 0),
      ]),
    },
  };
}

/** The chain documents and chains.html (only when the catalogue has chains). */
export async function writeChains(data: SiteData, write: Write): Promise<void> {
  const chains = byChain(data.chains ?? []);
  const header = {
    schema_version: 1,
    generated_at: data.generatedAt,
    snapshot_date: data.snapshot.meta.snapshot_date,
  };
  const ids = fileIds([...chains.keys()]);
  const list = [...chains].map(([chain, steps]) => ({ chain, fileId: ids.get(chain) as string, steps }));
  await write(
    `${API_DIR}/chains.json`,
    compactJson({
      ...header,
      chains: list.map((c) => ({
        chain: c.chain,
        file_id: c.fileId,
        steps: c.steps.length,
        json: `chains/${c.fileId}.json`,
      })),
    }),
  );
  for (const c of list) {
    await write(
      `${API_DIR}/chains/${c.fileId}.json`,
      compactJson({ ...header, chain: c.chain, file_id: c.fileId, steps: c.steps.map(stepJson) }),
    );
  }
  if (list.length === 0) return;
  const charts = list.map((c, i) => funnelChart(c.chain, c.steps, `funnel-${i + 1}`));
  const rendered = await renderCharts(charts, drawFunnels, write, 'chains', { open: charts.map((c) => c.key) });
  await write('chains.html', renderChains(data, { chains: list, charts: rendered }));
}
