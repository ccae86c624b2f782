// The ClickHouse engine against a real two-shard cluster started here: the same snapshots as the DuckDB engine on the
// sample, exact rows on hand-written hostile ids, idempotent shipping (re-ingest, replaced file, a shipment cut short,
// a recreated local database), and escaping. The 1M-event parity is in clickhouse-parity.test.ts.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, normalizeConfig } from '../src/config.js';
import { clickhouseMessages } from '../src/domain/clickhouse-messages.js';
import { silent } from '../src/domain/effects.js';
import { chIdent, chRows, chString, connect } from '../src/engine/clickhouse/client.js';
import { Db } from '../src/engine/db.js';
import { engineFor } from '../src/engine/engine.js';
import { migrate } from '../src/engine/migrate.js';
import { getSnapshot } from '../src/engine/read.js';
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
import { cli, freshDb, ROOT, tempDir } from './helpers.js';

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
    const config = clickhouseConfig(cluster(), dir, 'ql_escape');
    const c = connect(config.engine);
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
    const config = clickhouseConfig(cluster(), dir, 'ql_sample');
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
    // The quest pages' completion-time histograms: from the local state with DuckDB, stored by the ClickHouse engine.
    const days = Array.from({ length: 14 }, (_, i) => `2026-11-${String(9 + i).padStart(2, '0')}`);
    expect(await compareHistograms(duck, ch, days)).toEqual([]);
    expect(rows).toBe(14 * 22 + 4); // 22 quests (20 met + EXP0021 never + 2 unknown) minus those not met on early days
  });

  it('stores exact hand-worked rows for hostile player and quest ids, as the DuckDB engine does', async () => {
    // Ids with quotes, backslashes, a space, SQL, unicode: they travel as JSON and come back as they were. (A control
    // character such as a newline would quarantine the line: test/hostile-input.test.ts.)
    const drop = "Q'; DROP TABLE events; --";
    const back = 'Q\\back';
    const snow = 'Qé☃';
    const [p1, p2, p3] = ["p'1", 'p\\2', 'p"3 x'];
    const ev = (ts: string, player: string, quest: string, status: string) =>
      JSON.stringify({ ts, player_id: player, quest_id: quest, status });
    const file = join(dir, 'hostile.ndjson');
    writeFileSync(
      file,
      [
        ev('2026-11-20 10:00:00', p1, drop, 'accepted'),
        ev('2026-11-20 10:10:00', p1, drop, 'completed'),
        ev('2026-11-20 10:10:00', p1, drop, 'completed'), // an exact duplicate: counts once
        ev('2026-11-20 11:00:00', p2, drop, 'declined'),
        ev('2026-11-20 12:00:00', p3, back, 'completed'), // no acceptance: an anomaly without a time
        ev('2026-11-21 09:00:00', p2, back, 'accepted'),
        ev('2026-11-21 09:00:00', p2, snow, 'completed'), // same instant: the acceptance comes first, 0 s
        ev('2026-11-21 09:00:00', p2, snow, 'accepted'),
      ].join('\n'),
    );
    const config = clickhouseConfig(cluster(), dir, 'ql_hostile');
    const local: Config = { root: dir, sources: {} };
    const results: unknown[] = [];
    for (const [name, cfg] of [
      ['hostile-duck', local],
      ['hostile-ch', config],
    ] as const) {
      const path = dbIn(dir, name);
      await load(path, cfg, [file], 'events');
      expect(await backfill(path, cfg)).toEqual(['2026-11-20', '2026-11-21']);
      const db = await Db.open(path, { readOnly: true });
      try {
        const rows = [];
        for (const d of ['2026-11-20', '2026-11-21']) {
          for (const q of (await getSnapshot(db, d)).quests) {
            rows.push([
              d,
              q.quest_id,
              q.players,
              q.accepted,
              q.declined,
              q.completed,
              q.not_encountered,
              q.mean_seconds,
              q.median_seconds,
              q.p90_seconds,
              q.mean_attempts,
              q.anomalies,
            ]);
          }
        }
        results.push(rows);
      } finally {
        db.close();
      }
    }
    // Three players seen from the first day. Day 1: p'1 completed DROP in 600 s (1 attempt), p\2 declined it; p"3
    // completed back without accepting (anomaly: no time, 0 attempts). Day 2 adds p\2 accepting back (in progress)
    // and completing snow in the second it accepted it (0 s, 1 attempt).
    const expected = [
      ['2026-11-20', drop, 3, 0, 1, 1, 1, 600, 600, 600, 1, 0],
      ['2026-11-20', back, 3, 0, 0, 1, 2, null, null, null, 0, 1],
      ['2026-11-21', drop, 3, 0, 1, 1, 1, 600, 600, 600, 1, 0],
      ['2026-11-21', back, 3, 1, 0, 1, 1, null, null, null, 0, 1],
      ['2026-11-21', snow, 3, 0, 0, 1, 2, 0, 0, 0, 1, 0],
    ];
    const byQuest = (rows: unknown) =>
      [...(rows as unknown[][])].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    expect(byQuest(results[0])).toEqual(byQuest(expected));
    expect(byQuest(results[1])).toEqual(byQuest(expected));
  });

  it('ships each file once: a re-ingest adds nothing, a replaced file replaces its rows, a cut-short shipment is redone', async () => {
    const config = clickhouseConfig(cluster(), dir, 'ql_idem');
    const path = dbIn(dir, 'idem');
    const a = join(dir, 'idem-a.ndjson');
    const b = join(dir, 'idem-b.ndjson');
    const line = (ts: string, p: string, st: string) =>
      JSON.stringify({ ts, player_id: p, quest_id: 'Q1', status: st });
    writeFileSync(
      a,
      [line('2026-11-20 10:00:00', 'p1', 'accepted'), line('2026-11-20 10:05:00', 'p1', 'completed')].join('\n'),
    );
    writeFileSync(
      b,
      [line('2026-11-20 11:00:00', 'p2', 'accepted'), 'not json', line('2026-11-20 11:30:00', 'p3', 'failed')].join(
        '\n',
      ),
    );
    const summary = await load(path, config, [a, b], 'events');
    // The bad line stays in the local quarantine; only the 4 accepted events reach the cluster.
    expect(summary.totals).toMatchObject({ loaded: 4, rejected: 1 });
    const first = await localEvents(path);
    expect(first.map((f) => f.n)).toEqual([2, 2]);
    expect((await onCluster(config)).events).toEqual(first);
    await load(path, config, [a, b], 'events');
    expect((await onCluster(config)).events).toEqual(first);

    // b changes: its old rows go, the new ones come under the ledger's new id.
    writeFileSync(
      b,
      [
        line('2026-11-20 11:00:00', 'p2', 'accepted'),
        line('2026-11-20 11:10:00', 'p2', 'completed'),
        line('2026-11-20 11:20:00', 'p4', 'declined'),
      ].join('\n'),
    );
    await load(path, config, [a, b], 'events');
    const second = await localEvents(path);
    expect(second.map((f) => f.n)).toEqual([2, 3]);
    expect(second[0]).toEqual(first[0]);
    expect(second[1]?.file_id).toBeGreaterThan(first[1]?.file_id ?? 0);
    expect((await onCluster(config)).events).toEqual(second);
    // Each file's ledger row before (0) and after (1) its events; the replaced file's rows are gone.
    expect((await onCluster(config)).files).toEqual(
      second.flatMap((f) => [
        { file_id: f.file_id, state: 0 },
        { file_id: f.file_id, state: 1 },
      ]),
    );

    // A shipment cut short (ledger row in state 0, some events, no state 1) is removed by the next sync.
    const c = connect(config.engine);
    try {
      const db = chIdent(c.database);
      await c.main.command({ query: `INSERT INTO ${db}.files VALUES (99, 'x@2026-01-01 00:00:00', 0, 5)` });
      await c.main.command({
        query: `INSERT INTO ${db}.events VALUES (99, 1795000000000000, 'p9', 'Q1', 'accepted')`,
      });
    } finally {
      await c.close();
    }
    expect((await onCluster(config)).events.map((e) => e.file_id)).toEqual([...second.map((f) => f.file_id), 99]);
    await load(path, config, [a, b], 'events');
    expect((await onCluster(config)).events).toEqual(second);

    // A recreated local database reuses file ids for other content: the cluster follows the new ledger. (A complete
    // file 1 of another database is planted first, so the new file 1 meets an id the cluster already holds.)
    const c2 = connect(config.engine);
    try {
      const db = chIdent(c2.database);
      await c2.main.command({
        query: `INSERT INTO ${db}.events VALUES (1, 1795000000000000, 'p-old', 'Q1', 'completed')`,
      });
      await c2.main.command({
        query: `INSERT INTO ${db}.files VALUES (1, 'old@2020-01-01 00:00:00', 0, 1), (1, 'old@2020-01-01 00:00:00', 1, 1)`,
      });
    } finally {
      await c2.close();
    }
    const fresh = dbIn(dir, 'idem-fresh');
    await load(fresh, config, [b], 'events');
    expect(await localEvents(fresh)).toEqual([{ file_id: 1, n: 3 }]);
    expect((await onCluster(config)).events).toEqual([{ file_id: 1, n: 3 }]);
    await backfill(fresh, config);
    const db = await Db.open(fresh, { readOnly: true });
    try {
      const q = (await getSnapshot(db)).quests;
      // p2 completed Q1 in 600 s, p4 declined it: the two players of b.
      expect(q.map((r) => [r.quest_id, r.players, r.completed, r.declined, r.mean_seconds])).toEqual([
        ['Q1', 2, 1, 1, 600],
      ]);
    } finally {
      db.close();
    }
  });

  it('compares snapshots strictly enough to fail on one changed figure', async () => {
    const a = dbIn(dir, 'hostile-duck');
    const b = dbIn(dir, 'hostile-changed');
    copyFileSync(a, b);
    const db = await Db.open(b);
    try {
      await db.run(
        "UPDATE snapshots SET median_seconds = median_seconds + 0.00001 WHERE snapshot_date = '2026-11-21' AND median_seconds = 600",
      );
    } finally {
      db.close();
    }
    expect((await compareSnapshots(a, b)).diffs).toHaveLength(1);
    expect((await compareSnapshots(a, a)).diffs).toEqual([]);
  });

  it('runs through the CLI: ingest, stats and nightly with engine "clickhouse" print and publish what DuckDB does', async () => {
    const sample = join(ROOT, 'data/sample');
    const write = (name: string, engine?: object) => {
      const path = join(dir, `${name}.config.json`);
      const config = {
        db: `${name}.duckdb`,
        catalogue: join(sample, 'catalogue.csv'),
        sources: { sample: { format: 'seed', paths: [join(sample, 'logs/**/*.csv')] } },
        ...(engine ? { engine } : {}),
      };
      writeFileSync(path, JSON.stringify(config));
      return path;
    };
    const c = cluster();
    const duck = write('cli-duck');
    const ch = write('cli-ch', {
      type: 'clickhouse',
      url: c.url,
      shards: c.urls,
      cluster: c.cluster,
      database: 'ql_cli',
    });
    // The per-quest table and coverage, without the lines that carry timings or engine steps.
    const table = (out: string) =>
      out
        .split('\n')
        .filter((l) => !/ in \d+ ms|^clickhouse:|^state:|^catalogue /.test(l))
        .join('\n');
    const outputs = [];
    for (const config of [duck, ch]) {
      expect(cli(['--config', config, 'ingest', '--source', 'sample'], { cwd: dir }).code).toBe(0);
      const stats = cli(['--config', config, 'stats', '--backfill'], { cwd: dir });
      expect(stats.code).toBe(0);
      outputs.push(table(stats.stdout));
    }
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[0]).toContain('Forge a Blade');
    const site = join(dir, 'cli-site');
    const nightly = cli(['--config', ch, 'nightly', '--as-of', '2026-11-22', '--out', site], { cwd: dir });
    expect(nightly.stderr).toBe('');
    expect(nightly.code).toBe(0);
    const api = JSON.parse(readFileSync(join(site, 'api/v1/snapshot.json'), 'utf8'));
    expect(JSON.stringify(api)).toContain('2026-11-22');
  }, 120_000);

  it('refuses a shard list that does not match the cluster, naming both counts', async () => {
    const c = cluster();
    const one = normalizeConfig(
      { engine: { type: 'clickhouse', url: c.url, shards: [c.url], database: 'ql_bad' } },
      dir,
    );
    const nameless = normalizeConfig(
      { engine: { type: 'clickhouse', url: c.url, shards: c.urls, cluster: 'nosuch', database: 'ql_bad' } },
      dir,
    );
    const db = await freshDb(dir);
    try {
      await expect(engineFor(one).syncEvents(db, silent)).rejects.toThrow(
        clickhouseMessages.shardCount(c.url, 'questlog', 2, 1),
      );
      await expect(engineFor(nameless).syncEvents(db, silent)).rejects.toThrow(
        clickhouseMessages.shardCount(c.url, 'nosuch', 0, 2),
      );
    } finally {
      db.close();
    }
  });
});
