# Summarises night.sh output: per run, state refresh and snapshot CPU (ms), the snapshot split, the ratio.
import json, sys
for f in sys.argv[1:]:
    head = ''
    for l in open(f):
        if l.startswith('#'): head = l[2:].strip(); continue
        if not l.startswith('{'): continue
        j = json.loads(l)
        print(f"{head} | state {j['stateCpu']} | snapshot {j['snapCpu']} = segments {j['segCpu']} + overall {j['overallCpu']} + extras {j['extrasCpu']} | ratio {j['ratio']} | {j['result']['recomputed']} recomputed")
