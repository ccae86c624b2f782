// The library's nightly (ingest of the history and new-day sources, state, snapshot, read copy, publish) on a database
// already made by bench/segments.js --nightly's setup, as its runs do but with the extras on and the database kept.
// usage: node libnight.mjs PKG WORK DB [TZ]   (WORK: <data>/run/extras-<size>; DB: a copy of one of its setups)
import { readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [pkg, work, db, tz = 'UTC'] = process.argv.slice(2);
const lib = (name) => import(pathToFileURL(join(resolve(pkg), 'dist', `${name}.js`)).href);
const [{ nightly }, { normalizeConfig }] = await Promise.all([lib('jobs/nightly'), lib('config')]);
const { date } = JSON.parse(readFileSync(join(work, 'date.json'), 'utf8'));
const config = {
  db,
  timezone: tz,
  catalogue: join(work, '..', '..', basename(work).replace('extras-', ''), 'plain', 'catalogue.csv'),
  sources: {
    history: { format: 'events', paths: [join(work, 'history.parquet')] },
    today: { format: 'events', paths: [join(work, 'new-day.ndjson')] },
  },
};
const out = `${db}.site`;
rmSync(out, { recursive: true, force: true });
const lines = [];
await nightly({ db, config: normalizeConfig(config, work), asOf: date, out }, { log: (l) => lines.push(l) });
rmSync(out, { recursive: true, force: true });
console.log(lines.filter((l) => /^(state|snapshots)/.test(l)).join(' | '));
