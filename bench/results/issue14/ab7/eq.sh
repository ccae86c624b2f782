#!/bin/sh
# usage: eq.sh BASE night DAY SHIFT TZ | eq.sh BASE snap ASOF|--backfill TZ [ROSTER]: the baseline build (A: $A_DIST,
# default /work/wt/seg14b-base/dist, a detached worktree at main) and this worktree's (B) compute the same nightly
# (../ab5/nightly.mjs, CHECK=1: the kept tables against sums over the state) or snapshot (../ab4/prof.mjs) on copies
# of BASE, then ../ab6/eq.mjs compares the snapshot and kept segment tables (EXCEPT ALL both ways) and qcheck.mjs
# each database's kept quantiles with the same groups' computed afresh.
set -e
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
adist=${A_DIST:-/work/wt/seg14b-base/dist}
base=$1; kind=$2; a=/tmp/seg14b/eqa.duckdb; b=/tmp/seg14b/eqb.duckdb
rm -f $a.wal $b.wal
cp "$base" $a; cp "$base" $b
echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $* B=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo +dirty)"
if [ "$kind" = night ]; then
  CHECK=1 node "$here/../ab5/nightly.mjs" "$adist" $a "$3" "$4" "$5" | cut -c1-200
  CHECK=1 node "$here/../ab5/nightly.mjs" "$root/dist" $b "$3" "$4" "$5" | cut -c1-200
else
  ROSTER=$5 node "$here/../ab4/prof.mjs" "$adist" $a "$3" "$4" | cut -c1-200
  ROSTER=$5 node "$here/../ab4/prof.mjs" "$root/dist" $b "$3" "$4" | cut -c1-200
fi
node "$here/../ab6/eq.mjs" $a $b
node "$here/qcheck.mjs" $a; node "$here/qcheck.mjs" $b
rm -f $a $a.wal $b $b.wal
