-- The roster file as the players the figures count (its path is pasted where the read says so, db.ts withPath).
CREATE OR REPLACE TEMP TABLE snapshot_roster AS
-- NFC and trimmed as ingest stores player ids (ql_trim_ws, README "Ingest rules"), or a roster typed in NFD or with
-- tabs around its ids would match nobody. The delimiter is the comma (README "roster"): sniffed, a tab in an id of a
-- one-column roster was taken for the delimiter and the file failed ("player_id not found").
SELECT DISTINCT ql_trim_ws(nfc_normalize(player_id)) AS player_id
FROM read_csv({path}, header = true, all_varchar = true, delim = ',')
WHERE ql_trim_ws(player_id) <> '';
