// Shape of the survival input of DATE: observations, distinct completion times, censored inside/outside the quest's
// completion range, whether times are whole seconds.   node stats.mjs PKG DB DATE
const [pkg, path, date] = process.argv.slice(2);
const { Db, sqlFile } = await import(`${pkg}/dist/engine/db.js`);
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB' });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
const rows = await db.all(`
WITH o AS (
  SELECT quest_id, bucket,
    CASE WHEN bucket = 'completed'::quest_status THEN completion_seconds
         WHEN bucket = 'accepted'::quest_status THEN epoch(day_end) - accepted_epoch
         ELSE epoch(valid_from) - accepted_epoch END AS t,
    (bucket = 'completed'::quest_status)::INTEGER AS completed
  FROM day_end_pairs WHERE accepted_epoch IS NOT NULL AND bucket <> 'declined'::quest_status),
r AS (SELECT quest_id, min(t) FILTER (completed = 1) lo, max(t) FILTER (completed = 1) hi FROM o GROUP BY ALL)
SELECT count(*)::BIGINT obs, count(*) FILTER (completed = 1)::BIGINT completions,
  count(DISTINCT (o.quest_id, t)) FILTER (completed = 1)::BIGINT distinct_ct,
  count(*) FILTER (completed = 0 AND t > hi)::BIGINT cens_above, count(*) FILTER (completed = 0 AND t < lo)::BIGINT cens_below,
  count(*) FILTER (completed = 0 AND t BETWEEN lo AND hi)::BIGINT cens_inside,
  count(*) FILTER (t <> round(t))::BIGINT frac, any_value(typeof(t)) ty, count(DISTINCT o.quest_id)::BIGINT quests,
  max(t) FILTER (completed=1) maxc, quantile_cont(t, 0.5) FILTER (completed=1) medc, quantile_cont(t,0.5) FILTER (completed=0) medcens
FROM o JOIN r USING (quest_id)`);
console.log(rows);
db.close();
