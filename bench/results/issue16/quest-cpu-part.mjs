// A render worker's per-quest work without the file system (issue 16 notes, round 9 pages16d): every quest of
// publish-5k.mjs's database through writeQuestPage exactly as render-worker.ts calls it (its dataOf), the files handed
// to a sink that only hashes them (and, with `gzip`, compresses them as FileSink does on a worker), ROUNDS times, this
// thread's CPU per round and a hash of all the names and bytes (equal between builds = the same files). The load's
// file-system noise (open, write, writeback) is out of these figures.
//   node bench/results/issue16/quest-cpu-part.mjs DIST [ROUNDS] [gzip]
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

const [distArg, roundsArg = '3', gz] = process.argv.slice(2);
const dist = resolve(distArg);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const { questPages, writeQuestPage } = await import(`${dist}/publish/quest-pages.js`);
const { sharedOf } = await import(`${dist}/publish/render-pool.js`);
const { questRows } = await import(`${dist}/publish/segment-figures.js`);
const { Compressor, compressible } = await import(`${dist}/publish/compress.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const data = await loadSiteData(db, { asOf: '2026-12-23' }, { log() {} });
db.close();
data.generatedAt = '2026-12-24T00:00:00Z'; // the same bytes in every run
const pages = questPages(data, data.months, '2026-12');
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
for (let r = 0; r < Number(roundsArg); r++) {
  const hash = createHash('sha256');
  let files = 0;
  let bytes = 0;
  const gzip = new Compressor((rel, content) => {
    bytes += content.length;
  }, true);
  const write = async (rel, content) => {
    const buf = Buffer.from(content);
    hash.update(rel).update(buf);
    files++;
    bytes += buf.length;
    if (gz === 'gzip' && compressible(rel, buf.length)) await gzip.add(rel, buf);
  };
  const c0 = process.cpuUsage();
  for (const page of pages) await writeQuestPage(dataOf(page), page, write);
  const c = process.cpuUsage(c0);
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(
    `round ${r}: ${files} files + ${gzip.count} gz, ${(bytes / 1e6).toFixed(1)} MB, ` +
      `${Math.round((c.user + c.system) / 1000)} ms cpu, load ${load}, ${hash.digest('hex').slice(0, 16)}`,
  );
}
