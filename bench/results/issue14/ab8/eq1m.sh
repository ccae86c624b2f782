#!/bin/sh
# The 1M equality runs (eq.sh each; A = main's build on a copy of BASE, B = this worktree's on another copy, migrated
# from A's version 16 by B: the upgrade path): last day and a day before later events in Asia/Kathmandu, a roster
# (ROSTER: 5,000 sampled players + 20 unknown) in Kathmandu and UTC, a nightly then a second and third night on the
# same copies (the second and third append new times to the groups the first computed again), a late night, a backfill.
# usage: eq1m.sh BASE ROSTER
here=$(dirname "$0"); base=$1; roster=$2
"$here/eq.sh" "$base" "$base" snap 2026-12-16 Asia/Kathmandu
"$here/eq.sh" "$base" "$base" snap 2026-12-10 Asia/Kathmandu
"$here/eq.sh" "$base" "$base" snap 2026-12-16 Asia/Kathmandu "$roster"
"$here/eq.sh" "$base" "$base" snap 2026-12-01 UTC "$roster"
KEEP=1 "$here/eq.sh" "$base" "$base" night 2026-12-08 9 UTC
KEEP=1 EQ_A=/tmp/seg14c/eqa.duckdb EQ_B=/tmp/seg14c/eqb.duckdb "$here/eq.sh" /tmp/seg14c/eqa.duckdb /tmp/seg14c/eqb.duckdb night 2026-12-09 9 UTC
KEEP=1 EQ_A=/tmp/seg14c/eqa.duckdb EQ_B=/tmp/seg14c/eqb.duckdb "$here/eq.sh" /tmp/seg14c/eqa.duckdb /tmp/seg14c/eqb.duckdb night 2026-12-10 9 Asia/Kathmandu
EQ_A=/tmp/seg14c/eqa.duckdb EQ_B=/tmp/seg14c/eqb.duckdb "$here/eq.sh" /tmp/seg14c/eqa.duckdb /tmp/seg14c/eqb.duckdb night 2026-12-12 -3 UTC
"$here/eq.sh" "$base" "$base" snap --backfill Asia/Kathmandu
