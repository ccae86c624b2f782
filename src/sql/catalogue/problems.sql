-- Rows of the staged catalogue (temp table catalogue_staged) that cannot be loaded, first problem first.
WITH numbered AS (
  SELECT *, row_number() OVER (PARTITION BY quest_id ORDER BY line) AS nth FROM catalogue_staged
)
SELECT line, reason
FROM (
  SELECT line, 'empty id' AS reason FROM numbered WHERE quest_id IS NULL
  UNION ALL
  SELECT line, 'empty name for ' || quest_id FROM numbered WHERE quest_id IS NOT NULL AND name IS NULL
  UNION ALL
  SELECT line, 'duplicate id ' || quest_id FROM numbered WHERE quest_id IS NOT NULL AND nth > 1
  UNION ALL
  SELECT line, 'id longer than ' || $max_id || ' characters (' || length(quest_id) || ')'
  FROM numbered WHERE length(quest_id) > $max_id
  UNION ALL
  -- Control characters (terminal escapes among them) never reach a report or a terminal as an id.
  SELECT line, 'id contains a control character'
  FROM numbered WHERE regexp_matches(quest_id, '[\x00-\x1f\x7f\x{80}-\x{9f}]')
  UNION ALL
  SELECT line, 'order is not an integer: ' || sort_order
  FROM numbered
  WHERE sort_order IS NOT NULL AND try_cast(sort_order AS INTEGER) IS NULL
)
ORDER BY line, reason;
