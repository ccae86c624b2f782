// Shared by the publish tests: walking a site, golden comparison, JSON Schema validation of every API file.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { ROOT } from './helpers.js';

export const GOLDEN = join(ROOT, 'test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Every file under `dir`, as sorted relative paths. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const go = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) go(p);
      else out.push(relative(dir, p));
    }
  };
  go(dir);
  return out.sort();
}

/** Vendored assets and copied schemas are not ours to pin byte for byte; everything else is. */
export const goldenFiles = (site: string) =>
  walk(site).filter((f) => !f.startsWith('assets/') && !f.startsWith('api/v1/schema/'));

/**
 * Compares a site with test/golden/<name>/ file by file (the set of files too). `normalize` blanks what legitimately
 * varies (e.g. generated_at). UPDATE_GOLDEN=1 rewrites the golden folder instead.
 */
export function expectGolden(site: string, name: string, normalize: (text: string) => string = (t) => t): void {
  const golden = join(GOLDEN, name);
  const files = goldenFiles(site);
  if (UPDATE) {
    rmSync(golden, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(golden, f)), { recursive: true });
      writeFileSync(join(golden, f), normalize(readFileSync(join(site, f), 'utf8')));
    }
  }
  expect(existsSync(golden), `golden ${golden} missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(files).toEqual(walk(golden));
  for (const f of files) {
    expect(normalize(readFileSync(join(site, f), 'utf8')), `golden mismatch: ${name}/${f}`).toBe(
      readFileSync(join(golden, f), 'utf8'),
    );
  }
}

const SCHEMA_OF: [RegExp, string][] = [
  [/^api\/v1\/snapshot\.json$/, 'snapshot'],
  [/^api\/v1\/quests\.json$/, 'quests'],
  [/^api\/v1\/quests\/[^/]+\/history\.json$/, 'history'],
  [/^api\/v1\/quests\/[^/]+\.json$/, 'quest'],
];

/** Validates every JSON file of the API against the schema the site ships; returns how many were checked. */
export function validateApi(site: string): number {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const schemaDir = join(site, 'api/v1/schema');
  for (const f of readdirSync(schemaDir)) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')));
  let checked = 0;
  for (const f of walk(site).filter((f) => f.startsWith('api/v1/') && !f.startsWith('api/v1/schema/'))) {
    const kind = SCHEMA_OF.find(([re]) => re.test(f))?.[1];
    expect(kind, `no schema for ${f}`).toBeDefined();
    const validate = ajv.getSchema(`https://questlog.invalid/api/v1/schema/${kind}.schema.json`);
    if (!validate) throw new Error(`schema ${kind} not loaded`);
    const ok = validate(JSON.parse(readFileSync(join(site, f), 'utf8')));
    expect(ok, `${f}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    checked++;
  }
  return checked;
}
