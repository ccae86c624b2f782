# usage: python3 summary.py FILE...: one line per nightly.mjs run (segments, overall, ratio, top segment statements)
import json, sys
for f in sys.argv[1:]:
    head = ''
    for line in open(f):
        if line.startswith('#'): head = line[2:].strip(); continue
        if not line.startswith('{'): continue
        d = json.loads(line)
        seg = {k.split('/')[1]: v for k, v in d['top'].items() if k.startswith('segments/')}
        print(f"{head} | state {d['stateCpu']} snap {d['snapCpu']} = seg {d['segCpu']} + overall {d['overallCpu']} (+extras {d['extrasCpu']}) ratio {d['ratio']} | {seg}")
