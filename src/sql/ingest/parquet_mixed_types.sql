-- The columns questlog reads whose Parquet type differs between the batch's files. A batch is read as one table
-- (union_by_name), whose column type is the files' common supertype: a BIGINT player id beside a DOUBLE one became
-- '42.0' (and 9007199254740993 became 9007199254740992.0), so an id's text depended on which files shared its batch.
-- Such a batch takes the exact path, which reads each file alone. From the footers only; names in any case, as the
-- reader matches them. A nested column's children are listed too: one named like a core column can only send its
-- batch there as well.
SELECT lower(name) AS name
FROM parquet_schema($paths)
WHERE lower(name) IN ('ts', 'player_id', 'quest_id', 'status', 'session_id', 'build', 'platform')
GROUP BY lower(name)
HAVING count(DISTINCT concat_ws('|', type, converted_type, scale, precision, logical_type, num_children)) > 1
ORDER BY name;
