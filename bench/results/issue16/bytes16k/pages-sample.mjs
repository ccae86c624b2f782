// Renders a few quest pages of publish-5k.mjs's database with one build into an existing site (overwriting those
// quests' files), as a render worker does (quest-cpu-ab.mjs's dataOf): to compare pages between builds without a whole
// publish (issue 16 notes, round 11 bytes16k). Also rewrites assets/style.css from the build's templates.
//   QL_PUB_WORK=... node bench/results/issue16/bytes16k/pages-sample.mjs DIST SITE QUEST_ID...
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const [distArg, site, ...ids] = process.argv.slice(2);
const dist = resolve(distArg);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const quest = await import(`${dist}/publish/quest-pages.js`);
const pool = await import(`${dist}/publish/render-pool.js`);
const seg = await import(`${dist}/publish/segment-figures.js`);
const { Db } = await import(`${dist}/engine/db.js`);
const { loadSiteData } = await import(`${dist}/publish/publish.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const data = await loadSiteData(db, { asOf: '2026-12-23' }, { log() {} });
db.close();
data.generatedAt = '2026-12-24T00:00:00Z';
const pages = quest.questPages(data, data.months, '2026-12').filter((p) => ids.includes(p.q.quest_id));
const { data: shared, survival } = pool.sharedOf(data);
const survivalOf = new Map((data.survival ?? []).map((s) => [s.quest_id, s]));
const dataOf = (page) => ({
  ...shared,
  snapshot: { ...shared.snapshot, quests: [page.q] },
  history: [],
  histogram: [],
  ...(survival ? { survival: survivalOf.has(page.q.quest_id) ? [survivalOf.get(page.q.quest_id)] : [] } : {}),
  ...(shared.segments ? { segments: { ...shared.segments, rows: seg.questRows(data.segments, page.q.quest_id) } } : {}),
});
for (const page of pages) {
  await quest.writeQuestPage(dataOf(page), page, async (rel, content) => {
    mkdirSync(dirname(join(site, rel)), { recursive: true });
    writeFileSync(join(site, rel), content);
  });
}
copyFileSync(join(dist, '..', 'templates/assets/style.css'), join(site, 'assets/style.css'));
console.log(`${pages.length} quests written to ${site}`);
