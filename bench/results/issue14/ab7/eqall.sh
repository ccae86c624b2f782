#!/bin/sh
# The equality runs of round 7 (seg14b), one after another (eq.sh each): 10M nightly UTC, late night UTC and
# Asia/Kathmandu, nightly America/St_Johns; 1M last day Kathmandu, a day before later events, a roster, a nightly,
# a backfill. usage: eqall.sh 10M_BASE 1M_BASE (a roster of 5,000 sampled players + 20 unknown in
# /tmp/seg14b/roster.csv)
here=$(dirname "$0"); b10=$1; b1=$2
"$here/eq.sh" "$b10" night 2026-12-14 10 UTC
"$here/eq.sh" "$b10" night 2026-12-14 -3 UTC
"$here/eq.sh" "$b10" night 2026-12-14 -3 Asia/Kathmandu
"$here/eq.sh" "$b10" night 2026-12-14 10 America/St_Johns
"$here/eq.sh" "$b1" snap 2026-12-16 Asia/Kathmandu
"$here/eq.sh" "$b1" snap 2026-12-10 Asia/Kathmandu
"$here/eq.sh" "$b1" snap 2026-12-16 Asia/Kathmandu /tmp/seg14b/roster.csv
"$here/eq.sh" "$b1" snap 2026-12-01 UTC /tmp/seg14b/roster.csv
"$here/eq.sh" "$b1" night 2026-12-08 9 UTC
"$here/eq.sh" "$b1" snap --backfill Asia/Kathmandu
