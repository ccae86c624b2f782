-- What one file contributed; lines_read must equal loaded + rejected + ignored.
SELECT
  count(*)::BIGINT AS lines_read,
  count_if(outcome = 'event')::BIGINT AS loaded,
  count_if(outcome = 'rejected')::BIGINT AS rejected,
  count_if(outcome = 'ignored')::BIGINT AS ignored,
  count_if(outcome NOT IN ('event', 'rejected', 'ignored') OR outcome IS NULL)::BIGINT AS unclassified,
  (count_if(outcome = 'event')
    - count(DISTINCT CASE WHEN outcome = 'event' THEN hash(player_id, quest_id, status, ts) END))::BIGINT AS duplicates
FROM ql_stage;
