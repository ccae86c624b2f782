// A text file of more than 16 MiB on the exact path (every mapped source takes it): DuckDB's parallel CSV reader
// refused to read this export's lines ("does not support a full read on this file", duckdb/duckdb#24237), so the file
// failed; src/sql/ingest/raw_lines.sql reads each file single-threaded. The content is the round 9 benchmark's
// (bench/results/issue14/dims14a/gen.mjs): the failure depends on it, not on the size alone.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, tempDir } from './helpers.js';

describe('big inputs on the exact path', () => {
  it('a mapped CSV export of 17.7 MB (300,000 rows) loads, every line accounted for', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    try {
      const path = join(dir, 'export.csv');
      await db.run(`COPY (
        SELECT strftime(TIMESTAMP '2026-11-01 00:00:00' + INTERVAL (i * 2) SECOND, '%Y-%m-%d %H:%M:%S') AS event_time,
          'acc-' || (hash(i // 7) % 50000) AS account, 'fet' || lpad((hash(i) % 300)::VARCHAR, 4, '0') AS quest,
          ['Q_TAKEN', 'Q_DONE', 'Q_DROPPED', 'LOGIN'][1 + i % 4] AS action, ['pc', 'ps5', 'switch'][1 + i % 3] AS os,
          ['eu-west', 'us-east', 'apac', ''][1 + (i // 3) % 4] AS region, (hash(i) % 97)::VARCHAR AS lvl
        FROM range(300000) t(i) ORDER BY i
      ) TO '${path}' (HEADER, DELIMITER ';')`);
      expect(statSync(path).size).toBeGreaterThan(16 << 20);
      const source = {
        reader: 'csv',
        options: { delim: ';' },
        fields: { ts: 'event_time', player_id: 'account', quest_id: 'quest', status: 'action' },
        status_map: { Q_TAKEN: 'accepted', Q_DONE: 'completed', Q_DROPPED: 'abandoned' },
        filter: "starts_with(action, 'Q_')",
      };
      const config = normalizeConfig({ sources: { s: source } }, dir);
      const summary = await ingest(db, { paths: [path], config, cwd: dir, source: 's' }, recorder());
      expect(summary.files.map((f) => [f.status, f.error, f.lines_read, f.loaded, f.rejected, f.ignored])).toEqual([
        ['loaded', undefined, 300_001, 225_000, 0, 75_001],
      ]);
      const last = await db.one<{ line: number }>('SELECT max(line)::INTEGER AS line FROM events');
      expect(last?.line).toBe(300_000);
    } finally {
      db.close();
    }
  }, 120_000);
});
