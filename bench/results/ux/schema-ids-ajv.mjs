// ajv (as a JS consumer uses it): a schema added under the URL it was fetched from, $refs loaded by URL; the three
// choices of $id compared on copies of one published site (/work/ux13/proj). Run from the repository root (needs ajv).
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
const dir = '/work/ux13/proj/site/api/v1/schema/';
const base = 'http://127.0.0.1:1/site/api/v1/schema/';
for (const mode of ['relative-id', 'no-id', 'invalid-host-id']) {
  const loaded = [];
  const ajv = new Ajv2020.default({ strict: false, loadSchema: async (uri) => { loaded.push(uri); if (!uri.startsWith(base)) throw new Error('cannot fetch ' + uri); const s = JSON.parse(readFileSync(dir + uri.slice(base.length), 'utf8')); if (mode==='no-id') delete s.$id; if (mode==='relative-id') s.$id=uri.slice(base.length); if (mode==='invalid-host-id') s.$id='https://questlog.invalid/api/v1/schema/'+uri.slice(base.length); return s; } });
  const s = JSON.parse(readFileSync(dir + 'quest.schema.json', 'utf8'));
  if (mode === 'no-id') delete s.$id;
  if (mode === 'relative-id') s.$id = 'quest.schema.json';
  if (mode === 'invalid-host-id') s.$id = 'https://questlog.invalid/api/v1/schema/quest.schema.json';
  try {
    ajv.addSchema(s, base + 'quest.schema.json');
    const v = await ajv.compileAsync({ $ref: base + 'quest.schema.json' });
    console.log(mode, 'ok', v(JSON.parse(readFileSync('/work/ux13/proj/site/api/v1/quests/FET0001.json', 'utf8'))), loaded);
  } catch (e) { console.log(mode, 'FAIL', e.message.slice(0, 120), loaded); }
}
