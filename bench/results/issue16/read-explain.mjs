// One read's SQL on a database, read-only: query time (DuckDB, rows materialised) apart from turning rows into objects,
// then EXPLAIN ANALYZE (QL_EXPLAIN=1). node read-explain.mjs DIST DB SQLNAME 'JSON params' [ROUNDS]
const [dist, file, name, params, rs] = process.argv.slice(2);
const { Db, sqlFile } = await import(`${dist}/engine/db.js`);
const { rowObjectsJson } = await import(`${dist}/engine/rows.js`);
const db = await Db.open(file, { readOnly: true, ...(process.env.QL_READS_THREADS ? { threads: Number(process.env.QL_READS_THREADS) } : {}) });
const sql = sqlFile(name);
const p = JSON.parse(params);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
for (let i = 0; i < Number(rs ?? 3); i++) {
  const c0 = cpu(), t0 = performance.now();
  const reader = await db.connection.runAndReadAll(sql, p);
  const c1 = cpu(), t1 = performance.now();
  const rows = rowObjectsJson(reader);
  const c2 = cpu(), t2 = performance.now();
  console.log(`${name}: query ${Math.round(t1 - t0)} ms wall ${Math.round(c1 - c0)} cpu; objects ${Math.round(t2 - t1)} wall ${Math.round(c2 - c1)} cpu; ${rows.length} rows`);
}
if (process.env.QL_EXPLAIN) {
  const r = await db.connection.runAndReadAll(`EXPLAIN ANALYZE ${sql.replace(/;\s*$/, '')}`, p);
  console.log(r.getRows().map((x) => x[1]).join('\n'));
}
db.close();
