// Parity at scale: 1M generated events on 1,000 quests over 45 days (exact duplicates included), loaded in two rounds
// with late events in the second (acceptances timestamped before completions already loaded, and re-sent events), on a
// real two-shard cluster. Every figure of every quest and date from the ClickHouse engine equals the DuckDB engine's
// (counts exactly, the rest within 1e-6), and so do the completion-time histograms. Alone on two cores it takes about
// two minutes.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { generateDemoData } from '../src/demo/generate.js';
import { silent } from '../src/domain/effects.js';
import { Db, literal } from '../src/engine/db.js';
import { engineFor } from '../src/engine/engine.js';
import { migrate } from '../src/engine/migrate.js';
import { loadCatalogue } from '../src/ingest/catalogue.js';
import { ingest } from '../src/ingest/ingest.js';
import {
  clickhouseConfig,
  compareHistograms,
  compareSnapshots,
  dbIn,
  HAVE_CLICKHOUSE,
  useCluster,
} from './clickhouse/helpers.js';
import { tempDir } from './helpers.js';

const cluster = useCluster();
const dir = tempDir('questlog-ch-parity-');

/** Loads `files`, then computes every day's snapshot (or, with stats false, only brings the engine's events in line). */
async function round(
  path: string,
  config: Config,
  files: string[],
  catalogue: string,
  stats = true,
): Promise<string[]> {
  const db = await Db.open(path);
  try {
    await migrate(db);
    await loadCatalogue(db, catalogue);
    const t0 = performance.now();
    const s = await ingest(db, { paths: files, config, format: 'events', cwd: dir }, silent);
    expect(s.totals.files_failed).toBe(0);
    const t1 = performance.now();
    if (!stats) {
      await engineFor(config).syncEvents(db, silent);
      return [];
    }
    const fx = { log: (l: string) => process.env.QL_VERBOSE && process.stderr.write(`${l}\n`) };
    const r = await engineFor(config).computeSnapshots(db, { backfill: true }, fx as never);
    if (process.env.QL_VERBOSE)
      process.stderr.write(
        `${config.engine?.type ?? 'duckdb'} ingest ${Math.round(t1 - t0)} ms, stats ${Math.round(performance.now() - t1)} ms\n`,
      );
    return r;
  } finally {
    db.close();
  }
}

describe.skipIf(!HAVE_CLICKHOUSE)('ClickHouse engine parity at 1M events', () => {
  it('equals the DuckDB engine on every figure of every quest and date, before and after late events', async () => {
    const data = join(dir, 'data');
    const gen = await generateDemoData(
      {
        out: data,
        seed: 17,
        events: 1_010_000, // the generator lands within about 1% of what is asked
        quests: 1000,
        meanQuests: 1.6,
        minEvents: 5,
        maxEvents: 20,
        days: 45,
        unknownQuests: 0,
        unreleasedQuests: 0,
        formats: ['parquet'],
        shards: 4,
      },
      silent,
    );
    expect(gen.events).toBeGreaterThanOrEqual(1_000_000);
    const shards = readdirSync(join(data, 'parquet'))
      .sort()
      .map((f) => join(data, 'parquet', f));
    expect(shards).toHaveLength(4);
    const catalogue = join(data, 'catalogue.csv');
    const local: Config = { root: dir, sources: {} };
    const config = clickhouseConfig(cluster(), dir, 'ql_parity');
    const duck = dbIn(dir, 'duck');
    const ch = dbIn(dir, 'ch');

    // Round one: half the players. The DuckDB engine builds its state from them; the cluster gets their events (its
    // figures are a full recomputation every time, so computing them here too would only repeat round two's check).
    const first = shards.slice(0, 2);
    const daysDuck = await round(duck, local, first, catalogue);
    expect(daysDuck.length).toBeGreaterThan(30);
    await round(ch, config, first, catalogue, false);

    // Late data for players already loaded: an acceptance half an hour before about 1 in 50 loaded completions (new
    // attempts, shorter times: the DuckDB engine recomputes those players from all their events), and about 1 in 100
    // loaded events re-sent as exact duplicates.
    const late = join(dir, 'late.ndjson');
    const snap = join(dir, 'snap.duckdb');
    copyFileSync(duck, snap);
    const db = await Db.open(snap);
    try {
      await db.run(
        `COPY (
           SELECT strftime(ts - INTERVAL 30 MINUTE, '%Y-%m-%d %H:%M:%S') AS ts, player_id, quest_id, 'accepted' AS status
           FROM events WHERE status = 'completed' AND hash(player_id, quest_id) % 50 = 0
           UNION ALL
           SELECT strftime(ts, '%Y-%m-%d %H:%M:%S'), player_id, quest_id, status::VARCHAR
           FROM events WHERE hash(player_id, quest_id, ts) % 100 = 1
           ORDER BY ALL
         ) TO ${literal(late)} (FORMAT json)`,
      );
    } finally {
      db.close();
    }
    const second = [...shards.slice(2), late];
    expect(await round(ch, config, second, catalogue)).toEqual(await round(duck, local, second, catalogue));
    const two = await compareSnapshots(duck, ch);
    expect(two.diffs).toEqual([]);
    expect(await compareHistograms(duck, ch, daysDuck)).toEqual([]);
    // Every catalogue quest on every day.
    expect(two.rows).toBeGreaterThanOrEqual(daysDuck.length * 1000);
  }, 900_000);
});
