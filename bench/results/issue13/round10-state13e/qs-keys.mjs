// quest_state.sql variants (round 10, state13e), one per process, on a copy of a rebuilt database (rebuild-prof.mjs
// ... KEEP): the statement into a temp table (or Q=ins: into the emptied state_intervals + COMMIT), wall / process CPU
// ms, rows and an order-free hash over every column (ids included). Usage: node qs-keys.mjs VARIANT REBUILT.duckdb
// QS_PKG: the package root whose macros.sql and redo_events_all.sql are read (the base, before round 10).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
const [variant, source] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'qsk-'));
const path = join(work, 'qs.duckdb');
copyFileSync(resolve(source), path);
const inst = await DuckDBInstance.create(path, { threads: '2', memory_limit: '6GB', temp_directory: join(work, 'tmp') });
const c = await inst.connect();
await c.run("SET TimeZone='UTC'");
await c.run(readFileSync(resolve(process.env.QS_PKG ?? '/work/wt/state13e-base', 'src/sql/state/macros.sql'), 'utf8'));
await c.run('SET preserve_insertion_order=false'); await c.run("SET force_compression='dictionary'");
const OUT = `SELECT player_id, quest_id, valid_from, valid_to, bucket, completion_seconds, attempts, anomaly, last_accept`;
// Keyed variant of the macro: input has k (pair key), status, ts; names joined back from table `pk` (k, player_id, quest_id).
const keyed = (input, partition = 'k') => `
WITH stepped AS (
  SELECT k, status, ts,
    count(*) FILTER (WHERE status = 'completed'::quest_status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(ts) OVER w AS next_ts,
    count(*) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS attempts,
    max(ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS last_accept
  FROM ${input}
  WINDOW w AS (PARTITION BY ${partition} ORDER BY ts, status)
)
SELECT p.player_id, p.quest_id, ts AS valid_from,
  CASE WHEN status = 'completed'::quest_status THEN NULL ELSE next_ts END AS valid_to, status AS bucket,
  CASE WHEN status = 'completed'::quest_status THEN epoch(ts - last_accept) END AS completion_seconds,
  attempts::INTEGER AS attempts, status = 'completed'::quest_status AND last_accept IS NULL AS anomaly,
  CASE WHEN next_ts IS NULL AND status <> 'completed'::quest_status THEN last_accept END AS last_accept
FROM stepped s JOIN pk p USING (k) WHERE done_before = 0`;
// No DISTINCT before the window: exact duplicates are peers in its order (pair, ts, status); the last of each peer
// group is kept, the counts see earlier peer groups only (GROUPS frame) or distinct acceptance times.
const nodist = (attempts, keep) => `
WITH stepped AS (
  SELECT player_id, quest_id, status, ts,
    count(*) FILTER (WHERE status = 'completed'::quest_status) OVER (w GROUPS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS done_before,
    lead(ts) OVER w AS next_ts, ${keep},
    ${attempts} AS attempts,
    max(ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING) AS last_accept
  FROM events
  WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY ts, status)
)
SELECT player_id, quest_id, ts AS valid_from,
  CASE WHEN status = 'completed'::quest_status THEN NULL ELSE next_ts END AS valid_to, status AS bucket,
  CASE WHEN status = 'completed'::quest_status THEN epoch(ts - last_accept) END AS completion_seconds,
  attempts::INTEGER AS attempts, status = 'completed'::quest_status AND last_accept IS NULL AS anomaly,
  CASE WHEN next_ts IS NULL AND status <> 'completed'::quest_status THEN last_accept END AS last_accept
FROM stepped WHERE done_before = 0 AND last_of_peers`;
const V = {
  nodist: { q: nodist(`count(DISTINCT ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING)`,
    `(lead(ts) OVER w IS DISTINCT FROM ts OR lead(status) OVER w IS DISTINCT FROM status) AS last_of_peers`) },
  // the same, the peer test by the row count of the peer group (GROUPS CURRENT ROW) against the row's own count
  nodist2: { q: nodist(`count(DISTINCT ts) FILTER (WHERE status = 'accepted'::quest_status) OVER (w ROWS UNBOUNDED PRECEDING)`,
    `count(*) OVER (w ROWS UNBOUNDED PRECEDING) = count(*) OVER (w GROUPS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_of_peers`) },
  // k = pair_first's rowid (a rebuild writes pair_first with one plain insert just before), no key table.
  rowid: { q: keyed(`(SELECT DISTINCT f.rowid AS k, status, ts FROM events e JOIN pair_first f USING (player_id, quest_id))`).replace('JOIN pk p USING (k)', 'JOIN pair_first p ON p.rowid = s.k') },
  // one struct key of both names (no join; names unpacked after the window)
  struct: { q: keyed(`(SELECT DISTINCT {'p': player_id, 'q': quest_id} AS k, status, ts FROM events)`).replace('p.player_id, p.quest_id', 'k.p AS player_id, k.q AS quest_id').replace('JOIN pk p USING (k)', '') },
  base: { pre: [readFileSync(resolve(process.env.QS_PKG ?? '/work/wt/state13e-base', 'src/sql/state/redo_events_all.sql'), 'utf8')],
    q: `${OUT} FROM ql_state_intervals('state_redo_events', 'state_nothing_carried')` },
  // pair keys from pair_first (written by the rebuild just before), joined in on both strings, names joined back.
  pairjoin: { pre: [`CREATE TEMP TABLE pk AS SELECT player_id, quest_id, row_number() OVER ()::INTEGER AS k FROM pair_first`],
    q: keyed(`(SELECT DISTINCT k, status, ts FROM events JOIN pk USING (player_id, quest_id))`) },
  // the same with the key table made inside the timing
  pairjoin_t: { t: [`CREATE TEMP TABLE pk AS SELECT player_id, quest_id, row_number() OVER ()::INTEGER AS k FROM pair_first`],
    q: keyed(`(SELECT DISTINCT k, status, ts FROM events JOIN pk USING (player_id, quest_id))`) },
  // DISTINCT on the names first, then the join to the keys
  pairjoin_d: { t: [`CREATE TEMP TABLE pk AS SELECT player_id, quest_id, row_number() OVER ()::INTEGER AS k FROM pair_first`],
    q: keyed(`(SELECT k, status, ts FROM (SELECT DISTINCT player_id, quest_id, status, ts FROM events) JOIN pk USING (player_id, quest_id))`) },
  // bound: events already carrying the pair key (made outside the timing)
  bound: { pre: [`CREATE TEMP TABLE pk AS SELECT player_id, quest_id, row_number() OVER ()::INTEGER AS k FROM pair_first`,
      `CREATE TEMP TABLE ek AS SELECT k, status, ts FROM events JOIN pk USING (player_id, quest_id)`],
    q: keyed(`(SELECT DISTINCT k, status, ts FROM ek)`) },
  // bound of a schema with integer player and quest keys in events (made outside the timing): partition by both
  bound2: { pre: [`CREATE TEMP TABLE pl AS SELECT player_id, row_number() OVER ()::INTEGER AS p FROM player_values`,
      `CREATE TEMP TABLE qu AS SELECT quest_id, row_number() OVER ()::INTEGER AS q FROM quest_first`,
      `CREATE TEMP TABLE ek AS SELECT p, q, status, ts FROM events JOIN pl USING (player_id) JOIN qu USING (quest_id)`],
    q: keyed(`(SELECT DISTINCT p, q, status, ts FROM ek)`, 'p, q').replace('s JOIN pk p USING (k)', 's JOIN pl USING (p) JOIN qu USING (q)').replace('SELECT k, status, ts,', 'SELECT p, q, status, ts,').replace('p.player_id, p.quest_id', 'player_id, quest_id') },
  // player key x 1024 + quest key, from two small dictionaries
  twojoin: { t: [`CREATE TEMP TABLE pl AS SELECT player_id, row_number() OVER ()::INTEGER AS p FROM player_values`,
      `CREATE TEMP TABLE qu AS SELECT quest_id, row_number() OVER ()::INTEGER AS q FROM quest_first`,
      `CREATE TEMP TABLE pk AS SELECT player_id, quest_id, p::BIGINT * 100000 + q AS k FROM pair_first JOIN pl USING (player_id) JOIN qu USING (quest_id)`],
    q: keyed(`(SELECT DISTINCT p::BIGINT * 100000 + q AS k, status, ts FROM events JOIN pl USING (player_id) JOIN qu USING (quest_id))`) },
};
const v = V[variant];
for (const s of v.pre ?? []) await c.run(s);
const target = process.env.Q === 'ins' ? 'state_intervals' : 'out';
if (process.env.Q === 'ins') await c.run('DELETE FROM state_intervals'), await c.run('CHECKPOINT');
const cpu0 = process.cpuUsage(); const t = performance.now();
await c.run('BEGIN');
for (const s of v.t ?? []) await c.run(s);
if (process.env.Q === 'ins') await c.run(`INSERT INTO state_intervals SELECT *, 1 AS refresh FROM (${v.q})`);
else await c.run(`CREATE TEMP TABLE out AS ${v.q}`);
await c.run('COMMIT');
const cu = process.cpuUsage(cpu0);
const h = (await c.runAndReadAll(`SELECT count(*)::VARCHAR, sum(hash(player_id, quest_id, valid_from, valid_to, bucket, completion_seconds, attempts, anomaly, last_accept))::VARCHAR FROM ${target}`)).getRows()[0];
console.log(variant, 'load', loadavg()[0].toFixed(1), 'wall', Math.round(performance.now() - t), 'cpu', Math.round((cu.user + cu.system) / 1000), h.join(' '));
c.closeSync();
rmSync(work, { recursive: true, force: true });
