-- Replaces the catalogue with the staged, validated rows.
DELETE FROM catalogue;
INSERT INTO catalogue
SELECT quest_id, name, chain, sort_order::INTEGER
FROM catalogue_staged
ORDER BY line;
