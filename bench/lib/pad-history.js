// Pads a questlog database's snapshot history back in time to `days` snapshot dates, so the nightly's publish can be
// measured on a year of history without a year of events (a 365-day backfill at 100M would take hours). The dates
// added before the first stored one copy the latest date's figures (full-size rows, the heavier case), each day moving
// a few completions to `accepted` (buckets still add up) so every date's rows differ, as a live game's do; the rates
// and their intervals are recomputed by the macro the snapshot computation uses. Only `snapshots` and `snapshot_runs`
// get rows: a publish reads histograms, survival and chains for its own date only.

/**
 * Adds snapshot dates before the first stored one until there are `days`, or drops the oldest when there are more
 * (a 30-day history from a 45-day data set); returns how many dates were added (negative: dropped).
 */
export async function padHistory(db, days) {
  const stored = await db.one(
    'SELECT count(*)::INTEGER AS n, min(snapshot_date)::VARCHAR AS first, max(snapshot_date)::VARCHAR AS last FROM snapshot_runs',
  );
  const add = days - (stored?.n ?? 0);
  if (!stored?.n || add === 0) return 0;
  if (add < 0) {
    const keep = await db.one(
      'SELECT min(snapshot_date)::VARCHAR AS d FROM (SELECT snapshot_date FROM snapshot_runs ORDER BY snapshot_date DESC LIMIT $days)',
      { days },
    );
    for (const table of ['snapshots', 'snapshot_runs'])
      await db.run(`DELETE FROM "${table}" WHERE snapshot_date < CAST($d AS DATE)`, { d: keep.d });
    return add;
  }
  const params = { add, first: stored.first, last: stored.last };
  await db.run(
    `INSERT INTO snapshot_runs
     SELECT CAST($first AS DATE) - k::INTEGER, computed_at - to_days((k + (CAST($last AS DATE) - CAST($first AS DATE)))::INTEGER), players,
            events, data_through - to_days((k + (CAST($last AS DATE) - CAST($first AS DATE)))::INTEGER),
            day_end - to_days((k + (CAST($last AS DATE) - CAST($first AS DATE)))::INTEGER), timezone
     FROM snapshot_runs, range(1, $add + 1) t(k)
     WHERE snapshot_date = CAST($last AS DATE)
     ORDER BY k`,
    params,
  );
  await db.run(
    `INSERT INTO snapshots (snapshot_date, quest_id, players, accepted, declined, completed, abandoned, failed,
       not_encountered, completion_rate, mean_seconds, min_seconds, max_seconds, median_seconds, p90_seconds,
       mean_attempts, anomalies)
     SELECT CAST($first AS DATE) - k::INTEGER, quest_id, players, accepted + shift, declined, completed - shift, abandoned, failed,
            not_encountered, CASE WHEN players > 0 THEN (completed - shift) / players END, mean_seconds, min_seconds,
            max_seconds, median_seconds, p90_seconds, mean_attempts, anomalies
     FROM snapshots, range(1, $add + 1) t(k),
          LATERAL (SELECT ((k + (hash(quest_id) % 7)::INTEGER) % (completed + 1))::INTEGER AS shift)
     WHERE snapshot_date = CAST($last AS DATE)
     ORDER BY k, quest_id`,
    params,
  );
  await db.run(
    `UPDATE snapshots SET
       completion_rate_low = r.completion_rate_low, completion_rate_high = r.completion_rate_high,
       reach_rate = r.reach_rate, reach_rate_low = r.reach_rate_low, reach_rate_high = r.reach_rate_high,
       conversion_rate = r.conversion_rate, conversion_rate_low = r.conversion_rate_low,
       conversion_rate_high = r.conversion_rate_high
     FROM (SELECT snapshot_date, quest_id, unnest(ql_rates(players, players - not_encountered, completed))
           FROM snapshots WHERE snapshot_date < CAST($first AS DATE)) r
     WHERE snapshots.snapshot_date = r.snapshot_date AND snapshots.quest_id = r.quest_id`,
    { first: stored.first },
  );
  return add;
}
