// A 10M (or 1M) nightly database for timing the snapshot phase: prepareNightly's history (split at day D, HIST
// snapshot dates before D), then day D's events ingested with the base build, state not yet refreshed (day.duckdb).
//   node setup.mjs DATA_SIZE_DIR WORK BASEPKG HIST
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [sizeDir, work, pkg, hist] = process.argv.slice(2);
mkdirSync(work, { recursive: true });
const { prepareNightly } = await import(pathToFileURL(join(pkg, 'bench/lib/nightly-setup.js')).href);
const pq = join(sizeDir, 'plain/parquet');
const dataset = { inputs: { parquet: readdirSync(pq).sort().map((f) => join(pq, f)) } };
const t0 = performance.now();
const { db, date, config } = await prepareNightly(work, dataset, pkg, Number(hist), console.error);
console.error(`history ${db} ${date} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const lib = (name) => import(pathToFileURL(join(pkg, 'dist', `${name}.js`)).href);
const [{ Db }, { ingest }] = await Promise.all(['engine/db', 'ingest/ingest'].map(lib));
copyFileSync(db, join(work, 'day.duckdb'));
const h = await Db.open(join(work, 'day.duckdb'));
await ingest(h, { paths: config.sources.today.paths, format: 'events', cwd: work }, { log: () => {} });
h.close();
console.log(JSON.stringify({ date }));
