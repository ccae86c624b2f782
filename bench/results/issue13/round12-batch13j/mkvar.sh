#!/bin/bash
# mkvar.sh NAME EXPR : build the branch with BATCH_BYTES = EXPR into /work/batch13j/v/NAME (dist + package.json + node_modules link)
set -e
cd /work/wt/batch13j
cp src/ingest/ingest.ts /tmp/batch13j-ingest.ts.bak
sed -i "s/^const BATCH_BYTES = .*/const BATCH_BYTES = $2;/" src/ingest/ingest.ts
grep -n "^const BATCH_BYTES" src/ingest/ingest.ts
npm run build >/dev/null 2>&1 || { cp /tmp/batch13j-ingest.ts.bak src/ingest/ingest.ts; exit 1; }
cp /tmp/batch13j-ingest.ts.bak src/ingest/ingest.ts
rm -rf /work/batch13j/v/$1 && mkdir -p /work/batch13j/v/$1
cp -r dist /work/batch13j/v/$1/dist && cp package.json /work/batch13j/v/$1/ && ln -s /work/wt/batch13j/node_modules /work/batch13j/v/$1/node_modules
ln -s /work/wt/batch13j/src /work/batch13j/v/$1/src
