// Shared by the publish tests: walking a site, golden comparison, JSON Schema validation of every API file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { expectGoldenFiles } from './golden.js';
import { ROOT, tempDir } from './helpers.js';

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

/**
 * Vendored assets and copied schemas are not ours to pin byte for byte; everything else is, but gzip copies (binary,
 * zlib-version dependent), which the serve and publish tests decompress and compare with their file instead.
 */
export const goldenFiles = (site: string) =>
  walk(site).filter((f) => !f.startsWith('assets/') && !f.startsWith('api/v1/schema/') && !f.endsWith('.gz'));

/**
 * Compares a site with test/golden/<name>/ file by file (the set of files too), by the one golden convention
 * (test/golden.ts). `normalize` blanks what legitimately varies (e.g. generated_at).
 */
export function expectGolden(site: string, name: string, normalize: (text: string) => string = (t) => t): void {
  const files = new Map(goldenFiles(site).map((f) => [f, normalize(readFileSync(join(site, f), 'utf8'))]));
  expectGoldenFiles(name, files);
}

const SCHEMA_OF: [RegExp, string][] = [
  [/^api\/v1\/snapshot\.json$/, 'snapshot'],
  [/^api\/v1\/quests\.json$/, 'quests'],
  [/^api\/v1\/quests\/page-\d+\.json$/, 'quests'],
  [/^api\/v1\/index\.json$/, 'index'],
  [/^api\/v1\/quests\/[^/]+\/history\.json$/, 'history'],
  [/^api\/v1\/quests\/[^/]+\/history\/\d{4}-\d{2}\.json$/, 'history-month'],
  [/^api\/v1\/history-months\.json$/, 'history-months'],
  [/^api\/v1\/quests\/[^/]+\.json$/, 'quest'],
  [/^api\/v1\/segments\.json$/, 'segments'],
  [/^api\/v1\/segments\/[^/]+\/[^/]+\.json$/, 'segment'],
  [/^api\/v1\/chains\.json$/, 'chains'],
  [/^api\/v1\/chains\/[^/]+\.json$/, 'chain'],
  [/^api\/v1\/changes\.json$/, 'changes'],
];

/** Validates every JSON file of the API against the schema the site ships; returns how many were checked. */
export function validateApi(site: string): number {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const schemaDir = join(site, 'api/v1/schema');
  // The schemas have no $id (their base is where they are fetched from): each is registered under its file name, which
  // their relative $refs resolve against.
  for (const f of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')))
    ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')), f);
  let checked = 0;
  const api = walk(site).filter(
    (f) =>
      f.startsWith('api/v1/') && !f.startsWith('api/v1/schema/') && f.endsWith('.json') && f !== 'api/v1/openapi.json',
  );
  for (const f of api) {
    const kind = SCHEMA_OF.find(([re]) => re.test(f))?.[1];
    expect(kind, `no schema for ${f}`).toBeDefined();
    const validate = ajv.getSchema(`${kind}.schema.json`);
    if (!validate) throw new Error(`schema ${kind} not loaded`);
    const ok = validate(JSON.parse(readFileSync(join(site, f), 'utf8')));
    expect(ok, `${f}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    checked++;
  }
  return checked;
}

/** A copy of test/fixtures/publish/project (config, catalogue, events) in a temp folder. */
export function fixtureProject(): string {
  const dir = join(tempDir('questlog-publish-'), 'project');
  cpSync(join(ROOT, 'test/fixtures/publish/project'), dir, { recursive: true });
  return dir;
}

/** Blanks the fields that carry the wall clock (the rest of a site is a function of the data). */
export function normalizeClock(text: string): string {
  return (
    text
      // Indented or compact (history.json, month files): whitespace is not part of the API.
      .replace(/"(generated_at|computed_at)":( ?)"[^"]+"/g, '"$1":$2"<time>"')
      // Hashes of what carries the clock: the manifest's file hashes, a history month's version (its computed_at).
      .replace(/"sha256":( ?)"[0-9a-f]{64}"/g, '"sha256":$1"<hash>"')
      .replace(/"version":( ?)"\d+:[0-9a-f]{32}"/g, '"version":$1"<version>"')
      // The same fields in the API page's HTML-escaped JSON example.
      .replace(/&quot;(generated_at|computed_at)&quot;: &quot;.+?&quot;/g, '&quot;$1&quot;: &quot;<time>&quot;')
      .replace(/<time datetime="[^"]+">[^<]+<\/time>/g, '<time datetime="<time>"><time></time>')
  );
}

/** Hash of every file of a folder, to prove a site was left exactly as it was. */
export function fingerprint(dir: string): Map<string, string> {
  return new Map(
    walk(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

export interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stdout has matched `re` (rejects if the process exits first). */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Starts `node dist/cli.js ...` as a real child process. */
export function startCli(args: string[], opts: { cwd: string; env?: Record<string, string> }): Child {
  const proc = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    cwd: opts.cwd,
    env: { ...process.env, TZ: 'UTC', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((ok) => proc.on('close', (code) => ok(code)));
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (re, ms = 60_000) =>
      new Promise((ok, fail) => {
        const t0 = Date.now();
        const tick = setInterval(() => {
          const m = out.match(re);
          if (m) {
            clearInterval(tick);
            ok(m);
          } else if (proc.exitCode !== null || Date.now() - t0 > ms) {
            clearInterval(tick);
            fail(new Error(`no ${re} in output (exit ${proc.exitCode}):\n${out}\n${err}`));
          }
        }, 25);
      }),
  };
}
