import json, sys, hashlib, gzip, urllib.request, urllib.parse, re
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
base = sys.argv[1].rstrip('/') + '/api/v1/'
def get(url, gz=False):
    req = urllib.request.Request(url, headers={'Accept-Encoding': 'gzip'} if gz else {})
    with urllib.request.urlopen(req) as r:
        return r.status, dict(r.headers), r.read()
problems = []
def bad(*a): problems.append(' '.join(map(str, a))); print('PROBLEM', *a)
_, _, b = get(base + 'openapi.json'); oa = json.loads(b)
srv = oa['servers'][0]['url']
root = urllib.parse.urljoin(base + 'openapi.json', srv)
if not root.endswith('/'): root += '/'
print('server root', root)
schemas = {}
def schema(ref):
    u = urllib.parse.urljoin(root, ref)
    if u not in schemas: schemas[u] = json.loads(get(u)[2])
    return u, schemas[u]
def resolver_registry():
    return Registry(retrieve=lambda uri: Resource.from_contents(json.loads(get(uri.replace('https://questlog.invalid/api/v1/', base))[2])))
reg = resolver_registry()
def validate(path, doc, ref):
    u, s = schema(ref)
    v = Draft202012Validator(s, registry=reg)
    s2 = dict(s); s2.setdefault('$id', u)
    v = Draft202012Validator(s2, registry=reg)
    errs = list(v.iter_errors(doc))
    for e in errs[:3]: bad('schema', path, list(e.absolute_path)[:6], e.message[:200])
    return len(errs)
# manifest
_, _, mb = get(base + 'index.json'); man = json.loads(mb)
print('manifest keys', list(man.keys())[:10])
files = man.get('files')
print('files', type(files), len(files))
entries = files.items() if isinstance(files, dict) else [(f['path'], f) for f in files]
checked = 0
for path, f in entries:
    st, h, body = get(base + path)
    if hashlib.sha256(body).hexdigest() != f.get('sha256'): bad('hash', path)
    if len(body) != f.get('size', f.get('bytes')): bad('size', path, len(body), f)
    if len(body) >= 512:
        try:
            st2, h2, gzb = get(base + path + '.gz')
            if gzip.decompress(gzb) != body: bad('gz differs', path)
        except Exception as e: bad('no gz', path, e)
    checked += 1
print('manifest files checked', checked)
# validate documented paths
ops = oa['paths']
def ref_of(p): return ops[p]['get']['responses']['200']['content']['application/json']['schema']['$ref']
q1 = json.loads(get(base + 'quests.json')[2])
validate('quests.json', q1, ref_of('/quests.json'))
print('quests.json keys', list(q1.keys()), 'page', q1.get('page'))
# paging
url = base + 'quests.json'; seen = 0; pages = 0; prev_url = None
while url:
    d = json.loads(get(url)[2]); pages += 1
    seen += len(d['quests'])
    pg = d['page']
    for k in ('next', 'prev'):
        v = pg.get(k)
        if v is not None and (v.startswith('/') or '://' in v): bad('absolute link', url, k, v)
    if pg.get('prev') is not None and prev_url:
        if urllib.parse.urljoin(url, pg['prev']) != prev_url and not (prev_url.endswith('quests.json') and urllib.parse.urljoin(url, pg['prev']).endswith('page-1.json')):
            bad('prev wrong', url, pg['prev'], prev_url)
    if pages > 1: validate(url, d, ref_of('/quests/page-{n}.json'))
    prev_url = url
    url = urllib.parse.urljoin(url, pg['next']) if pg.get('next') else None
print('pages', pages, 'quests', seen)
snap = json.loads(get(base + 'snapshot.json')[2]); validate('snapshot.json', snap, ref_of('/snapshot.json'))
for p in ['chains.json', 'changes.json', 'history-months.json', 'segments.json', 'index.json']:
    validate(p, json.loads(get(base + p)[2]), ref_of('/' + p))
# every quest
n = 0
for q in q1['quests'][:60]:
    fid = q.get('file_id') or q.get('id')
    link = q.get('links', {}).get('self') or q.get('url') or f'quests/{fid}.json'
    d = json.loads(get(urllib.parse.urljoin(base + 'quests.json', link))[2])
    n += validate('quest ' + fid, d, ref_of('/quests/{file_id}.json'))
    for legacy in ['accepted', 'rejected', 'completed', 'not_encountered', 'average_completion', 'shortest_completion', 'longest_completion', 'status']:
        if legacy not in d: bad('legacy missing', fid, legacy)
    st = d.get('status')
    if not (isinstance(st, list) and all(set(x.keys()) == {'label', 'data'} for x in st)): bad('status shape', fid, st)
    h = json.loads(get(base + f'quests/{fid}/history.json')[2]); validate('history ' + fid, h, ref_of('/quests/{file_id}/history.json'))
print('first quest', json.dumps(d)[:600])
print('quest keys', sorted(d.keys()))
print('problems', len(problems))
