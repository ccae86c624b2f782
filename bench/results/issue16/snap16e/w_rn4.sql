CREATE OR REPLACE TEMP TABLE survival_times_v AS
WITH observations AS (
  SELECT
    snapshot_date,
    quest_id,
    CASE
      WHEN bucket = 'completed'::quest_status THEN completion_seconds
      WHEN bucket = 'accepted'::quest_status THEN epoch(day_end) - accepted_epoch
      ELSE epoch(valid_from) - accepted_epoch
    END AS t,
    (bucket = 'completed'::quest_status)::INTEGER AS completed
  FROM day_end_pairs
  WHERE accepted_epoch IS NOT NULL AND bucket <> 'declined'::quest_status
),
ties AS (
  -- Per observation, over its quest from the longest time down, completions after censorings at the same time: its
  -- place k and rank r (the place of the first of its peers in (t, completed)). At the last observation of a time,
  -- n = k is the number at risk (every observation with time >= t) and, when that observation is a completion, its
  -- time's completions are d = k - r + 1 (else d = 0). Plain numbering, no aggregate frames: cheaper than counting
  -- peers with RANGE frames (the form before 2026-12-06) for the same d and n.
  SELECT
    snapshot_date,
    quest_id,
    t,
    completed,
    row_number() OVER down AS k,
    rank() OVER down AS r,
    lead(t) OVER down AS next_t
  FROM observations
  WINDOW down AS (PARTITION BY snapshot_date, quest_id ORDER BY t DESC)
)
SELECT count(*) n, sum(k) k FROM (SELECT row_number() OVER down AS k FROM observations WINDOW down AS (PARTITION BY snapshot_date, quest_id ORDER BY t DESC))