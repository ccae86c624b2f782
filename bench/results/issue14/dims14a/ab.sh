#!/bin/bash
# Round 9 (dims14a): ingest of the mapped CSV from gen.mjs into a new database, without (A: plain.json) and with
# (B: dims.json) the source's `dimensions`, alternating A,B,... REPS times; process CPU and wall per run, the load
# before each. Usage: ab.sh DATA_DIR REPS [CLI]   (CLI: path to dist/cli.js, default this worktree's)
set -u
data=$1; reps=${2:-5}; cli=${3:-$(cd "$(dirname "$0")/../../../.." && pwd)/dist/cli.js}
for r in $(seq 1 "$reps"); do
  for v in plain dims; do
    db="$data/run-$v-$r.duckdb"; rm -f "$db" "$db.wal"; rm -rf "$db.tmp"
    load=$(cut -d' ' -f1 /proc/loadavg)
    t=$( { /usr/bin/time -f '%e %U %S %M' node "$cli" --config "$data/$v.json" --db "$db" ingest --source mygame >/dev/null; } 2>&1 | tail -1)
    set -- $t
    n=$(node -e "const {DuckDBInstance}=require('@duckdb/node-api');(async()=>{const c=await(await DuckDBInstance.create('$db',{access_mode:'READ_ONLY'})).connect();const r=await c.runAndReadAll('SELECT (SELECT count(*) FROM events)::INTEGER, (SELECT count(*) FROM event_dimensions)::INTEGER');console.log(r.getRows()[0].join(' '))})()")
    printf '%s rep %d load %s wall %s s cpu %.2f s (user %s sys %s) maxrss %s KB events+dims %s\n' "$v" "$r" "$load" "$1" "$(echo "$2 + $3" | bc)" "$2" "$3" "$4" "$n"
    rm -f "$db" "$db.wal"; rm -rf "$db.tmp"
  done
done
