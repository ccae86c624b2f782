-- Zero-byte files: nothing to read, but each still gets a ledger row (0 lines) so it is not read again.
CREATE OR REPLACE TEMP TABLE ql_stage AS
SELECT NULL::INTEGER AS file_id, NULL::BIGINT AS line, NULL::VARCHAR AS raw, NULL::VARCHAR AS outcome,
  NULL::VARCHAR AS reason, NULL::TIMESTAMP AS ts, NULL::VARCHAR AS player_id, NULL::VARCHAR AS quest_id,
  NULL::quest_status AS status, NULL::VARCHAR AS session_id, NULL::VARCHAR AS build, NULL::VARCHAR AS platform,
  NULL::VARCHAR AS seen_player, NULL::TIMESTAMP AS seen_ts
LIMIT 0;
