// The recycled site's walk, keep and prune in isolation (what a nightly does to the files it keeps), on a skeleton
// of a site: QUESTS quests' folders with empty files under the names a publish of DAYS days leaves (pages, JSON,
// specs, month files, each with a .gz), made once in DIR/.site.old. Each round: buildDir's walk, every file kept (as
// the month files and unchanged ones are), prune, then the folder put back as .site.old. Process CPU per round.
//   node bench/results/issue16/walk-part.mjs DIST DIR QUESTS DAYS [ROUNDS]
import { closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
const [dist, dir, qs, ds, rs = 3] = process.argv.slice(2);
const { buildDir, oldOf, SiteFiles } = await import(`${dist}/publish/site-files.js`);
const out = `${dir}/site`;
if (!existsSync(oldOf(out))) {
  const months = Math.ceil(Number(ds) / 30.5);
  const touch = (p) => closeSync(openSync(p, 'w'));
  for (let q = 0; q < Number(qs); q++) {
    const id = `Q${String(q).padStart(5, '0')}`;
    const base = `${oldOf(out)}/api/v1/quests/${id}`;
    mkdirSync(`${base}/history`, { recursive: true });
    mkdirSync(`${oldOf(out)}/quests`, { recursive: true });
    for (const f of ['.json', '.json.gz', '/history.json', '/history.json.gz']) touch(`${base}${f}`);
    for (const f of ['.html', '.html.gz', '.status.vl.json', '.history.vl.json', '.histogram.vl.json']) touch(`${oldOf(out)}/quests/${id}${f}`);
    for (let m = 1; m <= months; m++) for (const e of ['', '.gz']) touch(`${base}/history/2026-${String(m).padStart(2, '0')}.json${e}`);
  }
}
for (let i = 0; i < Number(rs); i++) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const { dir: tmp, found } = buildDir(out);
  const walked = process.cpuUsage(c0);
  const site = new SiteFiles(tmp, found);
  for (const [path, kind] of found) if (kind === 'file') site.keep(path.slice(tmp.length + 1));
  site.prune();
  const cu = process.cpuUsage(c0);
  console.log(`${dist.includes('/work/main') ? 'main' : 'wt'} ${qs}q ${ds}d: ${found.size} entries, walk ${Math.round((walked.user + walked.system) / 1000)} ms cpu, walk+keep+prune ${Math.round((cu.user + cu.system) / 1000)} ms cpu, ${Math.round(performance.now() - t0)} ms wall`);
  renameSync(tmp, oldOf(out));
}
