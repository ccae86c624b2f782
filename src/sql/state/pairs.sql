-- Merges each (player, quest)'s first event in the files after $after into pair_first (all files when $after is below
-- every id): new pairs, and pairs whose first event came in a late file. Ties at the same instant go to the earlier
-- file and line, as a rebuild picks them (ql_pair_first_events, state/macros.sql). One pass over the new events, one
-- join with pair_first (one row per pair).
CREATE OR REPLACE TEMP TABLE state_pairs AS
FROM ql_pair_first_events($after);
