#!/bin/sh
# usage: eq.sh BASE_A BASE_B night DAY SHIFT TZ | eq.sh BASE_A BASE_B snap ASOF|--backfill TZ [ROSTER]: the baseline build
# (A: $A_DIST, default /work/wt/seg14c-base/dist, a detached worktree at main) on a copy of BASE_A and this worktree's
# (B) on a copy of BASE_B (the same file, or one B made itself), each copy migrated by its build first; then the same
# nightly (../ab5/nightly.mjs, CHECK=1: the kept sums and counts against the state) or snapshot (../ab4/prof.mjs), and
# eq.mjs compares the tables (EXCEPT ALL both ways) and checks B's kept times. KEEP=1 keeps the copies (for a next night).
set -e
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
adist=${A_DIST:-/work/wt/seg14c-base/dist}
kind=$3; a=${EQ_A:-/tmp/seg14c/eqa.duckdb}; b=${EQ_B:-/tmp/seg14c/eqb.duckdb}
if [ "$1" != "$a" ]; then rm -f $a.wal; cp "$1" $a; fi
if [ "$2" != "$b" ]; then rm -f $b.wal; cp "$2" $b; fi
node "$here/../ab7/migrate.mjs" "$adist" $a; node "$here/../ab7/migrate.mjs" "$root/dist" $b
echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $3 $4 $5 $6 $7 B=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo +dirty)"
if [ "$kind" = night ]; then
  CHECK=1 node "$here/../ab5/nightly.mjs" "$adist" $a "$4" "$5" "$6" | cut -c1-240
  CHECK=1 node "$here/../ab5/nightly.mjs" "$root/dist" $b "$4" "$5" "$6" | cut -c1-240
else
  ROSTER=$6 node "$here/../ab4/prof.mjs" "$adist" $a "$4" "$5" | cut -c1-240
  ROSTER=$6 node "$here/../ab4/prof.mjs" "$root/dist" $b "$4" "$5" | cut -c1-240
fi
node "$here/eq.mjs" $a $b
[ -n "$KEEP" ] || rm -f $a $a.wal $b $b.wal
