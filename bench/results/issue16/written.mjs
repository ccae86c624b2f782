// What a publish wrote: the files under DIR modified at or after `since` (ms since the epoch), their count and bytes
// by kind. Files the publish left as they were keep the recycled copy's older time (nightly-ab.mjs copies it first).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = [
  ['quest page', /^quests\/[^/]+\.html$/],
  ['history chart spec', /\.history\.vl\.json$/],
  ['other chart spec', /\.vl\.json$/],
  ['history.json', /\/history\.json$/],
  ['month file', /\/history\/\d{4}-\d{2}\.json$/],
  ['quest json', /^api\/v1\/quests\/[^/]+\.json$/],
];

export function written(dir, since) {
  const out = new Map();
  const add = (kind, bytes) => {
    const k = out.get(kind) ?? { files: 0, bytes: 0 };
    k.files++;
    k.bytes += bytes;
    out.set(kind, k);
  };
  const walk = (rel) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) {
        const s = statSync(join(dir, r));
        if (s.mtimeMs < since) continue;
        const gz = r.endsWith('.gz');
        const plain = gz ? r.slice(0, -3) : r;
        const kind = KINDS.find(([, re]) => re.test(plain))?.[0] ?? 'other';
        add(gz ? `${kind} (.gz)` : kind, s.size);
        add(gz ? 'TOTAL .gz' : 'TOTAL text', s.size);
      }
    }
  };
  walk('');
  return [...out].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k}: ${v.files} files, ${(v.bytes / 1e6).toFixed(1)} MB`);
}
