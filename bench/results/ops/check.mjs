// usage: node check.mjs DB -> JSON digest of what must equal between a killed-and-rerun DB and a clean one
import { createHash } from 'node:crypto';
import { Db } from '../../../dist/engine/db.js';
const db = await Db.open(process.argv[2], { readOnly: true });
const h = (rows) => createHash('sha256').update(JSON.stringify(rows, (k, v) => typeof v === 'bigint' ? String(v) : v)).digest('hex').slice(0, 12);
const cols = async (t) => (await db.all(`SELECT column_name FROM information_schema.columns WHERE table_name = '${t}' AND column_name NOT IN ('computed_at','loaded_at','file_id','applied_at','refreshed_at','id','refresh') ORDER BY column_name`)).map(r => `"${r.column_name}"`).join(',');
const out = {};
out.events = (await db.one('SELECT count(*)::INTEGER n FROM events')).n;
out.ledgerBad = (await db.one('SELECT count(*)::INTEGER n FROM files WHERE lines_read <> loaded + rejected + ignored')).n;
out.files = (await db.one("SELECT count(*)::INTEGER n, count(DISTINCT path)::INTEGER d FROM files")).n;
for (const t of ['snapshots', 'state_current', 'state_intervals', 'segment_snapshots', 'quest_state', 'survival', 'chain_steps', 'snapshot_histograms']) {
  const w = t === 'state_intervals' ? ' WHERE valid_to IS NOT NULL' : '';
  try { const c = await cols(t); out[t] = h(await db.all(`SELECT ${c} FROM ${t}${w} ORDER BY ALL`)); } catch (e) { out[t] = 'ERR ' + e.message.slice(0, 60); }
}
out.runs = (await db.all("SELECT job, outcome, exit_code FROM runs ORDER BY started_at")).map(r => `${r.job}:${r.outcome}:${r.exit_code}`).join(' ');
db.close();
console.log(JSON.stringify(out));
