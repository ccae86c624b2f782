// One golden convention for every output the tests pin: goldens live under test/golden/, `UPDATE_GOLDEN=1` rewrites
// them, and a mismatch writes what the code produced beside the golden as `<name>-changed.<ext>` (Observable
// Framework's convention), so `diff` shows the change; a later match removes it. `-changed` files are gitignored.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './helpers.js';

export const GOLDEN = join(ROOT, 'test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const CHANGED = /-changed(\.[^./]*)?$/;

/** `a/b.html` -> `a/b-changed.html`: beside the golden, same extension for viewers and diff tools. */
export function changedPath(path: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-changed${ext}`;
}

/** Every file under `dir` except `-changed` leftovers, as sorted relative paths. */
export function goldenWalk(dir: string): string[] {
  const out: string[] = [];
  const go = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) go(p);
      else if (!CHANGED.test(name)) out.push(relative(dir, p));
    }
  };
  go(dir);
  return out.sort();
}

/** Compares one text with test/golden/<name>. */
export function expectGoldenText(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `golden ${name} missing: run with UPDATE_GOLDEN=1`).toBe(true);
  const expected = readFileSync(path, 'utf8');
  const changed = changedPath(path);
  if (actual === expected) rmSync(changed, { force: true });
  else writeFileSync(changed, actual);
  expect(actual, `golden mismatch: ${name} (this run's output: ${relative(ROOT, changed)})`).toBe(expected);
}

/**
 * Compares a set of files (relative path -> text) with the folder test/golden/<name>/, the set of names too.
 * UPDATE_GOLDEN=1 replaces the folder; a file the golden lacks is written as `-changed` as well.
 */
export function expectGoldenFiles(name: string, files: Map<string, string>): void {
  const dir = join(GOLDEN, name);
  const names = [...files.keys()].sort();
  if (UPDATE) rmSync(dir, { recursive: true, force: true });
  else {
    expect(existsSync(dir), `golden ${dir} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    const known = goldenWalk(dir);
    for (const f of names.filter((n) => !known.includes(n))) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(changedPath(join(dir, f)), files.get(f) as string);
    }
    expect(names, `golden file set: ${name}`).toEqual(known);
  }
  for (const f of names) expectGoldenText(join(name, f), files.get(f) as string);
}
