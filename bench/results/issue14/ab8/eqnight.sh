#!/bin/sh
# usage: eqnight.sh WORK SETUP_A SETUP_B [TZ]: the 10M nightly of bench/segments.js --nightly (libnight.mjs, extras on)
# with A (the baseline worktree, $A_PKG) on a copy of SETUP_A and B (this worktree) on a copy of SETUP_B, then eq.mjs;
# then a late night on both (../ab5/nightly.mjs: the new day's events again, 3 days earlier: their players recomputed)
# and eq.mjs again.
set -e
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
apkg=${A_PKG:-/work/wt/seg14c-base}; a=/tmp/seg14c/eqa.duckdb; b=/tmp/seg14c/eqb.duckdb
rm -f $a $a.wal $b $b.wal; cp "$2" $a; cp "$3" $b
echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) nightly ${4:-UTC} A=$(git -C "$apkg" rev-parse --short HEAD) B=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo +dirty) setups $(basename "$2") $(basename "$3")"
node "$here/libnight.mjs" "$apkg" "$1" $a "${4:-UTC}"
node "$here/libnight.mjs" "$root" "$1" $b "${4:-UTC}"
node "$here/eq.mjs" $a $b
day=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$1/date.json','utf8')).date)")
EQ_A=$a EQ_B=$b A_DIST=$apkg/dist "$here/eq.sh" $a $b night "$day" -3 "${4:-UTC}"
