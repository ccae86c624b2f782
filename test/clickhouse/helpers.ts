// The two-shard ClickHouse cluster the ClickHouse engine's tests run against (started by the test file itself, stopped
// after it), and the comparison of two databases' stored snapshots that the parity tests assert on.
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { clickhouseBinary, INSTALL_HINT, type LocalCluster, startCluster } from '../../bench/lib/clickhouse-cluster.js';
import { type Config, type EngineConfig, normalizeConfig } from '../../src/config.js';
import { Db } from '../../src/engine/db.js';
import { getCompletionHistogram } from '../../src/engine/read.js';
import { haveTool } from '../helpers.js';

/** Whether ClickHouse is installed: in CI its absence fails the file, never skips it. */
export const HAVE_CLICKHOUSE = haveTool(() => clickhouseBinary() !== undefined, 'clickhouse-server', INSTALL_HINT);

/** Starts the cluster before the file's tests and stops both servers after them; call the result for the cluster. */
export function useCluster(): () => LocalCluster {
  let current: LocalCluster | undefined;
  beforeAll(async () => {
    if (HAVE_CLICKHOUSE) current = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await current?.stop();
  }, 60_000);
  return () => {
    if (!current) throw new Error('the ClickHouse cluster did not start');
    return current;
  };
}

/** A config that computes on the cluster, in its own ClickHouse database. */
export function clickhouseConfig(
  cluster: LocalCluster,
  root: string,
  database: string,
  extra = {},
): Config & { engine: EngineConfig } {
  const config = normalizeConfig(
    {
      ...extra,
      engine: { type: 'clickhouse', url: cluster.url, shards: cluster.urls, cluster: cluster.cluster, database },
    },
    root,
  );
  if (!config.engine) throw new Error('no engine in the config');
  return { ...config, engine: config.engine };
}

const COUNTS = ['players', 'accepted', 'declined', 'completed', 'abandoned', 'failed', 'not_encountered', 'anomalies'];
const FIGURES = [
  'completion_rate',
  'completion_rate_low',
  'completion_rate_high',
  'reach_rate',
  'reach_rate_low',
  'reach_rate_high',
  'conversion_rate',
  'conversion_rate_low',
  'conversion_rate_high',
  'mean_seconds',
  'min_seconds',
  'max_seconds',
  'median_seconds',
  'p90_seconds',
  'mean_attempts',
];

/**
 * Every stored snapshot row and run of database `a` against `b`: the same (date, quest) rows, counts equal, every other
 * figure equal within 1e-6 (NULL only against NULL). Returns the differences, at most `limit`, and the rows compared.
 */
export async function compareSnapshots(a: string, b: string, limit = 10): Promise<{ rows: number; diffs: string[] }> {
  const db = await Db.open(':memory:');
  try {
    await db.run(`ATTACH '${a.replaceAll("'", "''")}' AS a (READ_ONLY)`);
    await db.run(`ATTACH '${b.replaceAll("'", "''")}' AS b (READ_ONLY)`);
    const differs = [
      ...COUNTS.map((c) => `a.${c} IS DISTINCT FROM b.${c}`),
      ...FIGURES.map((c) => `(a.${c} IS NULL) <> (b.${c} IS NULL) OR abs(a.${c} - b.${c}) > 1e-6`),
    ].join(' OR ');
    const rows = await db.all<Record<string, unknown>>(
      `SELECT snapshot_date::VARCHAR AS d, quest_id, a.quest_id IS NULL AS only_b, b.quest_id IS NULL AS only_a,
         ${[...COUNTS, ...FIGURES].map((c) => `a.${c} AS a_${c}, b.${c} AS b_${c}`).join(', ')}
       FROM a.snapshots a FULL JOIN b.snapshots b USING (snapshot_date, quest_id)
       WHERE a.quest_id IS NULL OR b.quest_id IS NULL OR ${differs}
       ORDER BY d, quest_id LIMIT ${limit}`,
    );
    const runs = await db.all<{ d: string }>(
      `SELECT snapshot_date::VARCHAR AS d FROM (
         (SELECT snapshot_date, players, events, data_through, day_end, timezone FROM a.snapshot_runs
          EXCEPT SELECT snapshot_date, players, events, data_through, day_end, timezone FROM b.snapshot_runs)
         UNION ALL
         (SELECT snapshot_date, players, events, data_through, day_end, timezone FROM b.snapshot_runs
          EXCEPT SELECT snapshot_date, players, events, data_through, day_end, timezone FROM a.snapshot_runs))
       ORDER BY d`,
    );
    const n = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM a.snapshots');
    return {
      rows: n?.n ?? 0,
      diffs: [...rows.map((r) => JSON.stringify(r)), ...runs.map((r) => `snapshot_runs differ on ${r.d}`)],
    };
  } finally {
    db.close();
  }
}

export const dbIn = (dir: string, name: string) => join(dir, `${name}.duckdb`);

/**
 * The completion-time histograms of two databases for each of `dates` (computed from the local state, or stored by the
 * ClickHouse engine): the same bins, counts equal, bounds within 1e-6. Returns the differences, at most `limit`.
 */
export async function compareHistograms(a: string, b: string, dates: string[], limit = 10): Promise<string[]> {
  const diffs: string[] = [];
  let compared = 0;
  const [da, db] = [await Db.open(a, { readOnly: true }), await Db.open(b, { readOnly: true })];
  try {
    for (const date of dates) {
      const [ha, hb] = [await getCompletionHistogram(da, date), await getCompletionHistogram(db, date)];
      if (ha.length !== hb.length) diffs.push(`${date}: ${ha.length} bins against ${hb.length}`);
      compared += ha.length;
      ha.forEach((x, i) => {
        const y = hb[i];
        const close = (p: number, q: number | undefined) => q !== undefined && Math.abs(p - q) <= 1e-6;
        if (
          !y ||
          x.quest_id !== y.quest_id ||
          x.players !== y.players ||
          !close(x.bin_start, y.bin_start) ||
          !close(x.bin_end, y.bin_end)
        ) {
          diffs.push(`${date}: ${JSON.stringify(x)} against ${JSON.stringify(y)}`);
        }
      });
      if (diffs.length >= limit) break;
    }
  } finally {
    da.close();
    db.close();
  }
  // Nothing to compare would prove nothing.
  if (compared === 0) diffs.push('no histogram bins on any date');
  return diffs.slice(0, limit);
}
