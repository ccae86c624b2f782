// The segment API's files (segments.json and every value file) as two builds write them from the same site data (read
// once from publish-5k.mjs's database, clock fixed): names and bytes hashed per build (round 11, main16l: the value
// documents built with their keys in order, written by the workers).
//   QL_PUB_WORK=... node bench/results/issue16/segment-eq.mjs DIST_A DIST_B
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
const [a, b] = process.argv.slice(2).map((d) => resolve(d));
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const { Db } = await import(`${b}/engine/db.js`);
const { loadSiteData } = await import(`${b}/publish/publish.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const data = await loadSiteData(db, { asOf: '2026-12-23' }, { log() {}, now: () => new Date(Date.UTC(2026, 11, 24)) });
db.close();
for (const dist of [a, b]) {
  const { writeSegmentApi } = await import(`${dist}/publish/segments.js`);
  const { stableJson } = await import(`${dist}/publish/json.js`);
  const h = createHash('sha256');
  let files = 0;
  let bytes = 0;
  const t0 = performance.now();
  // The base takes the serialiser as a fourth argument, the branch whether to write the value files.
  await writeSegmentApi(data, data.segments, (rel, content) => {
    files++;
    bytes += Buffer.byteLength(content);
    h.update(`${rel}\u0000`).update(content).update('\u0000');
  }, writeSegmentApi.length === 4 ? stableJson : { values: true });
  console.log(`${dist}: ${files} files, ${bytes} bytes, ${Math.round(performance.now() - t0)} ms, sha256 ${h.digest('hex').slice(0, 16)}`);
}
