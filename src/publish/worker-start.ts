// Starting a render worker (render-pool.ts): its entry file, its options and its young generation.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InternalError } from '../domain/errors.js';
import { publishMessages } from '../domain/messages.js';
import { packageRoot } from '../root.js';

/**
 * Each worker's young generation (V8's new space: two semi-spaces of a third each): 192 MB, against the default's 48.
 * A quest's render makes ~120 KB of strings and small objects that die with it; in 16 MB semi-spaces the scavenger
 * runs every ~100 quests, copying whatever is live then. At 5,000 quests: 4 of 4 publishes used less CPU (median
 * -1.4 s of 29.6 s, -5%; issue 16 NOTES, round 9). Costs up to ~100 MB more memory per worker.
 */
const YOUNG_GENERATION_MB = 192;

/**
 * The process's Node options for a worker, minus those about a string entry (`node --input-type=module -e …`, `-p`,
 * stdin): a worker inheriting `--input-type` fails to load its file (ERR_INPUT_TYPE_NOT_ALLOWED), and `-e`'s code is
 * not the worker's.
 */
function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (/^--input-type(=|$)/.test(arg)) {
      if (arg === '--input-type') i++;
    } else if (['-e', '--eval', '-p', '--print'].includes(arg)) i++;
    else if (!/^--(eval|print)=/.test(arg)) out.push(arg);
  }
  return out;
}

/**
 * A worker with the process's options (workerExecArgv), minus those Node refuses in a worker: V8's and the process's
 * (`node --max-old-space-size=8192 …`, `--expose-gc`) made every publish with workers fail (ERR_WORKER_INVALID_EXEC_ARGV).
 * Node names the refused ones only in its error's message; V8's apply to the whole process anyway.
 */
export function startWorker(entry: URL, init: { env: NodeJS.ProcessEnv }): Worker {
  const execArgv = workerExecArgv();
  const options = { ...init, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  try {
    return new Worker(entry, { ...options, execArgv });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    const refused = new Set(e.message.slice(e.message.indexOf(': ') + 2).split(', '));
    return new Worker(entry, { ...options, execArgv: execArgv.filter((a) => !refused.has(a)) });
  }
}

/**
 * The worker's entry: beside this module when built (dist/publish/render-worker.js). Under vitest this module runs
 * from src/ as TypeScript through vite, which a worker thread does not go through: the built entry is used then
 * (`npm test` builds first).
 */
export function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./render-worker.js', import.meta.url);
  const built = join(packageRoot, 'dist/publish/render-worker.js');
  if (!existsSync(built)) throw new InternalError(publishMessages.workerMissing(built));
  return pathToFileURL(built);
}
