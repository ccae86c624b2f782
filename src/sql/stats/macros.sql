-- Statistical rules shared by every figure that carries uncertainty (snapshots, segments, chains, changes), written
-- once as temp macros. Loaded on every connection by Db.open, so notebooks can call them too.

-- 95% Wilson score interval for k successes out of n (Wilson 1927): unlike the plain k/n ± 1.96·se it stays
-- inside [0, 1] and is honest for small n and for rates near 0 or 1. NULL when n = 0 (no rate exists).
-- z = 1.959963984540054 (the 97.5th percentile of the standard normal). The bounds at k = 0 and k = n are exactly
-- 0 and 1 (the formula gives them up to rounding).
CREATE OR REPLACE TEMP MACRO ql_wilson_low(k, n) AS CASE WHEN n > 0 AND k <= 0 THEN 0.0 WHEN n > 0 THEN greatest(0.0,
  ((k::DOUBLE / n) + 1.959963984540054 ^ 2 / (2 * n)
   - 1.959963984540054 * sqrt((k::DOUBLE / n) * (1 - k::DOUBLE / n) / n + 1.959963984540054 ^ 2 / (4.0 * n * n)))
  / (1 + 1.959963984540054 ^ 2 / n)) END;

CREATE OR REPLACE TEMP MACRO ql_wilson_high(k, n) AS CASE WHEN n > 0 AND k >= n THEN 1.0 WHEN n > 0 THEN least(1.0,
  ((k::DOUBLE / n) + 1.959963984540054 ^ 2 / (2 * n)
   + 1.959963984540054 * sqrt((k::DOUBLE / n) * (1 - k::DOUBLE / n) / n + 1.959963984540054 ^ 2 / (4.0 * n * n)))
  / (1 + 1.959963984540054 ^ 2 / n)) END;

-- Completion times summed exactly: a time is whole microseconds (two timestamps apart) held as DOUBLE seconds, so
-- DECIMAL(18,6) gets it back exactly and a sum of DECIMALs is the same whatever the order of its terms. A DOUBLE sum
-- depends on the order parallel threads add in (the same log in two fresh databases gave 19.5795 and
-- 19.579500000000003), and kept sums merged night after night would drift from a full rebuild's. ql_mean_seconds is
-- the one way every mean time is computed from such a sum, so a mean from kept sums and one from the rows agree.
CREATE OR REPLACE TEMP MACRO ql_seconds_sum(seconds) AS sum(seconds::DECIMAL(18, 6))::DECIMAL(38, 6);

CREATE OR REPLACE TEMP MACRO ql_mean_seconds(total, n) AS CASE WHEN n > 0 THEN total::DOUBLE / n END;

-- Two-proportion z statistic (pooled) for k1/n1 against k2/n2; NULL when either n is 0 or the pooled rate is 0 or 1.
-- |z| > 1.959963984540054 means the rates differ at the 5% level.
CREATE OR REPLACE TEMP MACRO ql_two_prop_z(k1, n1, k2, n2) AS CASE
  WHEN n1 > 0 AND n2 > 0 AND (k1 + k2) > 0 AND (k1 + k2) < (n1 + n2) THEN
    (k1::DOUBLE / n1 - k2::DOUBLE / n2)
    / sqrt(((k1 + k2)::DOUBLE / (n1 + n2)) * (1 - (k1 + k2)::DOUBLE / (n1 + n2)) * (1.0 / n1 + 1.0 / n2)) END;

-- A quest's three rates from its counts (per quest, per segment value, per chain step alike), each with its 95%
-- Wilson interval. completion = completed / players mostly says how far into the story a quest sits; reach =
-- encountered / players says how many it gets to; conversion = completed / encountered says how those who met it
-- fare, so it is what ranks and compares quests. NULL where the denominator is 0 (no players, or nobody met it).
-- One struct, so every caller gets the same nine fields: `unnest(ql_rates(...))` spreads them into columns.
CREATE OR REPLACE TEMP MACRO ql_rates(players, encountered, completed) AS {
  'completion_rate': CASE WHEN players > 0 THEN completed::DOUBLE / players END,
  'completion_rate_low': ql_wilson_low(completed, players),
  'completion_rate_high': ql_wilson_high(completed, players),
  'reach_rate': CASE WHEN players > 0 THEN encountered::DOUBLE / players END,
  'reach_rate_low': ql_wilson_low(encountered, players),
  'reach_rate_high': ql_wilson_high(encountered, players),
  'conversion_rate': CASE WHEN encountered > 0 THEN completed::DOUBLE / encountered END,
  'conversion_rate_low': ql_wilson_low(completed, encountered),
  'conversion_rate_high': ql_wilson_high(completed, encountered)
};

-- Whether a rate k1/n1 moved from k2/n2: the two-proportion z beyond ±1.959963984540054 (5% level). The one rule
-- for "a rate changed" (changes, alerts); false when no z exists (a denominator of 0, or a pooled rate of 0 or 1).
CREATE OR REPLACE TEMP MACRO ql_rate_moved(k1, n1, k2, n2) AS
  coalesce(abs(ql_two_prop_z(k1, n1, k2, n2)) > 1.959963984540054, false);

-- The key a first sighting's cohort (its ISO week in the snapshot's zone) is kept under when the zone is not known
-- yet (segment_completed, written by the state refresh): a sighting more than 14 hours from a Monday 00:00 UTC is in
-- the same week in every zone (offsets run from -12 to +14 hours), so it is kept as that week's middle (Thursday
-- 12:00 UTC); one nearer is kept as its quarter hour (local midnights fall on quarter hours). Either converts to the
-- cohort exactly: strftime(timezone(zone, key), '%G-W%V').
CREATE OR REPLACE TEMP MACRO ql_cohort_key(seen) AS CASE
  WHEN seen - date_trunc('week', seen) >= INTERVAL 14 HOUR
    AND date_trunc('week', seen) + INTERVAL 7 DAY - seen > INTERVAL 14 HOUR
  THEN date_trunc('week', seen) + INTERVAL 84 HOUR
  ELSE time_bucket(INTERVAL 15 MINUTE, seen)
END;

-- The completed state rows of `input` (a table or view with state_current's columns) summed per quest and segment
-- value: what segment_completed keeps and a snapshot's segment pass reads (segments/snapshot_day.sql). One row per
-- (quest, dimension, value): `build` and `platform` are the pair's values, `own_build` and `own_platform` the
-- player's own, `cohort` is the player's cohort key (cohort_key; value NULL). Sums, not averages (exact ones:
-- ql_seconds_sum), so kept rows merge exactly; the quantiles need the times themselves and are not kept.
CREATE OR REPLACE TEMP MACRO ql_completed_sums(input) AS TABLE
SELECT
  quest_id, dimension, value, cohort_key,
  count(*) AS completed,
  count(completion_seconds) AS seconds_n,
  coalesce(ql_seconds_sum(completion_seconds), 0)::DECIMAL(38, 6) AS seconds_sum,
  min(completion_seconds) AS seconds_min,
  max(completion_seconds) AS seconds_max,
  sum(attempts)::BIGINT AS attempts_sum,
  count(*) FILTER (WHERE anomaly) AS anomalies,
  max(valid_from) AS last_from
FROM (
  SELECT quest_id, completion_seconds, attempts, anomaly, valid_from,
    unnest(['build', 'platform', 'own_build', 'own_platform', 'cohort']) AS dimension,
    unnest([pair_build, pair_platform, own_build, own_platform, NULL]) AS value,
    unnest([NULL, NULL, NULL, NULL, ql_cohort_key(seen)]) AS cohort_key
  FROM query_table(input)
  WHERE bucket = 'completed'::quest_status
)
GROUP BY ALL;

-- The open state rows of `input` other than completed (those are ql_completed_sums') counted per quest, segment value
-- and bucket: what segment_open keeps (migration 016) and a snapshot reads on a date after every event. Same
-- dimensions and cohort key as ql_completed_sums; the player's own values (own_build, own_platform) without a bucket
-- (a snapshot only needs how many of a value's players met the quest). Counts, so the refresh adds and takes back
-- rows exactly. The per-quest figures are the `build` rows summed (every row has one pair build, NULL included).
CREATE OR REPLACE TEMP MACRO ql_open_counts(input) AS TABLE
SELECT quest_id, dimension, value, cohort_key, b AS bucket, count(*) AS n
FROM (
  SELECT quest_id,
    unnest(['build', 'platform', 'own_build', 'own_platform', 'cohort']) AS dimension,
    unnest([pair_build, pair_platform, own_build, own_platform, NULL]) AS value,
    unnest([NULL, NULL, NULL, NULL, ql_cohort_key(seen)]) AS cohort_key,
    unnest([bucket, bucket, NULL, NULL, bucket]) AS b
  FROM query_table(input)
  WHERE bucket <> 'completed'::quest_status
)
GROUP BY ALL;
