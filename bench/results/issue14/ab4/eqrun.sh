#!/bin/sh
# usage: eqrun.sh SIZE ASOF|--backfill TZ [ROSTER]: main's build (A) and this branch's (B) compute the same snapshot on
# copies of one database (B's copy migrated first), then eq.mjs compares the tables (EXCEPT ALL both ways).
set -e
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
size=$1; asof=$2; tz=$3; roster=$4
cp /tmp/segagg-$size.duckdb /tmp/segagg-eqa.duckdb; cp /tmp/segagg-$size-b.duckdb /tmp/segagg-eqb.duckdb
ROSTER=$roster node "$here/prof.mjs" /work/main/dist /tmp/segagg-eqa.duckdb "$asof" "$tz"
ROSTER=$roster node "$here/prof.mjs" "$root/dist" /tmp/segagg-eqb.duckdb "$asof" "$tz"
node "$here/eq.mjs" /tmp/segagg-eqa.duckdb /tmp/segagg-eqb.duckdb
rm -f /tmp/segagg-eqa.duckdb /tmp/segagg-eqb.duckdb
