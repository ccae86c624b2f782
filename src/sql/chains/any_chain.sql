-- Whether the catalogue has any chain (without one there is no funnel row to store).
SELECT EXISTS (FROM chain_quests) AS any;
