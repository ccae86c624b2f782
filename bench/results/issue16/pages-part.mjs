// The quest pages of a publish as one render worker writes them, in this thread (issue 16 notes, round 7 pages16b):
// every quest of publish-5k.mjs's database rendered and written with the worker's FileSink (gzip on this thread) into a
// recycled site ($QL_PUB_WORK/pages-<tag>/site, last round's site as `.site.old`), ROUNDS times, with this thread's CPU
// per round (DuckDB is idle after the read). Without the main thread's share of a publish, so the per-quest cost of
// the files stands out from the load's noise.
//   node [--max-semi-space-size=N] bench/results/issue16/pages-part.mjs DIST [ROUNDS]
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const [distArg, roundsArg = '3'] = process.argv.slice(2);
const dist = resolve(distArg);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const { questPages, writeQuestPage } = await import(`${dist}/publish/quest-pages.js`);
const { sharedOf } = await import(`${dist}/publish/render-pool.js`);
const { questRows } = await import(`${dist}/publish/segment-figures.js`);
const { FileSink } = await import(`${dist}/publish/file-sink.js`);
const { SiteFiles, buildDir, swap } = await import(`${dist}/publish/site-files.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const data = await loadSiteData(db, { asOf: '2026-12-23' }, { log() {} });
db.close();
const pages = questPages(data, data.months, null);
// As render-worker.ts's dataOf: the shared part and the quest's own rows.
const { data: shared, survival } = sharedOf(data);
const survivalOf = new Map((data.survival ?? []).map((s) => [s.quest_id, s]));
const dataOf = (page) => ({
  ...shared,
  snapshot: { ...shared.snapshot, quests: [page.q] },
  history: [],
  histogram: [],
  ...(survival ? { survival: survivalOf.has(page.q.quest_id) ? [survivalOf.get(page.q.quest_id)] : [] } : {}),
  ...(shared.segments ? { segments: { ...shared.segments, rows: questRows(data.segments, page.q.quest_id) } } : {}),
});
const tag = basename(dirname(dist)); // the worktree's name
const out = join(work, `pages-${tag}`, 'site');
mkdirSync(join(work, `pages-${tag}`), { recursive: true });
for (let r = 0; r < Number(roundsArg); r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { dir, found } = buildDir(out);
  const site = new SiteFiles(dir, found);
  const sink = new FileSink(site, () => {}, true);
  let files = 0;
  const write = async (rel, content) => {
    await sink.put(rel, content);
    files++;
  };
  for (const page of pages) await writeQuestPage(dataOf(page), page, write);
  await sink.gz.drain();
  site.prune();
  await swap(out, dir);
  const cpu = process.cpuUsage(c0);
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(
    `${tag} round ${r}: ${files} files + ${sink.gz.count} gz, ${Math.round(performance.now() - t0)} ms wall, ` +
      `${Math.round((cpu.user + cpu.system) / 1000)} ms cpu (${Math.round(cpu.system / 1000)} sys), load ${load}`,
  );
}
