import { open } from '/work/wt/ux12/dist/notebook.js';
const out = [];
const sink = (b) => out.push(b);
const db = process.argv[2];
const ql = await open(db, { display: sink });
const questId = process.argv[3] ?? 'FET0001';
async function step(name, fn) {
  const n = out.length;
  try { const r = await fn(); console.log(`\n## ${name}: ok${r !== undefined ? ' returned ' + JSON.stringify(r).slice(0, 300) : ''}`); }
  catch (e) { console.log(`\n## ${name}: THREW ${e?.constructor?.name}: ${e?.message}${e?.hint ? ' | hint: ' + e.hint : ''}`); }
  for (const b of out.slice(n)) {
    const keys = Object.keys(b);
    console.log('  mimes:', keys.join(', '));
    const t = b['text/plain'];
    if (typeof t === 'string') console.log(t.split('\n').slice(0, 8).map((l) => '  | ' + l.slice(0, 220)).join('\n'), t.split('\n').length > 8 ? `\n  | ... (${t.split('\n').length} lines) last: ${t.split('\n').at(-1)}` : '');
    const h = b['text/html'];
    if (typeof h === 'string') console.log('  html bytes', h.length, 'svg?', h.includes('<svg'));
  }
}
await step('sql', () => ql.sql`SELECT * FROM snapshots WHERE quest_id = ${questId}`);
await step('rows', async () => (await ql.rows`SELECT quest_id, completed, median_seconds, players FROM snapshots WHERE quest_id = ${questId} ORDER BY snapshot_date LIMIT 2`));
await step('toCSV', () => ql.toCSV('/work/ux12/nb/out/q.csv')`SELECT * FROM snapshots WHERE quest_id = ${questId}`);
await step('toParquet', () => ql.toParquet('/work/ux12/nb/out/q.parquet')`SELECT * FROM snapshots`);
await step('toArrow', async () => (await ql.toArrow`SELECT quest_id, completed, snapshot_date FROM snapshots LIMIT 3`).numRows);
await step('stats date', () => ql.stats('2026-11-20'));
await step('stats', () => ql.stats());
await step('snapshot', async () => (await ql.snapshot()).meta);
await step('stats by platform', () => ql.stats({ by: 'platform' }));
await step('chart segments', () => ql.chart('segments', { quest: questId, by: 'build' }));
await step('history', () => ql.history(questId));
await step('questHistory', async () => (await ql.questHistory(questId)).length);
for (const k of ['buckets', 'conversion', 'completion', 'times', 'trend']) await step('chart ' + k, () => ql.chart(k));
for (const k of ['funnel', 'status', 'histogram', 'survival', 'trend']) await step('chart ' + k + ' quest', () => ql.chart(k, { quest: questId }));
await step('chart chain', () => ql.chart('chain', { chain: process.argv[4] ?? 'Greenvale' }));
await step('coverage', () => ql.coverage());
// wrong ids
await step('history wrong', () => ql.history('NOPE'));
for (const k of ['funnel', 'status', 'histogram', 'survival', 'trend', 'segments']) await step('chart ' + k + ' wrong quest', () => ql.chart(k, { quest: 'NOPE', by: 'build' }));
await step('chart chain wrong', () => ql.chart('chain', { chain: 'Nowhere' }));
await step('chart funnel no quest', () => ql.chart('funnel'));
await step('chart bogus kind', () => ql.chart('pie'));
await step('stats wrong date', () => ql.stats('2020-01-01'));
await step('stats bad date', () => ql.stats('yesterday'));
await step('stats by bogus', () => ql.stats({ by: 'region' }));
await step('stats by quest wrong', () => ql.stats({ by: 'build', quest: 'NOPE' }));
await step('segments wrong', () => ql.segments({ by: 'build', quest: 'NOPE' }));
await step('snapshot wrong date', () => ql.snapshot('2020-01-01'));
await step('coverage wrong date', () => ql.coverage('2020-01-01'));
ql.close();
