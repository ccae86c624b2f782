// Where the statistics are computed. Every job asks `engineFor(config)` and codes against `StatsEngine`; the local
// DuckDB file always holds the ledger, quarantine, catalogue and stored snapshots, whichever engine computes.
import type { Config, EngineConfig } from '../config.js';
import type { Effects } from '../domain/effects.js';
import type { StatsOptions } from '../domain/types.js';
import type { Db } from './db.js';
import { computeSnapshots } from './snapshot.js';

export interface StatsEngine {
  readonly kind: 'duckdb' | 'clickhouse';
  /** Whether it stores segment figures (segment_snapshots) with each snapshot; ClickHouse does not yet. */
  readonly segments: boolean;
  /**
   * Called after an ingest committed files to the local ledger: brings the engine's copy of the events in line
   * (nothing to do when the engine is the local file itself).
   */
  syncEvents(db: Db, effects: Effects): Promise<void>;
  /** Brings derived state up to the loaded events, computes the snapshot(s) and stores them in `db`; returns dates. */
  computeSnapshots(db: Db, opts: StatsOptions, effects: Effects): Promise<string[]>;
  /** Releases connections the engine holds (none for DuckDB, whose file `db` the caller closes). */
  close(): Promise<void>;
}

/** The default engine: state and snapshots computed in the local DuckDB file. */
const duckdbEngine: StatsEngine = {
  kind: 'duckdb',
  segments: true,
  syncEvents: async () => {},
  computeSnapshots,
  close: async () => {},
};

/** The engine a config asks for (`engine.type`, default duckdb). */
export function engineFor(config: Config | undefined): StatsEngine {
  return config?.engine?.type === 'clickhouse' ? clickhouse(config.engine) : duckdbEngine;
}

/**
 * The ClickHouse engine, its module (and ClickHouse's client library) loaded on first use: every command of a DuckDB
 * setup would otherwise pay that load at start (~50 ms of CPU, issue 13 round 11).
 */
function clickhouse(config: EngineConfig): StatsEngine {
  const load = () => import('./clickhouse/engine.js').then((m) => m.clickhouseEngine(config));
  return {
    kind: 'clickhouse',
    // Segment figures need each pair's first event (pair_first), which lives in the local state only (README).
    segments: false,
    syncEvents: async (db, effects) => (await load()).syncEvents(db, effects),
    computeSnapshots: async (db, opts, effects) => (await load()).computeSnapshots(db, opts, effects),
    // Nothing to release: clickhouse/engine.ts opens one connection per call and closes it behind the call.
    close: async () => {},
  };
}
