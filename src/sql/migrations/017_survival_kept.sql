-- Version 17: the survival observations that never move, counted per quest and time (ql_survival_fixed): completions
-- and abandoned or failed attempts, from the open state rows. Kept by the state refresh (survival/kept*.sql) like
-- segment_open: counts subtract exactly, so the rows a refresh closes or recomputes are taken back and its new rows
-- added. A snapshot on a date after every event (the nightly's) reads these rows and groups only the attempts still
-- in progress (censored at its day end) instead of every attempt (survival/risk_kept.sql; issue 15).
CREATE TABLE survival_kept (
  quest_id VARCHAR NOT NULL,
  t DOUBLE NOT NULL,
  completed BIGINT NOT NULL,
  censored BIGINT NOT NULL
);

INSERT INTO survival_kept SELECT * FROM ql_survival_fixed('state_current');
