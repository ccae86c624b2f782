-- Which calendar months each quest has stored snapshot rows in, up to $date (the month files it gets), as one
-- 'YYYY-MM,YYYY-MM,…' list per quest, oldest first. A quest with a row on every stored date from its first to its last
-- (rows are unique per date and quest) has rows in exactly the months of those dates, so its list comes from its first
-- and last date and three aggregates (one list per distinct span), not from (quest, month) pairs built from every
-- row. `months` is null for a quest with a gap in its dates: quest_months_exact.sql lists those.
WITH dates AS MATERIALIZED (
  SELECT snapshot_date, row_number() OVER (ORDER BY snapshot_date) AS k
  FROM (SELECT DISTINCT snapshot_date FROM snapshots WHERE snapshot_date <= $date::DATE)
),
months AS (
  SELECT DISTINCT date_trunc('month', snapshot_date)::DATE AS month FROM dates
),
spans AS MATERIALIZED (
  SELECT q.quest_id, date_trunc('month', q.first)::DATE AS first, q.last, q.n = l.k - f.k + 1 AS dense
  FROM (
    SELECT quest_id, min(snapshot_date) AS first, max(snapshot_date) AS last, count(*) AS n
    FROM snapshots
    WHERE snapshot_date <= $date::DATE
    GROUP BY quest_id
  ) q
  JOIN dates f ON f.snapshot_date = q.first
  JOIN dates l ON l.snapshot_date = q.last
),
lists AS (
  SELECT s.first, s.last, string_agg(strftime(m.month, '%Y-%m'), ',' ORDER BY m.month) AS months
  FROM (SELECT DISTINCT first, last FROM spans WHERE dense) s
  JOIN months m ON m.month BETWEEN s.first AND s.last
  GROUP BY ALL
)
SELECT s.quest_id, l.months
FROM spans s
LEFT JOIN lists l ON s.dense AND l.first = s.first AND l.last = s.last
ORDER BY s.quest_id;
