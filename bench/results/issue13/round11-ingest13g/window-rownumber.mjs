// row_number() OVER () over the NDJSON reader: is it exact, and how many threads run it? Usage: node window-rownumber.mjs <preserve_insertion_order true|false>
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync, readFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await inst.connect();
const d = '/work/ingest13g/1m/plain/ndjson/';
const files = readdirSync(d).sort().map((f) => `'${d}${f}'`).join(',');
const threadTicks = () => new Map(readdirSync('/proc/self/task').map((t) => { const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' '); return [t, Number(f[11]) + Number(f[12])]; }));
const cols = `columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}`;
const qs = {
  plain: `SELECT count(*), count(DISTINCT file_index) FROM read_ndjson([${files}], ${cols})`,
  win: `SELECT count(*), sum(rn) FROM (SELECT file_index, row_number() OVER () rn FROM read_ndjson([${files}], ${cols}))`,
  winctas: `CREATE OR REPLACE TEMP TABLE t AS SELECT file_index, player_id, ts, row_number() OVER () rn FROM read_ndjson([${files}], ${cols})`,
  check: `SELECT count(*) FILTER (WHERE rn <> rowid + 1) FROM t`,
  ctas: `CREATE OR REPLACE TEMP TABLE t2 AS SELECT file_index, player_id, ts FROM read_ndjson([${files}], ${cols})`,
};
const order = process.argv[2] ?? 'true';
await c.run(`SET preserve_insertion_order = ${order}`);
for (const [k, q] of Object.entries(qs)) {
  const t = performance.now(); const cu = process.cpuUsage(); const tk = threadTicks();
  const r = await c.runAndReadAll(q);
  const busy = [...threadTicks()].map(([k2, v]) => v - (tk.get(k2) ?? 0)).filter((n) => n > 2);
  const cc = process.cpuUsage(cu);
  console.log(k, Math.round(performance.now() - t), Math.round((cc.user + cc.system) / 1000), `[${busy}]`, JSON.stringify(r.getRowsJson()));
}
