import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Db } from '../src/engine/db.js';
import { migrate } from '../src/engine/migrate.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const SHARED = resolve(ROOT, '../shared');
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

// One hook per test file, registered when the file imports this module: an afterAll called from inside a test body is
// silently dropped by vitest, which leaked every folder a test made for itself (thousands per full run).
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder removed after the file's tests (wherever it is called: collection, a hook or a test body). */
export function tempDir(prefix = 'questlog-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh, migrated database file in a temp folder (a real file: locking and WAL behave as in production). */
export async function freshDb(dir = tempDir()): Promise<Db> {
  const db = await Db.open(join(dir, 'test.duckdb'));
  await migrate(db);
  return db;
}

/**
 * One fresh database for all of a file's tests, and a folder for their input files: made before the first test, the
 * database closed after the last (read `ctx.db` and `ctx.dir` inside tests). The database lives in a folder of its own,
 * so a glob over the inputs never meets it.
 */
export function sharedDb(): { readonly db: Db; readonly dir: string } {
  const ctx = {} as { db: Db; dir: string };
  beforeAll(async () => {
    ctx.dir = tempDir();
    ctx.db = await freshDb(tempDir());
  });
  afterAll(() => ctx.db?.close());
  return ctx;
}

/**
 * Whether an external tool exists. In CI a missing tool is a failure, never a skip; locally the test is skipped with
 * the command that installs it.
 */
export function haveTool(check: () => boolean, name: string, setup: string): boolean {
  let ok = false;
  try {
    ok = check();
  } catch {
    ok = false;
  }
  if (ok) return true;
  if (IN_CI) throw new Error(`${name} is required in CI but missing; .ci/run must install it (${setup})`);
  console.warn(`skipping: ${name} not found; set it up with: ${setup}`);
  return false;
}

export const haveFile = (path: string) => () => existsSync(path);
export const haveCommand =
  (cmd: string, args: string[] = ['--version']) =>
  () => {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  };

/** Runs the built CLI (as users do: `node dist/cli.js`), returning stdout, stderr and exit code. */
export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  try {
    const stdout = execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, TZ: 'UTC', ...opts.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { stdout, stderr: '', code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: e.status ?? 1 };
  }
}

/** In a message built for a test: text the test cannot know (a temp path, a library's error), matched as any text. */
export const ANY = '\u0000';

/**
 * A message function's text as a RegExp, so a test asserts the wording src/domain/*messages.ts gives: exact, except
 * ANY (any text) and NaN (a number the test cannot know, such as a time in ms: pass NaN for it). `whole`: anchored.
 */
export function messagePattern(text: string, whole = false): RegExp {
  const body = text
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll('NaN', '\\d+')
    .replaceAll(ANY, '[\\s\\S]*?');
  return new RegExp(whole ? `^${body}$` : body);
}
