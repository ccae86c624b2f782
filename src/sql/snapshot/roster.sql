-- The roster file as the players the figures count (its path is pasted where the read says so, db.ts withPath).
CREATE OR REPLACE TEMP TABLE snapshot_roster AS
-- NFC as ingest stores player ids, or a roster typed in NFD would match nobody.
SELECT DISTINCT trim(nfc_normalize(player_id)) AS player_id
FROM read_csv({path}, header = true, all_varchar = true)
WHERE nullif(trim(player_id), '') IS NOT NULL;
