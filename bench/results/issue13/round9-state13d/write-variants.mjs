// Writing a state table into a new database file under different storage settings: process CPU and wall of the
// INSERT and of the CHECKPOINT after it, and the file's size. Each variant in its own process, alternating.
//   node write-variants.mjs SOURCE.duckdb TABLE VARIANT   (VARIANT: a key of `variants` below)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [source, table, variant] = process.argv.slice(2);
const variants = {
  dict: ["SET force_compression = 'dictionary'"],
  auto: [],
  fsst: ["SET force_compression = 'fsst'"],
  dictfsst: ["SET force_compression = 'dict_fsst'"],
  zstd: ["SET force_compression = 'zstd'"],
  unc: ["SET force_compression = 'uncompressed'"],
  dictnorleconst: ["SET force_compression = 'dictionary'", "SET disabled_compression_methods = 'rle,alp,alprd,chimp,patas,fsst,dict_fsst'"],
  dictsorted: ["SET force_compression = 'dictionary'"],
  dictnoalp: ["SET force_compression = 'dictionary'", "SET disabled_compression_methods = 'alp,alprd,chimp,patas'"],
  dictnofsst: ["SET force_compression = 'dictionary'", "SET disabled_compression_methods = 'fsst,dict_fsst'"],
  dictnobp: ["SET force_compression = 'dictionary'", "SET disabled_compression_methods = 'bitpacking'"],
  dictnorle: ["SET force_compression = 'dictionary'", "SET disabled_compression_methods = 'rle'"],
};
const work = mkdtempSync(join(tmpdir(), 'write-variants-'));
const inst = await DuckDBInstance.create(join(work, 'w.duckdb'), { threads: '2', memory_limit: '6GB', temp_directory: join(work, 'tmp') });
const c = await inst.connect();
await c.run(`ATTACH '${source}' AS src (READ_ONLY)`);
await c.run(`CREATE TABLE t AS FROM src.${table} LIMIT 0`);
// *sorted: the source held in the order a window over (player, quest) writes it, inserted in that order.
const sorted = variant.endsWith('sorted');
await c.run(`CREATE TEMP TABLE s AS FROM src.${table}${sorted ? ' ORDER BY ALL' : ''}`);
await c.run(`SET preserve_insertion_order = ${sorted}`);
for (const s of variants[variant.replace(/sorted$/, '')]) await c.run(s);
const time = async (sql) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await c.run(sql);
  const u = process.cpuUsage(c0);
  return `${Math.round(performance.now() - t0)}/${Math.round((u.user + u.system) / 1000)}`;
};
const ins = await time('INSERT INTO t SELECT * FROM s');
const ck = await time('CHECKPOINT');
const size = statSync(join(work, 'w.duckdb')).size;
c.closeSync();
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify({ table, variant, insert: ins, checkpoint: ck, mb: Math.round(size / 1e6) }));
