// `npm start` runs this first: compiles TypeScript only when a source is newer than the last build (a full tsc
// takes ~25 s on a small machine, the demo job itself ~2 s). SQL and templates are read at run time: no build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// tsc rewrites every output on each build (`npm run build` too), so the entry point's time is the last build's.
const output = join(root, 'dist', 'cli.js');

/** Newest modification time of the compiler's inputs. */
function newestSource() {
  let newest = 0;
  const files = ['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f));
  for (const f of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.ts')) files.push(join(root, 'src', f));
  }
  for (const f of files) if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
if (newestSource() > built) {
  const started = Date.now();
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  process.stderr.write(`build: compiled in ${Date.now() - started} ms\n`);
}
