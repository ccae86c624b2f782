// Lead's 100M setup for the night replays: data (bench's generator), split, history database (questlog contender
// with backfill, as bench/run.js benchIncremental does), padded to 365 snapshot dates.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
const pkg = '/work/wt/base15';
const { ensureDataset } = await import('/work/main/bench/lib/datasets.js');
const log = (m) => console.log(new Date().toISOString().slice(11, 19), m);
const ds = await ensureDataset('/work/b100data', '100m', ['parquet'], { pkg, incremental: true, log });
log(`dataset ${ds.events} events, split day ${ds.split.day}`);
const db = '/work/n100/history.duckdb';
const previous = new Date(Date.parse(`${ds.split.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
if (!existsSync(db)) {
  const spec = { pkg, fresh: true, db, inputs: ds.split.history, out: '/work/n100/history.json', asOf: previous,
    backfill: true, site: '/work/n100/setup-site',
    settings: { threads: 2, memory_limit: '6GB', temp_directory: '/work/n100/tmp' } };
  execFileSync('node', [`${pkg}/bench/contenders/questlog.js`, JSON.stringify(spec)], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  log('history database built');
}
const { Db } = await import(`${pkg}/dist/engine/db.js`);
const { padHistory } = await import('/work/main/bench/lib/pad-history.js');
const h = await Db.open(db, { threads: 2, memoryLimit: '6GB', tempDirectory: '/work/n100/tmp' });
log(`padded ${await padHistory(h, 365)} dates`);
h.close();
