import sys, re, urllib.request, urllib.parse, html
from html.parser import HTMLParser
root = sys.argv[1].rstrip('/') + '/'
class P(HTMLParser):
    def __init__(s): super().__init__(); s.links=[]; s.ids=set()
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if 'id' in a: s.ids.add(a['id'])
        if tag == 'a' and 'name' in a: s.ids.add(a['name'])
        for k in ('href', 'src'):
            if k in a and a[k] is not None: s.links.append((tag, k, a[k]))
seen = {}; queue = [root + 'index.html']; pages = {}; broken = []; anchors = []
status = {}
def fetch(u):
    if u in status: return status[u]
    try:
        with urllib.request.urlopen(u) as r: status[u] = (r.status, r.read())
    except urllib.error.HTTPError as e: status[u] = (e.code, b'')
    except Exception as e: status[u] = (str(e), b'')
    return status[u]
while queue:
    u = queue.pop()
    if u in pages: continue
    st, body = fetch(u)
    if st != 200: continue
    p = P(); p.feed(body.decode('utf8', 'replace')); pages[u] = p
    for tag, k, link in p.links:
        if link.startswith(('mailto:', 'javascript:', 'data:')): continue
        full = urllib.parse.urljoin(u, link)
        if not full.startswith(root):
            continue
        base, _, frag = full.partition('#')
        st2, _ = fetch(base)
        if st2 != 200: broken.append((u[len(root):], link, st2))
        elif frag: anchors.append((u, base, frag, link))
        if base.endswith('.html') and base not in pages: queue.append(base)
for u, base, frag, link in anchors:
    if base not in pages:
        st, body = fetch(base); p = P(); p.feed(body.decode('utf8','replace')); pages[base] = p
    if frag not in pages[base].ids: broken.append((u[len(root):], link, 'missing anchor'))
print('pages', len(pages), 'urls checked', len(status), 'broken', len(broken))
from collections import Counter
c = Counter((b[1] if not b[1].startswith('quests/') else 'quests/*', b[2]) for b in broken)
for k, v in c.most_common(30): print(v, k)
for b in broken[:15]: print(b)
