// The file system part of a publish alone: a published site's files (read into memory first, gzip copies left out)
// written again through a build's SiteFiles and Compressor, as buildSite writes them, with process CPU time.
//   node bench/results/issue16/write-replay.mjs DIST SITE [fresh|recycled] [REPS]
// fresh: a new build folder (no `.old`); recycled: a copy of SITE as `.old`, every file changed (a nightly where every
// file changed; the copy is made before the timer). Each rep builds in its own $QL_PUB_WORK/replay-* folder (default
// /tmp/ql-pub-1m), left in place: on this machine's ext4 (no journal) a file created within minutes of a mass delete
// costs up to 10x the system time (inode allocation skips recently deleted inodes, `recently_deleted` in perf), so
// removing each rep's folder would slow the next rep. Remove them afterwards (rm -rf $QL_PUB_WORK/replay-*).
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const [distArg, siteArg, mode = 'fresh', repsArg = '3'] = process.argv.slice(2);
const dist = resolve(distArg);
const site = resolve(siteArg);
const { buildDir, SiteFiles, prune } = await import(`${dist}/publish/site-files.js`);
const { Compressor, compressible } = await import(`${dist}/publish/compress.js`);
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (process.env.SKIP_VL && /^quests\/.*\.vl\.json$/.test(relative(site, p))) continue;
    else if (!p.endsWith('.gz')) files.push([relative(site, p), readFileSync(p)]);
  }
};
walk(site);
const tag = dist.startsWith('/work/main') ? 'main' : 'wt';
for (let rep = 0; rep < Number(repsArg); rep++) {
  const work = join(process.env.QL_PUB_WORK ?? '/tmp/ql-pub-1m', `replay-${tag}-${mode}-${process.pid}-${rep}`);
  mkdirSync(work, { recursive: true });
  const out = join(work, 'site');
  // Every byte differs from the recycled copy's (a space appended), so every file is rewritten in place.
  if (mode === 'recycled') cpSync(site, join(work, '.site.old'), { recursive: true });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const built = buildDir(out);
  const dir = typeof built === 'string' ? built : built.dir;
  const sf = typeof built === 'string' ? new SiteFiles(dir) : new SiteFiles(dir, built.found);
  const gz = new Compressor((rel, content) => sf.write(rel, content));
  for (const [rel, bytes] of files) {
    const b = mode === 'recycled' ? Buffer.concat([bytes, Buffer.from(' ')]) : bytes;
    const changed = sf.write(rel, b);
    if (compressible(rel, b.length) && (changed || !sf.keepCopies(rel, ['.gz']))) await gz.add(rel, b);
  }
  await gz.drain();
  if (sf.prune) sf.prune();
  else prune(dir, sf.written);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(
    `${tag} ${mode} rep ${rep + 1}: ${files.length} files + ${gz.count} gz, ` +
      `${Math.round(ms)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu ` +
      `(user ${Math.round(cpu.user / 1000)}, sys ${Math.round(cpu.system / 1000)})`,
  );
}
