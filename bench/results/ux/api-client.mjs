// Round 14: an API client that knows only the site's URL. Fetches api/v1/index.json, follows the manifest, validates
// every document with ajv (2020-12, formats) against the schema openapi.json names for its path, schemas fetched by URL
// ($refs resolved against the URL each was fetched from), checks hashes and sizes, numbers as numbers, ISO dates,
// every relative link (links, page.next/prev, $ref), gzip negotiation, ETag revalidation and CORS through raw HTTP.
// node api-client.mjs http://127.0.0.1:PORT/   (run from a checkout: ajv comes from its node_modules)
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
const require = createRequire(`${process.cwd()}/`);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const site = new URL(process.argv[2]);
const api = new URL('api/v1/', site);
const problems = [];
const checks = {};
const bad = (...a) => { problems.push(a.join(' ')); console.log('PROBLEM', ...a); };
const count = (k) => { checks[k] = (checks[k] ?? 0) + 1; };

function raw(url, headers = {}, method = 'GET') {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}
const json = async (url) => {
  const r = await raw(url);
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return JSON.parse(r.body.toString('utf8'));
};

const openapi = await json(new URL('openapi.json', api));
const server = new URL(openapi.servers?.[0]?.url ?? '.', new URL('openapi.json', api));
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  loadSchema: async (uri) => { count('schema fetched by URL'); return json(uri); },
});
addFormats(ajv);
const validators = new Map();
async function validatorFor(ref) {
  const url = new URL(ref, server).href;
  if (!validators.has(url)) {
    const schema = await json(url);
    // No $id in the schema: its base is the URL it came from, as a remote client would do.
    validators.set(url, await ajv.compileAsync({ ...schema, $id: url }));
  }
  return validators.get(url);
}
// openapi path templates → regexes
const routes = Object.entries(openapi.paths).map(([p, op]) => ({
  re: new RegExp(`^${p.slice(1).replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  ref: op.get.responses['200'].content['application/json'].schema.$ref,
  template: p,
}));
// every $ref of openapi.json resolves
for (const r of routes) {
  const res = await raw(new URL(r.ref, server).href);
  count('openapi $ref resolves');
  if (res.status !== 200) bad('openapi $ref', r.template, r.ref, res.status);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const NUMERIC_TEXT = /^-?\d+(\.\d+)?(e-?\d+)?$/i;
function walk(v, path, doc, url, links) {
  if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`, doc, url, links));
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}.${k}`;
      if (k === '$ref' && typeof x === 'string') links.push([p, x]);
      if (k === 'links' && !url.startsWith('schema/') && x && typeof x === 'object') for (const [lk, lv] of Object.entries(x)) links.push([`${p}.${lk}`, lv, 'api-root']);
      if ((k === 'next' || k === 'prev') && typeof x === 'string') links.push([p, x]);
      walk(x, p, doc, url, links);
      if (typeof x === 'string') {
        if (/(^|_)(date|through)$|^date$|^since$|_at$/.test(k)) {
          count('date field');
          if (!ISO_DATE.test(x) && !ISO_TIME.test(x)) bad('date not ISO', url, p, x);
        }
        if (NUMERIC_TEXT.test(x) && !/(^|_)(id|value|version|label|name|sha256|files|build|value_id|dimension)$/.test(k) && !/\.(enum|const|title)/.test(p)) bad('number as text', url, p, x);
      }
      if (typeof x === 'number') { count('number'); if (!Number.isFinite(x)) bad('non-finite', url, p); }
    }
  }
}

const manifest = await json(new URL('index.json', api));
(await validatorFor('schema/index.schema.json'))(manifest) ? count('valid') : bad('invalid index.json', ajv.errorsText());
for (const f of manifest.files) {
  const url = new URL(f.path, api).href;
  const plain = await raw(url, { 'Accept-Encoding': 'identity' });
  count('manifest file fetched');
  if (plain.status !== 200) { bad('manifest file', f.path, plain.status); continue; }
  if (plain.headers['content-encoding']) bad('identity got', plain.headers['content-encoding'], f.path);
  if (createHash('sha256').update(plain.body).digest('hex') !== f.sha256) bad('sha256', f.path);
  if (plain.body.length !== f.bytes) bad('bytes', f.path, plain.body.length, f.bytes);
  if (!/^application\/(schema\+)?json/.test(plain.headers['content-type'] ?? '')) bad('content-type', f.path, plain.headers['content-type']);
  if (plain.headers['access-control-allow-origin'] !== '*') bad('no CORS', f.path);
  // gzip negotiation
  const gz = await raw(url, { 'Accept-Encoding': 'gzip' });
  const enc = gz.headers['content-encoding'];
  if (enc === 'gzip') { count('gzip sent'); if (!gunzipSync(gz.body).equals(plain.body)) bad('gzip differs', f.path); }
  else if (f.bytes >= 512) bad('no gzip for', f.path, f.bytes);
  if (gz.headers.vary !== 'Accept-Encoding') bad('vary', f.path, gz.headers.vary);
  // revalidation
  const again = await raw(url, { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag, Origin: 'https://x.example' });
  if (again.status !== 304 || again.headers['cache-control'] !== gz.headers['cache-control'] || again.headers.vary !== gz.headers.vary || again.headers['access-control-allow-origin'] !== '*') bad('304', f.path, again.status, JSON.stringify(again.headers));
  else count('304 with cache headers and CORS');
  const doc = JSON.parse(plain.body.toString('utf8'));
  const links = [];
  walk(doc, '$', doc, f.path, links);
  for (const [p, link, base] of links) {
    if (typeof link !== 'string') { bad('link not a string', f.path, p); continue; }
    if (/^[a-z]+:|^\//i.test(link)) { bad('absolute link', f.path, p, link); continue; }
    const target = new URL(link.split('#')[0], base === 'api-root' && !/^(quests(\/page-\d+)?|segments\/[^/]+\/[^/]+)\.json$/.test(f.path) ? api : url).href;
    const r = await raw(target, {}, 'HEAD');
    count('relative link resolves');
    if (r.status !== 200) bad('link', f.path, p, link, '→', target, r.status);
  }
  if (f.path.startsWith('schema/') || f.path === 'openapi.json') continue;
  const route = routes.find((r) => r.re.test(f.path));
  if (!route) { bad('no openapi path for', f.path); continue; }
  const validate = await validatorFor(route.ref);
  if (validate(doc)) count('valid against its schema');
  else bad('invalid', f.path, ajv.errorsText(validate.errors).slice(0, 300));
}
// files the manifest does not list but openapi documents: quests.json pages, history months
const months = await json(new URL('history-months.json', api));
console.log('months', JSON.stringify(months.months.map((m) => [m.month, m.open])));
// CORS preflight as a browser sends it for a conditional request
const pre = await raw(new URL('snapshot.json', api).href, { Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' }, 'OPTIONS');
console.log('preflight', pre.status, JSON.stringify(Object.fromEntries(Object.entries(pre.headers).filter(([k]) => k.startsWith('access-control')))));
if (pre.status !== 204 || !/if-none-match/i.test(pre.headers['access-control-allow-headers'] ?? '')) bad('preflight');
const page = await raw(new URL('index.html', site).href, { Origin: 'https://x.example' });
console.log('page CORS header', page.headers['access-control-allow-origin'] ?? '(none)');
console.log('checks', JSON.stringify(checks));
console.log('problems', problems.length);
