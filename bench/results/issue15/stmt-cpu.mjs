// Process CPU of snapshot statements as computeSnapshots runs them (one transaction per rep around batch_days, figures,
// day_end_pairs and the timed files), variants alternating; with --compare, the chain_steps/survival/survival_curve rows
// of the first variant against each other one (EXCEPT ALL both ways). Run on a copy of a database whose state is
// refreshed for DATE (e.g. the extras bench's setup.duckdb after ingesting new-day.ndjson and refreshState):
//   node stmt-cpu.mjs COPY.duckdb DATE REPS [--compare] name=a.sql,b.sql name2=c.sql ...   (the build: ../../../dist)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const compare = args.includes('--compare');
const [file, date, reps, ...variants] = args.filter((a) => a !== '--compare');
const { Db, sqlFile } = await import(join(import.meta.dirname, '../../../dist/engine/db.js'));
const db = await Db.open(file);
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
const TABLES = ['chain_steps', 'survival', 'survival_curve'];
const list = variants.map((v) => {
  const [name, files] = v.split('=');
  return { name, files: files.split(','), cpu: [] };
});
for (let r = 0; r < Number(reps); r++) {
  for (const v of r % 2 ? [...list].reverse() : list) {
    await db.run('BEGIN');
    for (const t of TABLES) await db.run(`DELETE FROM ${t} WHERE snapshot_date = $d::DATE`, { d: date });
    await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
    await db.run(sqlFile('snapshot/figures'));
    await db.run(sqlFile('snapshot/day_end_pairs'));
    const c0 = process.cpuUsage();
    for (const f of v.files) await db.run(readFileSync(f, 'utf8'));
    const c = process.cpuUsage(c0);
    v.cpu.push(Math.round((c.user + c.system) / 1000));
    if (compare && r === 0) {
      for (const t of TABLES) {
        await db.run(`CREATE OR REPLACE TEMP TABLE "${v.name}_${t}" AS FROM ${t} WHERE snapshot_date = $d::DATE`, { d: date });
      }
    }
    // Kept (committed) only for the comparison; timed reps leave the copy as it was.
    await db.run(compare && r === 0 ? 'COMMIT' : 'ROLLBACK');
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const v of list) console.log(`${v.name}: cpu ${v.cpu.join(' ')} ms (median ${median(v.cpu)})`);
for (const v of compare ? list.slice(1) : []) {
  for (const t of TABLES) {
    const [a, b] = [`"${list[0].name}_${t}"`, `"${v.name}_${t}"`];
    const row = await db.one(
      `SELECT (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b}))::INT AS only_first,
              (SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a}))::INT AS only_other, (SELECT count(*) FROM ${a})::INT AS rows`,
    );
    console.log(`${t}: ${list[0].name} vs ${v.name}`, row);
  }
}
db.close();
