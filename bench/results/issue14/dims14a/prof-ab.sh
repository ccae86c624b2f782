#!/bin/bash
# Round 9 (dims14a): prof.mjs alternating plain, dims REPS times: per-statement process CPU of the stage statement,
# the events INSERT, the event_dimensions INSERT, the checkpoint on close, and the ingest's total wall. Usage: prof-ab.sh DATA_DIR REPS
here=$(dirname "$0")
for r in $(seq 1 "${2:-3}"); do
  for v in plain dims; do
    echo "== $v rep $r load $(cut -d' ' -f1 /proc/loadavg)"
    node "$here/prof.mjs" "$1" "$v" | grep -E 'ql_stage AS WITH|INSERT INTO events|INSERT INTO event_dimensions|close|total'
  done
done
