// What a progress line says (drawn by the CLI on a terminal only, never in logs): the phase, how far, and how long
// is left. Labels are fixed per phase so tests, and people, can tell the phases apart.
import { formatDuration } from './format.js';

/** What a progress count is in: bytes print as MB (as the ingest totals do), the rest as `k/n <unit>`. */
export type ProgressUnit = 'bytes' | 'files' | 'days' | 'pages' | 'months' | 'queries';

export const progressMessages = {
  /** Ingest, first pass: each file's bytes hashed and its lines counted (in Node). */
  ingestCheck: 'ingest: checking files',
  /** Ingest, second pass: bytes read by DuckDB's reader (its query progress, polled). */
  ingestLoad: 'ingest: loading',
  /** The state refresh before snapshots (DuckDB's query progress of its statements, polled). */
  state: 'stats: quest state',
  /** Snapshot days computed and stored. */
  snapshots: (backfill: boolean) => (backfill ? 'stats --backfill' : 'stats'),
  publishRead: 'publish: reading',
  publishHistory: 'publish: history months',
  publishPages: 'publish: quest pages',
  /** The demo's seed sessions written as log files. */
  demoSeedLogs: 'demo-data seed logs',
  amount: (done: number, total: number, unit?: ProgressUnit) => {
    if (unit === 'bytes') return `${(done / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB`;
    return `${done}/${total}${unit ? ` ${unit}` : ''}`;
  },
  eta: (seconds: number) => ` · ETA ${formatDuration(seconds)}`,
};
