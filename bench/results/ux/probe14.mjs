// Round 14: typos and odd options an analyst types, through the notebook facade with a recording sink.
// node probe14.mjs DIST_NOTEBOOK_JS DB
const { open } = await import(process.argv[2]);
const out = [];
const ql = await open(process.argv[3], { display: (b) => out.push(b) });
async function step(name, fn) {
  const n = out.length;
  try {
    const r = await fn();
    console.log(`## ${name}: ok${r !== undefined ? ` returned ${JSON.stringify(r).slice(0, 200)}` : ''}`);
  } catch (e) {
    console.log(`## ${name}: THREW ${e?.constructor?.name}: ${e?.message}${e?.hint ? ` | hint: ${e.hint}` : ''}`);
  }
  for (const b of out.slice(n)) {
    const t = b['text/plain'];
    if (typeof t === 'string') console.log(t.split('\n').slice(0, 4).map((l) => `  | ${l.slice(0, 200)}`).join('\n'));
  }
}
const Q = 'FET0001';
await step('history typo FET001', () => ql.history('FET001'));
await step('history lower case', () => ql.history('fet0001'));
await step('chart funnel typo', () => ql.chart('funnel', { quest: 'FET001' }));
await step('chart trend typo', () => ql.chart('trend', { quest: 'FET001' }));
await step('chart survival typo', () => ql.chart('survival', { quest: 'FET001' }));
await step('chart histogram typo', () => ql.chart('histogram', { quest: 'FET001' }));
await step('chart status typo', () => ql.chart('status', { quest: 'FET001' }));
await step('stats by typo platfrom', () => ql.stats({ by: 'platfrom' }));
await step('stats by Platform', () => ql.stats({ by: 'Platform' }));
await step('segments by typo', () => ql.segments({ by: 'biuld' }));
await step('segments quest typo', () => ql.segments({ by: 'build', quest: 'FET001' }));
await step('chart segments by typo', () => ql.chart('segments', { quest: Q, by: 'buidl' }));
await step('chart segments quest typo', () => ql.chart('segments', { quest: 'FET001', by: 'build' }));
await step('chart chain lower', () => ql.chart('chain', { chain: 'greenvale' }));
await step('chart kind typo', () => ql.chart('bukets'));
await step('questHistory typo', async () => (await ql.questHistory('FET001')).length);
await step('stats limit 0', () => ql.stats({ limit: 0 }));
await step('stats limit -1', () => ql.stats({ limit: -1 }));
await step('stats limit 2.5', () => ql.stats({ limit: 2.5 }));
await step('stats minPlayers -1 by', () => ql.stats({ by: 'build', minPlayers: -1 }));
await step('stats date 2026-11-31', () => ql.stats('2026-11-31'));
await step('stats date object typo', () => ql.stats({ data: '2026-11-20' }));
await step('chart limit 0', () => ql.chart('buckets', { limit: 0 }));
await step('chart date future', () => ql.chart('buckets', { date: '2027-01-01' }));
await step('snapshot date typo', () => ql.snapshot('2026-11-2'));
await step('sql error', () => ql.sql`SELECT * FROM snapshot`);
await step('sql column typo', () => ql.sql`SELECT quest_idd FROM snapshots`);
await step('rows types', async () => (await ql.rows`SELECT snapshot_date, completed, conversion_rate, median_seconds, computed_at FROM snapshots LIMIT 1`)[0]);
await step('sql dates shown', () => ql.sql`SELECT snapshot_date, computed_at, data_through FROM snapshot_meta ORDER BY 1 LIMIT 2`);
await step('history shown', () => ql.history(Q));
await step('coverage', () => ql.coverage());
await step('stats by build', () => ql.stats({ by: 'build', quest: Q }));
ql.close();
