// `questlog publish`: the static site for a stored snapshot, from a database opened read-only.
import type { Config } from '../config.js';
import type { Effects } from '../domain/effects.js';
import { systemProblem, UserError } from '../domain/errors.js';
import { EXIT, publishMessages } from '../domain/messages.js';
import { type PublishOptions, type PublishSummary, publish } from '../publish/publish.js';
import { acquireLock, siteLock } from './nightly-lock.js';
import { siteTarget, withDb } from './run.js';

/** Opens the database read-only (a publish never changes it) and publishes to `--out` or the configured folder. */
export async function publishCommand(
  opts: Omit<PublishOptions, 'out' | 'title'> & { db: string; out?: string; config: Config },
  effects: Effects,
): Promise<PublishSummary> {
  const { db: path, config, out, ...rest } = opts;
  const alerts = rest.alerts ?? config.alerts;
  const target = siteTarget(config, out);
  const workers = rest.workers ?? target.workers;
  let release = () => {};
  try {
    // The nightly's site lock: two runs swapping the same folder at once made one fail (ENOTEMPTY).
    release = acquireLock(siteLock(target.out), effects, { job: 'publish', site: target.out });
    return await withDb(path, (db) => publish(db, { ...rest, alerts, ...target, workers }, effects), {
      readOnly: true,
    });
  } catch (err) {
    // A full disk or a folder it may not write: say which site, and that the live one is still whole.
    const problem = systemProblem(err);
    if (problem === undefined) throw err;
    throw new UserError(publishMessages.cannotWrite(target.out, problem), {
      exitCode: EXIT.failed,
      hint: publishMessages.cannotWriteHint,
      cause: err,
    });
  } finally {
    release();
  }
}
