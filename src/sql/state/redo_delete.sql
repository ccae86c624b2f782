-- The recomputed players' intervals and current rows go before their new ones are written.
DELETE FROM state_intervals WHERE player_id IN (SELECT player_id FROM state_redo);
DELETE FROM state_current WHERE player_id IN (SELECT player_id FROM state_redo);
