// The ClickHouse engine: the same StatsEngine as DuckDB's, with the per-quest figures computed on the cluster's shards.
// Local: the ledger, quarantine, players and days (snapshot_days), the catalogue and the stored snapshots. Cluster:
// the events and the per-(date, quest) figures, of which only the result rows come back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineConfig } from '../../config.js';
import { clickhouseMessages as msg } from '../../domain/clickhouse-messages.js';
import { detail, type Effects, timed } from '../../domain/effects.js';
import { UserError } from '../../domain/errors.js';
import type { StatsOptions } from '../../domain/types.js';
import { type Db, literal, readerPath, sqlFile } from '../db.js';
import { HISTOGRAM_BINS } from '../read.js';
import { snapshotDays } from '../snapshot.js';
import { type Cluster, chNumber, chSql, chString, chToFile, connect, onCluster } from './client.js';
import { ensureSchema } from './schema.js';
import { shipEvents } from './ship.js';

/** The StatsEngine (src/engine/engine.ts, which picks it; typed there to keep this module out of an import cycle). */
export function clickhouseEngine(config: EngineConfig) {
  return {
    kind: 'clickhouse' as const,
    // Segment figures need each pair's first event (pair_first), which lives in the local state only (README).
    segments: false,
    syncEvents: (db: Db, effects: Effects) =>
      withCluster(config, async (cluster) => {
        await ensureSchema(cluster);
        await shipEvents(db, cluster, effects);
      }),
    computeSnapshots: async (db: Db, opts: StatsOptions, effects: Effects) => {
      // Restricting the figures to a roster means shipping it to every shard; not done yet (README says so).
      if (opts.roster) throw new UserError(msg.rosterUnsupported(), { hint: msg.rosterHint });
      return withCluster(config, async (cluster) => {
        await ensureSchema(cluster);
        await shipEvents(db, cluster, effects);
        return computeOnCluster(db, cluster, opts, effects);
      });
    },
    close: async () => {},
  };
}

/** One connection per call: a job runs few of them, and nothing is left open behind it. */
async function withCluster<T>(config: EngineConfig, fn: (cluster: Cluster) => Promise<T>): Promise<T> {
  const cluster = connect(config);
  try {
    return await fn(cluster);
  } finally {
    await cluster.close();
  }
}

async function computeOnCluster(db: Db, cluster: Cluster, opts: StatsOptions, effects: Effects): Promise<string[]> {
  return withTempDir(async (dir) => {
    const [, ms] = await timed(async () => {
      await db.run(sqlFile('ship/player_first'));
      const path = join(dir, 'quarters.ndjson');
      await onCluster(cluster.url, 'counting events', () =>
        chToFile(cluster.main, chSql('quarters', cluster.vars), path),
      );
      await db.run(withPath(sqlFile('ship/quarters'), path));
    });
    effects.log(msg.players(ms));
    let runs = 0;
    return snapshotDays(
      db,
      opts,
      effects,
      async () => {
        const days = await db.all<{ snapshot_date: string; day_end: number }>(sqlFile('ship/days'));
        const list = days.map((d) => `(toInt64(${chNumber(d.day_end)}), ${chString(d.snapshot_date)})`).join(', ');
        // One file per run of days (chToFile never writes over a file).
        const path = join(dir, `figures-${++runs}.ndjson`);
        const [, figuresMs] = await timed(() =>
          onCluster(cluster.url, 'computing the figures', () =>
            chToFile(
              cluster.main,
              chSql('figures', { ...cluster.vars, days: `[${list}]`, bins: chNumber(HISTOGRAM_BINS) }),
              path,
            ),
          ),
        );
        // Once per run of days (a long backfill has many): a detail line, shown with --verbose.
        detail(effects, msg.figures(days.length, figuresMs));
        await db.run(withPath(sqlFile('ship/figures'), path));
      },
      async () => {
        await db.run(sqlFile('ship/histograms'), { bins: HISTOGRAM_BINS });
      },
    );
  });
}

/** DuckDB binds no table function's path: the file is pasted as a quoted literal where the SQL says {path}. */
function withPath(sql: string, path: string): string {
  return sql.replaceAll('{path}', literal(readerPath(path)));
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'questlog-ch-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
