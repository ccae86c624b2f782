// CI executes every shipped notebook headless on the sample data; what they show must be the library's figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { notebookMessages } from '../src/domain/notebook-messages.js';
import type { Snapshot } from '../src/domain/types.js';
import { Db } from '../src/engine/db.js';
import { getCoverage, getSnapshot } from '../src/engine/read.js';
import { getSegmentRows } from '../src/engine/segments.js';
import { demoJob } from '../src/jobs/demo.js';
import { formatValue, tableHtml } from '../src/notebook/display.js';
import { runNotebook } from '../src/notebook/run.js';
import { formatDuration, formatInterval, formatPercent, statsRows } from '../src/notebook.js';
import { worstFirst } from '../src/publish/rates.js';
import { ROOT, tempDir } from './helpers.js';
import { errorOutputs, haveJupyter, type OutputCell, readNotebook, text } from './notebook-helpers.js';

let ok = false;
let db = '';
let snap: Snapshot;
const out = tempDir();

beforeAll(async () => {
  ok = await haveJupyter();
  if (!ok) return;
  db = join(tempDir(), 'questlog.duckdb');
  await demoJob({ db, config: loadConfig(ROOT) }, { log() {} });
  const conn = await Db.open(`${db.slice(0, -'.duckdb'.length)}.read.duckdb`, { readOnly: true });
  snap = await getSnapshot(conn);
  conn.close();
}, 600_000);

async function run(name: string, params: Record<string, string> = {}): Promise<OutputCell[]> {
  const r = await runNotebook({ notebook: join(ROOT, 'notebooks', `${name}.ipynb`), params, out, db }, { log() {} });
  const cells = readNotebook(r.ipynb, (p) => readFileSync(p, 'utf8'));
  expect(errorOutputs(cells)).toEqual([]);
  return cells;
}

const displays = (cells: OutputCell[]) =>
  cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === 'display_data').map((o) => o.data ?? {}));

describe('shipped notebooks on the sample data', () => {
  it('overview.ipynb shows the library snapshot, charts and coverage', async ({ skip }) => {
    if (!ok) skip();
    const cells = await run('overview');
    const shown = displays(cells);
    const m = snap.meta;
    const caption = notebookMessages.statsCaption(m.snapshot_date, m.players, m.events, m.data_through);
    // Counts as the report prints them: the sample has thousands of events, shown with a thousands separator.
    expect(m.events).toBeGreaterThan(999);
    expect(caption).toContain(`${String(m.events).replace(/(\d)(?=(\d{3})+$)/g, '$1,')} events`);
    expect(text(shown[0]?.['text/html'])).toBe(tableHtml(statsRows(snap.quests), { caption, limit: 1000 }));
    expect(m).toMatchObject({ snapshot_date: '2026-11-22', players: 200 });
    expect(shown.filter((d) => 'application/vnd.vegalite.v5+json' in d)).toHaveLength(4);
    const conn = await Db.open(`${db.slice(0, -'.duckdb'.length)}.read.duckdb`, { readOnly: true });
    const cov = await getCoverage(conn);
    conn.close();
    expect(text(shown.at(-1)?.['text/plain'])).toContain(
      `catalogue quests nobody has met              ${cov.never_seen.length}      ${cov.never_seen.join(', ')}`,
    );
  }, 300_000);

  it('quest.ipynb with quest_id=KIL0002 shows that quest’s figures', async ({ skip }) => {
    if (!ok) skip();
    const cells = await run('quest', { quest_id: 'KIL0002' });
    const q = snap.quests.find((x) => x.quest_id === 'KIL0002');
    expect(q).toBeDefined();
    if (!q) return;
    expect(text(cells[3]?.outputs?.[0]?.text)).toBe(
      `${q.name} (KIL0002), chain ${q.chain}, snapshot ${snap.meta.snapshot_date}\n`,
    );
    const figures = text(displays(cells)[0]?.['text/html']);
    const cell = (label: string, v: number | null) =>
      `<td>${label}</td><td class="${v === null ? 'ql-null' : 'ql-num'}">${formatValue(v)}</td>`;
    for (const [label, v] of [
      ['players', q.players],
      ['in progress (accepted)', q.accepted],
      ['declined', q.declined],
      ['completed', q.completed],
      ['not encountered', q.not_encountered],
    ] as const) {
      expect(figures).toContain(cell(label, v));
    }
    // Rates and durations read as they do everywhere else (README "Vocabulary"), not as raw fractions and seconds,
    // right-aligned as the numbers are.
    for (const [label, v] of [
      ['reach (met / players)', formatPercent(q.reach_rate)],
      ['conversion (completed / met)', formatPercent(q.conversion_rate)],
      ['conversion, 95% interval', formatInterval(q.conversion_rate_low, q.conversion_rate_high)],
      ['completion rate', formatPercent(q.completion_rate)],
      ['median time', formatDuration(q.median_seconds)],
      ['p90 time', formatDuration(q.p90_seconds)],
    ] as const) {
      expect(figures).toContain(`<td>${label}</td><td class="ql-num">${v}</td>`);
    }
    expect(displays(cells).filter((d) => 'application/vnd.vegalite.v5+json' in d)).toHaveLength(4);
  }, 300_000);

  it('segments.ipynb compares two builds on one quest with the library figures', async ({ skip }) => {
    if (!ok) skip();
    const cells = await run('segments', { quest_id: 'KIL0002' });
    const conn = await Db.open(`${db.slice(0, -'.duckdb'.length)}.read.duckdb`, { readOnly: true });
    const rows = await getSegmentRows(conn, { date: snap.meta.snapshot_date, dimension: 'build', quest: 'KIL0002' });
    const z = await conn.one<{ z: number | null }>('SELECT ql_two_prop_z($k1, $n1, $k2, $n2) AS z', {
      k1: rows.find((r) => r.value === '1.4.0')?.completed ?? 0,
      n1: rows.find((r) => r.value === '1.4.0')?.encountered ?? 0,
      k2: rows.find((r) => r.value === '1.5.0')?.completed ?? 0,
      n2: rows.find((r) => r.value === '1.5.0')?.encountered ?? 0,
    });
    conn.close();
    const [a, b] = ['1.4.0', '1.5.0'].map((v) => rows.find((r) => r.value === v));
    expect(a && b).toBeTruthy();
    if (!a || !b) return;
    // cells[2] is the injected parameters cell.
    expect(text(cells[3]?.outputs?.[0]?.text)).toBe(
      `${a.name} (KIL0002), snapshot ${snap.meta.snapshot_date}: 1.4.0 vs 1.5.0\n`,
    );
    const table = text(displays(cells)[0]?.['text/html']);
    for (const r of rows) expect(table).toContain(`<td class="ql-num">${formatValue(r.players)}</td>`);
    expect(displays(cells).filter((d) => 'application/vnd.vegalite.v5+json' in d)).toHaveLength(1);
    const verdict = text(cells.at(-3)?.outputs?.[0]?.text);
    expect(verdict).toContain(
      `conversion 1.4.0: ${a.completed}/${a.encountered}, 1.5.0: ${b.completed}/${b.encountered}: `,
    );
    expect(verdict).toContain(z?.z === null || z?.z === undefined ? 'no test' : `z = ${z.z.toFixed(2)}`);
  }, 300_000);

  it('sql.ipynb runs every example', async ({ skip }) => {
    if (!ok) skip();
    const cells = await run('sql');
    const worst = worstFirst(snap.quests)[0];
    expect(text(cells.at(-1)?.outputs?.[0]?.text)).toBe(
      `snapshot ${snap.meta.snapshot_date}: ${snap.meta.players} players; lowest conversion: ${worst?.name} (${worst?.quest_id})\n`,
    );
  }, 300_000);
});
