# run.sh SEED: incremental (ingest one file, stats, next...) vs all-at-once
set -e
s=$1; d=/work/qa14/inc/s$s; rm -rf $d; python3 /work/qa14/inc/gen.py $s $d/in >/dev/null
Q() { node /work/wt/qa14/dist/cli.js "$@"; }
mkdir -p $d/inc $d/all
for f in $(ls $d/in); do Q ingest --db $d/inc.duckdb $d/in/$f >/dev/null 2>&1; Q stats --db $d/inc.duckdb --backfill --as-of 2026-11-04 --format csv > /dev/null 2>&1 || true; done
Q stats --db $d/inc.duckdb --backfill --as-of 2026-11-04 --format csv >/dev/null 2>&1
Q ingest --db $d/all.duckdb $d/in >/dev/null 2>&1
Q stats --db $d/all.duckdb --backfill --as-of 2026-11-04 --format csv >/dev/null 2>&1
for day in 01 02 03 04; do
 Q stats --db $d/inc.duckdb --as-of 2026-11-$day --format csv > $d/inc/$day.csv 2>/dev/null || echo inc-fail
 Q stats --db $d/all.duckdb --as-of 2026-11-$day --format csv > $d/all/$day.csv 2>/dev/null || echo all-fail
done
if diff -r $d/inc $d/all >/dev/null; then echo "seed $s same"; else echo "seed $s DIFF"; fi
