-- The staged rows of the batch's clean files into events under each file's ledger id and true line number.
INSERT INTO events
SELECT f.file_id, r.rowid - f.first + 1 + f.header, r.ts, r.player_id, r.quest_id, r.status, r.session_id, r.build,
  r.platform
FROM ql_read r JOIN ql_first f ON f.idx = r.idx AND f.clean;
