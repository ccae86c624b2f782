-- The generator's knobs as one row, so every later step reads bound values instead of pasted ones.
CREATE OR REPLACE TABLE demo_params AS
SELECT
  $seed::UBIGINT AS seed,
  $players::INTEGER AS players,
  $quests::INTEGER AS quests,
  $unknown_quests::INTEGER AS unknown_quests,
  $unreleased_quests::INTEGER AS unreleased_quests,
  $mean_quests::DOUBLE AS mean_quests,
  $min_events::INTEGER AS min_events,
  $max_events::INTEGER AS max_events,
  $start::TIMESTAMP AS start_ts,
  $days::INTEGER AS days,
  $chain_length::INTEGER AS chain_length,
  $spread::BOOLEAN AS spread,
  $idle::DOUBLE AS idle,
  $seed_only::BOOLEAN AS seed_only,
  $shards::INTEGER AS shards,
  -- Storyline = catalogue quests players can meet, then ids the catalogue does not know.
  ($quests + $unknown_quests)::INTEGER AS storyline,
  $start::TIMESTAMP + to_days($days::INTEGER) AS end_ts;
