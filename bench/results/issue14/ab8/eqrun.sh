#!/bin/sh
# The round's equality runs, one after another: the 10M nightly form with each build's own history database (then a
# late night), the same with B on A's database (the upgrade from version 16), then the 1M nightly form likewise (setups
# made by bench/segments.js --nightly --size 1m --reps 0) and eq1m.sh's cases (roster, backfill, nights on a 1M base).
# usage: eqrun.sh DATA BASE_1M ROSTER   (DATA: bench/segments.js --nightly's --data)
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd); data=$1
w10=$data/run/extras-10m; w1=$data/run/extras-1m
"$here/eqnight.sh" $w10 $w10/segments-setup-seg14c-base.duckdb $w10/segments-setup-seg14c.duckdb UTC
"$here/eqnight.sh" $w10 $w10/segments-setup-seg14c-base.duckdb $w10/segments-setup-seg14c-base.duckdb UTC
node "$root/bench/segments.js" --nightly --size 1m --reps 0 --data $data --pkg /work/wt/seg14c-base --pkg /work/wt/seg14c > /dev/null
"$here/eqnight.sh" $w1 $w1/segments-setup-seg14c-base.duckdb $w1/segments-setup-seg14c.duckdb Asia/Kathmandu
"$here/eqnight.sh" $w1 $w1/segments-setup-seg14c-base.duckdb $w1/segments-setup-seg14c.duckdb UTC
"$here/eq1m.sh" "$2" "$3"
