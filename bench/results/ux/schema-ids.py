# A consumer that knows only the site's URL: loads each API file's schema by URL and validates with
# python-jsonschema (Draft 2020-12), resolving $ref through a registry that fetches URLs as they are (no mapping).
# Usage: python3 schema-ids.py http://127.0.0.1:PORT/
import json, sys, urllib.request
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

base = sys.argv[1]
fetched = []
def get(url):
    fetched.append(url)
    with urllib.request.urlopen(url) as r:
        return json.loads(r.read())

registry = Registry(retrieve=lambda uri: Resource.from_contents(get(uri)))
api = base + 'api/v1/'
checks = [('snapshot.json', 'snapshot'), ('quests.json', 'quests'), ('index.json', 'index'),
          ('quests/FET0001.json', 'quest'), ('quests/FET0001/history.json', 'history'), ('chains.json', 'chains')]
for path, kind in checks:
    root = {'$ref': f'{api}schema/{kind}.schema.json'}
    errors = list(Draft202012Validator(root, registry=registry).iter_errors(get(api + path)))
    print(f'{path}: {"valid" if not errors else errors[0].message}')
print("fetched:", sorted(set(fetched)))
