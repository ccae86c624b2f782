-- Version 7: survival (Kaplan–Meier) times per quest and chain funnels, stored per snapshot date beside `snapshots`
-- (separate tables, so the per-quest row keeps its shape and a snapshot without them still reads).

-- Per (snapshot date, quest): Kaplan–Meier time to complete from the latest acceptance, players still in progress
-- censored at the day end, abandoned and failed attempts at their end (README "Survival times").
CREATE TABLE survival (
  snapshot_date DATE NOT NULL,
  quest_id VARCHAR NOT NULL,
  -- Attempts in the estimate (completions with a time + censored attempts) and how many of them were censored.
  at_risk INTEGER NOT NULL,
  censored INTEGER NOT NULL,
  -- NULL where the curve never falls to 0.5 (0.1 for p90); the median's 95% interval from the log-log Greenwood band.
  survival_median_seconds DOUBLE,
  survival_median_low_seconds DOUBLE,
  survival_median_high_seconds DOUBLE,
  survival_p90_seconds DOUBLE,
  PRIMARY KEY (snapshot_date, quest_id)
);

-- The curve for charts, thinned to the first time it enters each 2-point band of S (≤ 51 points a quest and day).
CREATE TABLE survival_curve (
  snapshot_date DATE NOT NULL,
  quest_id VARCHAR NOT NULL,
  seconds DOUBLE NOT NULL,
  -- Share still not completed after `seconds`, with its 95% log-log band.
  surviving DOUBLE NOT NULL,
  surviving_low DOUBLE NOT NULL,
  surviving_high DOUBLE NOT NULL
);

-- Per (snapshot date, chain, step): the catalogue's chains as funnels (README "Chain funnels").
CREATE TABLE chain_steps (
  snapshot_date DATE NOT NULL,
  chain VARCHAR NOT NULL,
  step INTEGER NOT NULL,
  quest_id VARCHAR NOT NULL,
  players INTEGER NOT NULL,
  reached INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  -- Completed the previous step and never met this one; NULL for the first step.
  dropped INTEGER,
  median_gap_seconds DOUBLE,
  conversion_rate DOUBLE,
  conversion_rate_low DOUBLE,
  conversion_rate_high DOUBLE,
  PRIMARY KEY (snapshot_date, chain, step)
);
