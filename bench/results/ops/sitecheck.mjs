// usage: node sitecheck.mjs SITE -> "<snapshot players-hash> whole|broken N|missing"
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
const site = process.argv[2];
if (!existsSync(join(site, 'api/v1/index.json'))) { console.log('missing'); process.exit(0); }
const m = JSON.parse(readFileSync(join(site, 'api/v1/index.json'), 'utf8'));
let bad = 0;
for (const f of m.files) {
  const p = join(site, 'api/v1', f.path);
  if (!existsSync(p) || createHash('sha256').update(readFileSync(p)).digest('hex') !== f.sha256) bad++;
}
const snap = readFileSync(join(site, 'api/v1/snapshot.json'));
const pages = readdirSync(join(site, 'quests')).filter((n) => n.endsWith('.html')).length;
console.log(`${createHash('sha256').update(snap).digest('hex').slice(0, 8)} files=${m.files.length} pages=${pages} ${bad ? `broken ${bad}` : 'whole'}`);
