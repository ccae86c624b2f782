// Which files a rolling nightly rewrote, per kind of file (round 10 files16f): SITE after the nightly, BEFORE the copy it
// started from (publish-5k-rolling.mjs --keep: `cp -a` kept every mtime, so a file whose mtime moved was written).
// Per kind: files, written, bytes written, equal bytes (an mtime that moved over the same bytes), and its .gz copies.
//   node bench/results/issue16/quest-files.mjs SITE BEFORE
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [site, before] = process.argv.slice(2);
const KINDS = [
  ['quests/<id>.html', /^quests\/[^/]+\.html$/],
  ['quests/<id>.specs.json', /^quests\/[^/]+\.specs\.json$/],
  ['api/v1/quests/<id>.json', /^api\/v1\/quests\/[^/]+\.json$/],
  ['api/v1/quests/<id>/history.json', /^api\/v1\/quests\/[^/]+\/history\.json$/],
  ['api/v1/quests/<id>/history/<month>.json', /^api\/v1\/quests\/[^/]+\/history\/\d{4}-\d{2}\.json$/],
];
const rows = new Map();
const walk = (rel) => {
  for (const e of readdirSync(join(site, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) { walk(r); continue; }
    const gz = r.endsWith('.gz');
    const plain = gz ? r.slice(0, -3) : r;
    const kind = (KINDS.find(([, re]) => re.test(plain))?.[0] ?? 'other (site-wide)') + (gz ? ' .gz' : '');
    const k = rows.get(kind) ?? { files: 0, written: 0, bytes: 0, writtenBytes: 0, sameBytes: 0 };
    const s = statSync(join(site, r));
    let old = null;
    try { old = statSync(join(before, r)); } catch {}
    k.files++;
    k.bytes += s.size;
    if (!old || old.mtimeMs !== s.mtimeMs) {
      k.written++;
      k.writtenBytes += s.size;
      if (old && old.size === s.size && readFileSync(join(site, r)).equals(readFileSync(join(before, r)))) k.sameBytes++;
    }
    rows.set(kind, k);
  }
};
walk('');
console.log('| file | files | written | avg bytes | bytes written | written with equal bytes |');
console.log('| --- | --- | --- | --- | --- | --- |');
let tf = 0, tw = 0, tb = 0;
for (const [kind, k] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  tf += k.files; tw += k.written; tb += k.writtenBytes;
  console.log(`| ${kind} | ${k.files} | ${k.written} | ${Math.round(k.bytes / k.files)} | ${(k.writtenBytes / 1e6).toFixed(1)} MB | ${k.sameBytes} |`);
}
console.log(`| total | ${tf} | ${tw} | | ${(tb / 1e6).toFixed(1)} MB | |`);
