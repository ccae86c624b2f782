// Round 9 (dims14a): process CPU of a stage-like projection of N rows (all text, as a mapped CSV reads) with a
// source's two dimensions in several forms, each REPS times alternating. node try-cost.mjs [N] [REPS]
import { DuckDBInstance } from '@duckdb/node-api';

const n = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 5);
const db = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
await db.run(`CREATE TEMP TABLE src AS SELECT ['eu-west', 'us-east', 'apac', NULL][1 + (i // 3) % 4] AS region,
  (hash(i) % 97)::VARCHAR AS lvl, 'acc-' || (i % 5000) AS account FROM range(${n}) t(i)`);
const v = (e, tried = true) => (tried ? `trim(TRY(coalesce(CAST((${e}) AS VARCHAR), '')))` : `trim(coalesce(CAST((${e}) AS VARCHAR), ''))`);
const forms = {
  none: 'NULL::VARCHAR[]',
  both_try: `[${v('region')}, ${v('CAST(lvl AS INTEGER) // 10')}]`,
  bare_column_untried: `[${v('region', false)}, ${v('CAST(lvl AS INTEGER) // 10')}]`,
  two_columns: `${v('region')} AS d1, ${v('CAST(lvl AS INTEGER) // 10')}`,
};
const cpu = Object.fromEntries(Object.keys(forms).map((k) => [k, []]));
for (let r = 0; r < reps; r++) {
  for (const [k, dims] of Object.entries(forms)) {
    const c0 = process.cpuUsage();
    await db.run(`CREATE OR REPLACE TEMP TABLE st AS SELECT ql_id_account, ${dims} AS dims FROM (
      SELECT nullif(trim(TRY(CAST((account) AS VARCHAR))), '') AS ql_id_account, * FROM src)`);
    const c = process.cpuUsage(c0);
    cpu[k].push(Math.round((c.user + c.system) / 1000));
  }
}
console.log('cpu ms', JSON.stringify(cpu));
