// Byte equality of the sites two databases publish for one date (e.g. main's stored survival rows against a
// variant's recomputed ones): one build (DIST) publishes each database, opened read-only, with a fixed clock into
// $QL_PUB_WORK/site-a and site-b; every file is hashed and the differing ones listed. Removes both sites after.
//   node bench/results/issue15/site-eq.mjs DIST DB_A DB_B DATE [--keep]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [dist, dbA, dbB, date] = process.argv.slice(2);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-site-eq';
const { Db } = await import(`${resolve(dist)}/engine/db.js`);
const { publish } = await import(`${resolve(dist)}/publish/publish.js`);
const hashes = (dir, base = dir, out = new Map()) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashes(p, base, out);
    else out.set(p.slice(base.length + 1), createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
};
const sites = [];
for (const [i, file] of [dbA, dbB].entries()) {
  const db = await Db.open(file, { readOnly: true });
  const out = join(work, `site-${'ab'[i]}`);
  rmSync(out, { recursive: true, force: true });
  await publish(db, { out, asOf: date }, { log() {}, now: () => new Date('2027-01-01T03:00:00Z') });
  db.close();
  sites.push(out);
}
const [x, y] = sites.map((s) => hashes(s));
const all = [...new Set([...x.keys(), ...y.keys()])];
const differ = all.filter((f) => x.get(f) !== y.get(f));
console.log(`${x.size} and ${y.size} files, ${differ.length} differ${differ.length ? `: ${differ.slice(0, 10).join(', ')}` : ''}`);
if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
