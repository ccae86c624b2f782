-- Version 17: a kept segment quantile row (segment_quantiles, migration 016) also keeps its group's completion times
-- (`times`, in no order). Most nights only add completions to a group (new players, continued ones): the state
-- refresh then appends the new times and takes the quantiles over the list (state/quantiles_gone.sql) instead of
-- deleting the row, so the next snapshot does not find and group the group's completed rows again
-- (segments/quantiles_kept.sql): the nightly's platform groups, nearly all changed every night, cost a scan and a
-- grouping of most completed rows (issue 14). quantile_cont over a list gives the same doubles as over the rows (the
-- same aggregate). Rows kept before this version, and the per-quest ('overall') rows, have no times: they go when
-- their group changes, as before.
ALTER TABLE segment_quantiles ADD COLUMN times DOUBLE[];
