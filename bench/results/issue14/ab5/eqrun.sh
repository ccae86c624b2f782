#!/bin/sh
# usage: eqrun.sh SIZE snap ASOF|--backfill TZ [ROSTER] | eqrun.sh SIZE night DAY SHIFT TZ: main's build (A) and this
# branch's (B) compute the same snapshot (../ab4/prof.mjs) or the same nightly (nightly.mjs, CHECK=1 for B) on copies of
# their base databases, then ../ab4/eq.mjs compares the six snapshot tables (EXCEPT ALL both ways).
set -e
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
size=$1; kind=$2
rm -f /tmp/snapinc-eqa.duckdb.wal /tmp/snapinc-eqb.duckdb.wal
cp /tmp/snapinc-$size.duckdb /tmp/snapinc-eqa.duckdb; cp /tmp/snapinc-$size-b.duckdb /tmp/snapinc-eqb.duckdb
echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $*"
if [ "$kind" = night ]; then
  node "$here/nightly.mjs" /work/main/dist /tmp/snapinc-eqa.duckdb "$3" "$4" "$5" | cut -c1-200
  CHECK=1 node "$here/nightly.mjs" "$root/dist" /tmp/snapinc-eqb.duckdb "$3" "$4" "$5" | cut -c1-200
else
  ROSTER=$5 node "$here/../ab4/prof.mjs" /work/main/dist /tmp/snapinc-eqa.duckdb "$3" "$4" | cut -c1-200
  ROSTER=$5 node "$here/../ab4/prof.mjs" "$root/dist" /tmp/snapinc-eqb.duckdb "$3" "$4" | cut -c1-200
fi
node "$here/../ab4/eq.mjs" /tmp/snapinc-eqa.duckdb /tmp/snapinc-eqb.duckdb
rm -f /tmp/snapinc-eqa.duckdb* /tmp/snapinc-eqb.duckdb*
