import json, random, sys, os
seed=int(sys.argv[1]); random.seed(seed)
out=sys.argv[2]; os.makedirs(out, exist_ok=True)
st=['accepted','completed','declined','abandoned','failed','accepted','accepted','completed']
ev=[]
for i in range(random.randint(5,60)):
    d=random.randint(1,4); h=random.randint(0,23); m=random.choice([0,0,5,30])
    ev.append({"ts":f"2026-11-0{d} {h:02}:{m:02}:00","player_id":f"p{random.randint(1,4)}","quest_id":f"Q{random.randint(1,3)}","status":random.choice(st)})
# some exact duplicates
ev += random.sample(ev, min(len(ev), random.randint(0,5)))
random.shuffle(ev)
k=random.randint(2,4)
for j in range(k):
    part=ev[j::k]
    open(f'{out}/f{j}.ndjson','w').write(''.join(json.dumps(e)+'\n' for e in part))
