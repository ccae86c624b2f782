// Byte equality of two builds' sites (issue 16 notes, round 4): on nightly-ab.mjs's database ($QL_PUB_WORK, made by a
// nightly-ab run first), each build publishes the last three dates into one folder with a fixed clock (new, over a
// live site, then recycling `.old`), then every file of both sites (and of their `.old`) is hashed and compared.
//   node bench/results/issue16/compare-sites.mjs DIST_A DIST_B QUESTS DAYS
// or on any database (opened read-only) at the dates given, oldest first:
//   QL_CMP_DB=FILE QL_CMP_DATES=YYYY-MM-DD,… node bench/results/issue16/compare-sites.mjs DIST_A DIST_B - -
// (QL_CMP_DATE=YYYY-MM-DD instead: that one date published three times, e.g. on publish-1m.mjs's 1m.duckdb.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [a, b, qs, ds] = process.argv.slice(2);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-ab';
const days = Number(ds);
const dayOf = (back) => process.env.QL_CMP_DATE ?? new Date(Date.UTC(2026, 0, 1) + (days - 1 - back) * 86_400_000).toISOString().slice(0, 10);
const hashes = (dir, base = dir, out = new Map()) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashes(p, base, out);
    else out.set(p.slice(base.length + 1), createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
};
const sites = [];
for (const [i, distArg] of [a, b].entries()) {
  const dist = resolve(distArg);
  const { Db } = await import(`${dist}/engine/db.js`);
  const { publish } = await import(`${dist}/publish/publish.js`);
  const db = await Db.open(process.env.QL_CMP_DB ?? `${work}/q${qs}-d${ds}.duckdb`, { readOnly: true });
  const base = `${work}/cmp-${i}`;
  rmSync(base, { recursive: true, force: true });
  const now = () => new Date('2027-01-01T03:00:00Z');
  for (const date of process.env.QL_CMP_DATES?.split(',') ?? [2, 1, 0].map(dayOf)) {
    const t0 = performance.now();
    await publish(db, { out: `${base}/site`, asOf: date }, { log() {}, now });
    console.log(`${dist} ${date}: ${Math.round(performance.now() - t0)} ms`);
  }
  db.close();
  sites.push(base);
}
for (const sub of ['site', '.site.old']) {
  const [x, y] = sites.map((s) => hashes(join(s, sub)));
  const all = [...new Set([...x.keys(), ...y.keys()])];
  const differ = all.filter((f) => x.get(f) !== y.get(f));
  console.log(`${sub}: ${x.size} and ${y.size} files, ${differ.length} differ${differ.length ? `: ${differ.slice(0, 10).join(', ')}` : ''}`);
}
// QL_CMP_KEEP=1: the sites stay ($QL_PUB_WORK/cmp-0, cmp-1), e.g. for compare-specs.mjs.
if (!process.env.QL_CMP_KEEP) for (const s of sites) rmSync(s, { recursive: true, force: true });
