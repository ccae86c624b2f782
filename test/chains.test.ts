// Chain funnels (src/sql/chains/), against a hand-worked chain where players skip and leave steps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import { notebookMessages } from '../src/domain/notebook-messages.js';
import type { ChainStep } from '../src/domain/types.js';
import { getChains } from '../src/engine/chains.js';
import type { Db } from '../src/engine/db.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { loadCatalogue } from '../src/ingest/catalogue.js';
import { buildChart } from '../src/notebook/charts.js';
import { type Ev, loadEvents } from './fixtures/stats/load.js';
import { freshDb, tempDir } from './helpers.js';

// Chain "main" = C1 → C2 → C3 (catalogue order), X has no chain (in no funnel). Snapshot 2026-11-28, 6 players:
//   p1  C1 done 10:10; C2 accepted 10:40 (gap 1800 s), done 11:00; C3 accepted 11:10 (gap 600 s), done 11:30
//   p2  C1 done 10:20; skips C2; C3 accepted 12:00
//   p3  C1 done 10:30; nothing after: drops out before C2
//   p4  C1 accepted, in progress
//   p5  never met C1; C2 accepted (entered mid-chain)
//   p6  C1 done 09:30; C2 accepted 10:30 (gap 3600 s), abandoned 10:45
// Step 1 C1: reached 5 (p1 p2 p3 p4 p6), completed 4, conversion 4/5: Wilson (0.375535, 0.963776); dropped null.
// Step 2 C2: reached 3 (p1 p5 p6), completed 1, conversion 1/3: Wilson (0.061492, 0.792340);
//            dropped = completed C1 and never met C2 = p2, p3 = 2; gap median of 1800, 3600 = 2700 s.
// Step 3 C3: reached 2 (p1 p2), completed 1, conversion 1/2: Wilson (0.094531, 0.905469);
//            dropped = completed C2 (p1) and never met C3 = 0 (p2 skipped C2, so is not counted); gap 600 s (p1).
const events: Ev[] = [
  ['p1', 'C1', 'accepted', '2026-11-28 10:00:00'],
  ['p1', 'C1', 'completed', '2026-11-28 10:10:00'],
  ['p1', 'C2', 'accepted', '2026-11-28 10:40:00'],
  ['p1', 'C2', 'completed', '2026-11-28 11:00:00'],
  ['p1', 'C3', 'accepted', '2026-11-28 11:10:00'],
  ['p1', 'C3', 'completed', '2026-11-28 11:30:00'],
  ['p2', 'C1', 'accepted', '2026-11-28 10:00:00'],
  ['p2', 'C1', 'completed', '2026-11-28 10:20:00'],
  ['p2', 'C3', 'accepted', '2026-11-28 12:00:00'],
  ['p3', 'C1', 'accepted', '2026-11-28 10:00:00'],
  ['p3', 'C1', 'completed', '2026-11-28 10:30:00'],
  ['p4', 'C1', 'accepted', '2026-11-28 10:00:00'],
  ['p5', 'C2', 'accepted', '2026-11-28 10:00:00'],
  ['p6', 'C1', 'accepted', '2026-11-28 09:00:00'],
  ['p6', 'C1', 'completed', '2026-11-28 09:30:00'],
  ['p6', 'C2', 'accepted', '2026-11-28 10:30:00'],
  ['p6', 'C2', 'abandoned', '2026-11-28 10:45:00'],
  ['p6', 'X', 'accepted', '2026-11-28 10:45:00'],
];

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  const dir = tempDir();
  writeFileSync(
    join(dir, 'catalogue.csv'),
    'id,name,chain,order\nC3,Third,main,3\nC1,First,main,1\nC2,Second,main,2\nX,Loose,,\n',
  );
  await loadCatalogue(db, join(dir, 'catalogue.csv'));
  await loadEvents(db, events);
  await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
});
afterAll(() => db.close());

const step = (n: number, quest_id: string, name: string, f: Partial<ChainStep>): ChainStep => ({
  snapshot_date: '2026-11-28',
  chain: 'main',
  step: n,
  quest_id,
  name,
  players: 6,
  reached: 0,
  completed: 0,
  dropped: null,
  median_gap_seconds: null,
  conversion_rate: null,
  conversion_rate_low: null,
  conversion_rate_high: null,
  ...f,
});

describe('chain funnels', () => {
  it('counts reached, completed, dropped and the gap per step, with skipped steps', async () => {
    const rows = await getChains(db, '2026-11-28');
    const rounded = rows.map((r) => ({
      ...r,
      conversion_rate_low: Number(r.conversion_rate_low?.toFixed(6)),
      conversion_rate_high: Number(r.conversion_rate_high?.toFixed(6)),
    }));
    expect(rounded).toEqual([
      step(1, 'C1', 'First', {
        reached: 5,
        completed: 4,
        conversion_rate: 0.8,
        conversion_rate_low: 0.375535,
        conversion_rate_high: 0.963776,
      }),
      step(2, 'C2', 'Second', {
        reached: 3,
        completed: 1,
        dropped: 2,
        median_gap_seconds: 2700,
        conversion_rate: 1 / 3,
        conversion_rate_low: 0.061492,
        conversion_rate_high: 0.79234,
      }),
      step(3, 'C3', 'Third', {
        reached: 2,
        completed: 1,
        dropped: 0,
        median_gap_seconds: 600,
        conversion_rate: 0.5,
        conversion_rate_low: 0.094531,
        conversion_rate_high: 0.905469,
      }),
    ]);
    expect(await getChains(db, '2026-11-28', 'nope')).toEqual([]);
  });

  it("draws the funnel for ql.chart('chain')", async () => {
    const chart = await buildChart(db, 'chain', { chain: 'main' });
    expect(chart.spec.data.values.map((v) => [v.label, v.stage, v.players])).toEqual([
      ['1. First', 'Reached', 5],
      ['1. First', 'Completed', 4],
      ['2. Second', 'Reached', 3],
      ['2. Second', 'Completed', 1],
      ['3. Third', 'Reached', 2],
      ['3. Third', 'Completed', 1],
    ]);
    await expect(buildChart(db, 'chain', { chain: 'nope' })).rejects.toThrow(
      notebookMessages.unknownChain('nope', '2026-11-28'),
    );
  });

  // Last: it takes the chains away. Without a chain the funnel pass is skipped, but the date's stored rows still go.
  it('stores no funnel once the catalogue has no chain, and drops the earlier rows of the date', async () => {
    expect(await getChains(db, '2026-11-28')).toHaveLength(3);
    const dir = tempDir();
    writeFileSync(join(dir, 'catalogue.csv'), 'id,name,chain,order\nC1,First,,\nC2,Second, ,\nC3,Third,,\nX,Loose,,\n');
    await loadCatalogue(db, join(dir, 'catalogue.csv'));
    await computeSnapshots(db, { asOf: '2026-11-28' }, silent);
    expect(await getChains(db, '2026-11-28')).toEqual([]);
  });
});
