// The benchmark harness on a few thousand events, every contender, so it cannot rot between real runs. Timings here
// mean nothing; what is checked is that every contender runs and that all of them agree on the statistics.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickhouseBinary, INSTALL_HINT } from '../bench/lib/clickhouse-cluster.js';
import { type CanonicalQuest, type CanonicalStats, compareStats } from '../bench/lib/compare.js';
import { haveCommand, haveTool, ROOT, tempDir } from './helpers.js';

const PANDAS = haveTool(
  haveCommand('/usr/bin/python3', ['-c', 'import pandas']),
  'python3-pandas (Debian)',
  'apt-get install -y python3-pandas',
);

interface SmokeResult {
  sizes: {
    size: string;
    identical: boolean;
    quests_compared: number;
    runs: { contender: string; format: string; wallMs: number; maxRssKB: number; phases: Record<string, number> }[];
    incremental?: { identical: boolean; new_events: number; dirty_players: number; history_dates: number };
  }[];
  targets: { name: string }[];
}

describe('bench harness (smoke)', () => {
  it.skipIf(!PANDAS)(
    'runs questlog, the floor, SQLite, pandas and the direct and limit references by default on the same data and finds identical statistics',
    () => {
      const dir = tempDir('questlog-bench-');
      const out = join(dir, 'results');
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'bench/run.js'),
          '--smoke',
          '--formats',
          'ndjson',
          // No --contenders: the default set is the one checked, references included.
          '--out',
          out,
          '--data',
          join(dir, 'data'),
        ],
        { cwd: ROOT, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      const result = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as SmokeResult;
      const [smoke] = result.sizes;
      const ran = smoke?.runs.map((r) => `${r.contender}:${r.format}`).sort();
      // Parquet is covered by the incremental part: its history is Parquet.
      expect(ran).toEqual([
        'direct:ndjson',
        'floor:ndjson',
        'limit:ndjson',
        'pandas:ndjson',
        'questlog:ndjson',
        'sqlite:ndjson',
      ]);
      for (const r of smoke?.runs ?? []) {
        expect(r.wallMs).toBeGreaterThan(0);
        expect(r.maxRssKB).toBeGreaterThan(10_000);
      }
      expect(smoke?.runs.find((r) => r.contender === 'questlog')?.phases).toHaveProperty('publish');
      expect(smoke?.identical).toBe(true);
      expect(smoke?.quests_compared).toBe(12);
      expect(smoke?.incremental?.identical).toBe(true);
      expect(smoke?.incremental?.new_events).toBeGreaterThan(0);
      expect(smoke?.incremental?.dirty_players).toBeGreaterThan(0);
      // The history has a snapshot per day, as nightly runs leave it, so the nightly publishes a real history.
      expect(smoke?.incremental?.history_dates).toBeGreaterThan(1);
      expect(result.targets.length).toBeGreaterThan(5);
      expect(readFileSync(join(out, 'latest.md'), 'utf8')).toContain('| questlog | ndjson |');
    },
    300_000,
  );
});

describe('bench harness with the ClickHouse contender (smoke)', () => {
  it.skipIf(!haveTool(() => clickhouseBinary() !== undefined, 'clickhouse-server', INSTALL_HINT))(
    'starts a two-shard cluster, runs questlog on it beside the DuckDB engine and finds identical statistics',
    () => {
      const dir = tempDir('questlog-bench-ch-');
      const out = join(dir, 'results');
      const args = ['--smoke', '--formats', 'ndjson', '--contenders', 'questlog,clickhouse', '--no-incremental'];
      execFileSync(process.execPath, [join(ROOT, 'bench/run.js'), ...args, '--out', out, '--data', join(dir, 'data')], {
        cwd: ROOT,
        env: { ...process.env, TZ: 'UTC' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const result = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as SmokeResult;
      const [smoke] = result.sizes;
      expect(smoke?.runs.map((r) => r.contender).sort()).toEqual(['clickhouse', 'questlog']);
      expect(Object.keys(smoke?.runs.find((r) => r.contender === 'clickhouse')?.phases ?? {})).toEqual(
        expect.arrayContaining(['ingest', 'ship', 'snapshot', 'publish']),
      );
      expect(smoke?.identical).toBe(true);
      expect(smoke?.quests_compared).toBe(12);
    },
    300_000,
  );
});

describe('bench result comparison', () => {
  const quest: CanonicalQuest = {
    quest_id: 'Q1',
    players: 3,
    accepted: 1,
    declined: 0,
    completed: 2,
    abandoned: 0,
    failed: 0,
    not_encountered: 0,
    mean_seconds: 6000,
    min_seconds: 3600,
    max_seconds: 7200,
    median_seconds: 7200,
    p90_seconds: 7200,
    mean_attempts: 1,
    anomalies: 0,
  };
  const doc = (q: Partial<CanonicalQuest>[]): CanonicalStats => ({
    players: 3,
    quests: q.map((x) => ({ ...quest, ...x })),
  });

  it('accepts float noise from summation order and nothing more', () => {
    expect(compareStats(doc([{}]), doc([{ mean_seconds: 6000 * (1 + 1e-12) }]))).toEqual([]);
    expect(compareStats(doc([{}]), doc([{ mean_seconds: 6000.01 }]))).toEqual([
      'quest Q1 mean_seconds: 6000 != 6000.01',
    ]);
  });

  it('reports differing counts, nulls and missing or extra quests', () => {
    expect(compareStats(doc([{}]), doc([{ completed: 1, median_seconds: null }]))).toEqual([
      'quest Q1 completed: 2 != 1',
      'quest Q1 median_seconds: 7200 != null',
    ]);
    expect(compareStats(doc([{}]), doc([{ quest_id: 'Q2' }]))).toEqual(['quest Q1: missing', 'quest Q2: unexpected']);
  });
});
