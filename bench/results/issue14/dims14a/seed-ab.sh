#!/bin/bash
# Round 9 (dims14a): `ingest data/sample/logs` (544 seed session files, the exact path's raw-lines read) into a new
# database, alternating this worktree's dist and BASE's, REPS times; process CPU. Usage: seed-ab.sh BASE_DIST REPS OUT_DIR
base=$1; reps=${2:-3}; out=$3; here=$(cd "$(dirname "$0")/../../../.." && pwd)
for r in $(seq 1 "$reps"); do
  for v in base branch; do
    cli=$([ "$v" = base ] && echo "$base/cli.js" || echo "$here/dist/cli.js")
    db="$out/seed-$v.duckdb"; rm -f "$db" "$db.wal"
    load=$(cut -d' ' -f1 /proc/loadavg)
    t=$( { /usr/bin/time -f '%e %U %S' node "$cli" --db "$db" ingest "$here/data/sample/logs" >/dev/null; } 2>&1 | tail -1)
    set -- $t
    printf '%s rep %d load %s wall %s s cpu %.2f s\n' "$v" "$r" "$load" "$1" "$(echo "$2 + $3" | bc)"
    rm -f "$db" "$db.wal"
  done
done
