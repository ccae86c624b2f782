#!/bin/sh
# usage: eq.sh BASE night DAY SHIFT TZ | eq.sh BASE snap ASOF|--backfill TZ [ROSTER]: main's build (A) and this
# worktree's (B) compute the same nightly (../ab5/nightly.mjs) or snapshot (../ab4/prof.mjs) on copies of BASE, then
# eq.mjs compares the snapshot and kept segment tables (EXCEPT ALL both ways).
set -e
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
base=$1; kind=$2
rm -f /tmp/seg14-eqa.duckdb.wal /tmp/seg14-eqb.duckdb.wal
cp "$base" /tmp/seg14-eqa.duckdb; cp "$base" /tmp/seg14-eqb.duckdb
echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $* B=$(git -C "$root" rev-parse --short HEAD)"
if [ "$kind" = night ]; then
  node "$here/../ab5/nightly.mjs" /work/main/dist /tmp/seg14-eqa.duckdb "$3" "$4" "$5" | cut -c1-160
  node "$here/../ab5/nightly.mjs" "$root/dist" /tmp/seg14-eqb.duckdb "$3" "$4" "$5" | cut -c1-160
else
  ROSTER=$5 node "$here/../ab4/prof.mjs" /work/main/dist /tmp/seg14-eqa.duckdb "$3" "$4" | cut -c1-160
  ROSTER=$5 node "$here/../ab4/prof.mjs" "$root/dist" /tmp/seg14-eqb.duckdb "$3" "$4" | cut -c1-160
fi
node "$here/eq.mjs" /tmp/seg14-eqa.duckdb /tmp/seg14-eqb.duckdb
rm -f /tmp/seg14-eqa.duckdb* /tmp/seg14-eqb.duckdb*
