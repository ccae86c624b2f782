-- What each file of the batch contributed; lines_read must equal loaded + rejected + ignored. (FILTER, not count_if:
-- a file with no rows must count 0, not NULL.)
CREATE OR REPLACE TEMP TABLE ql_counts AS
SELECT b.file_id,
  count(s.file_id)::BIGINT AS lines_read,
  count(*) FILTER (WHERE s.outcome = 'event')::BIGINT AS loaded,
  count(*) FILTER (WHERE s.outcome = 'rejected')::BIGINT AS rejected,
  count(*) FILTER (WHERE s.outcome = 'ignored')::BIGINT AS ignored,
  count(*) FILTER (WHERE s.file_id IS NOT NULL AND (s.outcome NOT IN ('event', 'rejected', 'ignored')
    OR s.outcome IS NULL))::BIGINT AS unclassified,
  (count(*) FILTER (WHERE s.outcome = 'event')
    - count(DISTINCT CASE WHEN s.outcome = 'event' THEN hash(s.player_id, s.quest_id, s.status, s.ts) END))::BIGINT
    AS duplicates
FROM ql_batch b LEFT JOIN ql_stage s USING (file_id)
GROUP BY b.file_id;
