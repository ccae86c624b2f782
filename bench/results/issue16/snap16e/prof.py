import json,sys
def walk(n,depth=0):
    name=n.get('operator_type') or n.get('operator_name') or n.get('query_name','')[:30]
    t=n.get('operator_timing',n.get('latency',0)); c=n.get('operator_cardinality',n.get('rows_returned',0))
    extra=n.get('extra_info',{})
    e=''
    if isinstance(extra,dict):
        e=' '.join(f"{k}={str(v)[:80]}" for k,v in extra.items() if k in ('Table','Projections','Partition','Groups','Join Type','CTE Name','Aggregates','Expressions') )
    print(f"{'  '*depth}{name} {t:.3f}s {c} rows {e}"[:230])
    for ch in n.get('children',[]): walk(ch,depth+1)
walk(json.load(open(sys.argv[1])))
