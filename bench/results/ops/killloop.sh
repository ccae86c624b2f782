#!/bin/bash
# usage: killloop.sh MS... : for each delay, the incremental nightly (4 new shards) is kill -9'd after MS ms, then rerun
Q="node /work/wt/ops14-base/dist/cli.js"
REF=$(node /work/ops14/check.mjs /work/ops14/ref.duckdb | sed 's/,"runs".*//')
for ms in "$@"; do
  cd /work/ops14 && rm -rf K && cp -a T K && cp -al big/logs/ndjson/events-00[5-8].ndjson K/in/ && cd K
  $Q nightly --as-of 2026-11-20 --force > killed.log 2>&1 & pid=$!
  sleep $(awk "BEGIN{print $ms/1000}"); kill -9 $pid; wait $pid 2>/dev/null; rc1=$?
  last=$(tail -1 killed.log | cut -c22-70)
  after=$(node ../sitecheck.mjs site)
  $Q nightly --as-of 2026-11-20 --force > rerun.log 2>&1; rc2=$?
  got=$(node ../check.mjs db/q.duckdb)
  same=$([ "${got%%,\"runs\"*}" = "$REF" ] && echo equal || echo DIFFERENT)
  left=$(ls -a . db | grep -E '\.new-|\.tmp|\.lock' | tr '\n' ' ')
  echo "ms=$ms rc_killed=$rc1 last='$last' site_after_kill='$after' rerun_rc=$rc2 db_vs_full=$same site_after_rerun='$(node ../sitecheck.mjs site)' leftovers='$left' runs='${got##*\"runs\":}' load=$(cut -d' ' -f1 /proc/loadavg)"
  [ "$same" = equal ] || echo "  got $got"
  grep -iE 'stale|recover|warning|error' rerun.log | cut -c22- | head -3 | sed 's/^/  rerun: /'
done
