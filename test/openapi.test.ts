// The OpenAPI 3.1 document a publish ships, validated against the OpenAPI 3.1 schema, its responses resolving to the
// JSON Schemas beside it, and every endpoint it lists present in the site.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { writeSite } from '../src/publish/publish.js';
import { NOW, SITE } from './fixtures/publish/site.js';
import { ROOT, tempDir } from './helpers.js';
import { walk } from './publish-helpers.js';

describe('api/v1/openapi.json', () => {
  it('is valid OpenAPI 3.1 whose schemas all resolve, and describes every kind of API file the site has', async () => {
    const out = join(tempDir(), 'site');
    await writeSite(SITE, { out }, { ...recorder(), now: () => NOW });
    const doc = JSON.parse(readFileSync(join(out, 'api/v1/openapi.json'), 'utf8'));
    const validator = new Validator();
    // The document refers to the schemas by relative URLs (the site works under any prefix): the validator is given
    // each shipped schema file under the URL the document uses.
    for (const f of walk(join(out, 'api/v1/schema')).filter((f) => f.endsWith('.schema.json'))) {
      const schema = readFileSync(join(out, 'api/v1/schema', f), 'utf8');
      await validator.addSpecRef(JSON.parse(schema), `schema/${f}`);
      // and as the schemas refer to each other (relative to their own folder)
      await validator.addSpecRef(JSON.parse(schema), f);
    }
    const res = await validator.validate(doc);
    expect(res.errors ?? [], JSON.stringify(res.errors)).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // Every response schema is a file the site ships.
    for (const [path, item] of Object.entries(doc.paths) as [
      string,
      { get: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } },
    ][]) {
      const ref = item.get.responses['200']?.content?.['application/json']?.schema.$ref;
      expect(ref, path).toMatch(/^schema\/.+\.schema\.json$/);
      expect(existsSync(join(out, 'api/v1', ref as string)), `${path} -> ${ref}`).toBe(true);
    }
    // Every API file of the site matches one of the paths (templated segments as wildcards).
    const patterns = Object.keys(doc.paths).map(
      (p) => new RegExp(`^${p.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    );
    const files = walk(join(out, 'api/v1'))
      .filter((f) => f.endsWith('.json') && !f.startsWith('schema/') && f !== 'openapi.json')
      .map((f) => `/${f}`);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files)
      expect(
        patterns.some((re) => re.test(f)),
        f,
      ).toBe(true);
    // The API page lists every endpoint.
    const page = readFileSync(join(out, 'api.html'), 'utf8');
    for (const p of Object.keys(doc.paths)) expect(page, p).toContain(`GET api/v1${p}`);
    expect(page).toContain('<code>declined</code>');
    expect(page).toContain('players</td>');
    // Each field's unit is what the files hold: events are counted in events, a rate's interval ends are fractions.
    const unit = (field: string) =>
      [...page.matchAll(new RegExp(`<code>${field}</code></th><td>[^<]*</td><td>([^<]*)</td>`, 'g'))].map((m) => m[1]);
    expect(unit('events')).toEqual(['events']);
    expect(new Set(unit('players'))).toEqual(new Set(['players']));
    expect(new Set(unit('completed'))).toEqual(new Set(['players']));
    expect(new Set(unit('conversion_rate_low'))).toEqual(new Set(['fraction, 0 to 1']));
    expect(new Set(unit('completion_rate_high'))).toEqual(new Set(['fraction, 0 to 1']));
  });

  it('gives no schema an $id, so each resolves its $refs against the URL it is fetched from, wherever that is', async () => {
    // An absolute $id on a host the site is not on (it was https://questlog.invalid/...) sends a validator following
    // the spec there for defs.schema.json; without one the base is the retrieval URL (JSON Schema 2020-12, 9.1.1).
    const out = join(tempDir(), 'site');
    await writeSite(SITE, { out }, { ...recorder(), now: () => NOW });
    const dir = join(out, 'api/v1/schema');
    const files = walk(dir).filter((f) => f.endsWith('.schema.json'));
    expect(files.length).toBeGreaterThan(10);
    const served = 'https://games.example/reports/api/v1/schema/';
    for (const f of files) {
      const schema = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      expect(schema.$id, f).toBeUndefined();
      const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"([^"#]+)/g)].map((m) => m[1] as string);
      for (const ref of refs) {
        const target = new URL(ref, served + f).href;
        expect(target.startsWith(served), `${f} -> ${ref}`).toBe(true);
        expect(existsSync(join(dir, target.slice(served.length))), `${f} -> ${ref}`).toBe(true);
      }
    }
  });
});

describe('links in the API documents', () => {
  // Which base each document's `links` are relative to, and the words its schema uses to say so. A client resolves
  // them as the schema says: the segment value files' links are relative to the file (`../../quests/…`), which the
  // schema and README did not say (they said api/v1/ for every document but the quest index pages).
  const BASES: [RegExp, 'file' | 'api', string, string][] = [
    [
      /^quests(\/page-\d+)?\.json$/,
      'file',
      'defs',
      'in the quest index pages quests.json and quests/page-N.json: relative to the page',
    ],
    [/^segments\/[^/]+\/[^/]+\.json$/, 'file', 'segment', 'relative to this file'],
    [/^segments\.json$/, 'api', 'segments', 'relative to this file'],
    [/^(snapshot|quests\/[^/]+|quests\/[^/]+\/history)\.json$/, 'api', 'defs', 'relative to the API root api/v1/'],
  ];
  const SCHEMAS = join(ROOT, 'src/publish/schemas');

  it('resolve to files of the site against the base their schema states', () => {
    const site = join(ROOT, 'test/golden/publish-e2e');
    const api = join(site, 'api/v1');
    let resolved = 0;
    for (const f of walk(api).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(join(api, f), 'utf8');
      const links = [...text.matchAll(/"links":(\{[^{}]*\})/g)].flatMap((m) =>
        Object.values(JSON.parse(m[1] as string)),
      );
      if (links.length === 0) continue;
      const rule = BASES.find(([re]) => re.test(f));
      expect(rule, `no base stated for the links of ${f}`).toBeDefined();
      const [, base, schema, words] = rule as (typeof BASES)[number];
      expect(readFileSync(join(SCHEMAS, `${schema}.schema.json`), 'utf8'), `${schema}.schema.json`).toContain(words);
      const from = new URL(base === 'file' ? f : 'index.json', 'https://games.example/r/api/v1/');
      for (const link of links as string[]) {
        const target = new URL(link, from);
        expect(target.href.startsWith('https://games.example/r/'), `${f}: ${link}`).toBe(true);
        const path = decodeURIComponent(target.pathname.slice('/r/'.length));
        expect(existsSync(join(site, path)), `${f}: ${link} -> ${path}`).toBe(true);
        resolved++;
      }
    }
    expect(resolved).toBeGreaterThan(50);
  });
});
