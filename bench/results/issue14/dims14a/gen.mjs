// Round 9 (dims14a): a mapped CSV export of N rows (default 1,000,000) in FILES files (default 4: one file of more than
// ~16-30 MB fails on main's exact path, "The Parallel CSV Reader currently does not support a full read", see NOTES)
// for timing a mapped source's extra dimensions, and two configs for it: the same source with and without
// `dimensions` (region: a text column, a quarter of them empty; tier: a cast and a division). Written by DuckDB into
// a new folder: node gen.mjs OUT_DIR [N] [FILES]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const out = resolve(process.argv[2] ?? 'out');
const n = Number(process.argv[3] ?? 1_000_000);
const files = Number(process.argv[4] ?? 4);
mkdirSync(join(out, 'logs'), { recursive: true });
const db = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
for (let f = 0; f < files; f++) {
  await db.run(`COPY (
  SELECT strftime(TIMESTAMP '2026-11-01 00:00:00' + INTERVAL (i * 2) SECOND, '%Y-%m-%d %H:%M:%S') AS event_time,
    'acc-' || (hash(i // 7) % 50000) AS account, 'fet' || lpad((hash(i) % 300)::VARCHAR, 4, '0') AS quest,
    ['Q_TAKEN', 'Q_DONE', 'Q_DROPPED', 'LOGIN'][1 + i % 4] AS action, ['pc', 'ps5', 'switch'][1 + i % 3] AS os,
    ['eu-west', 'us-east', 'apac', ''][1 + (i // 3) % 4] AS region, (hash(i) % 97)::VARCHAR AS lvl
  FROM range(${(f * n) / files}, ${((f + 1) * n) / files}) t(i) ORDER BY i
) TO '${join(out, 'logs', `mygame-${f + 1}.csv`)}' (HEADER, DELIMITER ';')`);
}
const source = {
  format: 'mapped',
  reader: 'csv',
  options: { delim: ';', header: true },
  fields: { ts: 'event_time', player_id: 'account', quest_id: 'upper(quest)', status: 'action', platform: 'os' },
  status_map: { Q_TAKEN: 'accepted', Q_DONE: 'completed', Q_DROPPED: 'abandoned' },
  filter: "starts_with(action, 'Q_')",
  paths: ['logs/*.csv'],
};
const dims = { region: 'region', tier: 'CAST(lvl AS INTEGER) // 10' };
writeFileSync(join(out, 'plain.json'), JSON.stringify({ sources: { mygame: source } }, null, 2));
writeFileSync(join(out, 'dims.json'), JSON.stringify({ sources: { mygame: { ...source, dimensions: dims } } }, null, 2));
console.log(`${n} rows in ${files} files under ${join(out, 'logs')}`);
