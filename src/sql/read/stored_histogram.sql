-- A stored completion-time histogram ($date, $bins; see migration 009), as the same rows completion_histogram.sql
-- computes from the local state: every bin listed, a quest whose completers all took the same time in one bin [t, t].
WITH bins AS (
  SELECT h.quest_id, h.lo, h.hi, i, h.counts[i + 1] AS n
  FROM snapshot_histograms h CROSS JOIN (SELECT unnest(range($bins::BIGINT)) AS i)
  WHERE h.snapshot_date = $date::DATE AND h.bins = $bins AND (h.hi > h.lo OR i = 0)
)
SELECT
  b.quest_id,
  CASE WHEN b.hi = b.lo THEN b.lo ELSE b.lo + (b.hi - b.lo) * b.i / $bins::BIGINT END AS bin_start,
  CASE WHEN b.hi = b.lo THEN b.hi ELSE b.lo + (b.hi - b.lo) * (b.i + 1) / $bins::BIGINT END AS bin_end,
  coalesce(b.n, 0)::INTEGER AS players
FROM bins b
LEFT JOIN catalogue cat ON cat.quest_id = b.quest_id
ORDER BY cat.sort_order NULLS LAST, b.quest_id, b.i;
