// A publish's build folder and render workers, begun while the database answers the reads: the walk of the recycled
// folder (~1 s at 5,000 quests on a loaded machine) and the workers' module loading (~1 s, ~0.4 s of CPU for two) ran
// after the reads, on the main thread's path to the first batch of quest pages (issue 16 NOTES, round 12).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SITE_MARKER } from '../defaults.js';
import type { Effects } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { untilStopped } from '../domain/interrupt.js';
import { publishMessages } from '../domain/messages.js';
import { RenderPool } from './render-pool.js';
import { buildDir, type Found, recoverSite } from './site-files.js';
import { siteFolder } from './site-folder.js';

/** Where the new site is built (`tmp`), what its recycled folder held, and its render workers (none: this thread). */
export interface Build {
  out: string;
  tmp: string;
  found: Found;
  pool: RenderPool | null;
}

/**
 * Recovers and checks `out`, starts `workers` render workers (their modules load meanwhile) and walks the recycled
 * folder. On failure nothing is left running.
 */
export async function startBuild(outOption: string, workers: number): Promise<Build> {
  const out = siteFolder(outOption);
  mkdirSync(dirname(out), { recursive: true });
  recoverSite(out);
  guardOut(out);
  const pool = workers > 0 ? new RenderPool(workers) : null;
  try {
    const { dir, found } = await buildDir(out);
    return { out, tmp: dir, found, pool };
  } catch (err) {
    await pool?.close();
    throw err;
  }
}

/** A build whose publish failed before writing (a read failed): its workers stopped, its folder removed. */
export async function abandonBuild(build: Promise<Build>): Promise<void> {
  const b = await build.catch(() => undefined);
  if (!b) return;
  await b.pool?.close();
  await rm(b.tmp, { recursive: true, force: true });
}

/** `--out .` must not wipe a project: only an empty folder or a previous site may be replaced. */
function guardOut(out: string): void {
  if (!existsSync(out)) return;
  const entries = readdirSync(out).filter((e) => e !== '.gitkeep');
  if (entries.length === 0 || existsSync(join(out, SITE_MARKER))) return;
  throw new UserError(publishMessages.notASite(out), { cli: ['otherOut'] });
}

/** The crash tests' pause (QUESTLOG_TEST_PAUSE): waits until the process is killed, or a signal stops the run. */
export async function pauseForever(effects: Effects, what: string): Promise<never> {
  effects.log(publishMessages.testPause(what));
  return untilStopped(effects);
}
