// Which folder a site lives in: the one `out` names, or, when `out` is a link, the folder it points to.
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../domain/errors.js';
import { opsMessages } from '../domain/ops-messages.js';

/**
 * Publish never creates a link at `out`, so one there is the operator's (`reports -> /var/www/quests`) and is followed:
 * the site is built beside its target and swapped in there, and the link keeps leading to the live site. Swapping at
 * the link's own path replaced the link with a folder, and the target, the folder a web server serves, kept the old
 * site for good while every nightly exited 0. A file at `out` is refused before anything is built (it was exit 70).
 */
export function siteFolder(out: string): string {
  const path = resolve(out);
  let link = false;
  try {
    const st = lstatSync(path);
    link = st.isSymbolicLink();
    if (!link && !st.isDirectory()) throw new UserError(opsMessages.outIsFile(path), { cli: ['otherOut'] });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw err;
  }
  if (!link) return path;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    const target = readlinkSync(path);
    throw new UserError(opsMessages.outDangling(path, target), { hint: opsMessages.outDanglingHint(target) });
  }
  if (!statSync(real).isDirectory()) throw new UserError(opsMessages.outIsFile(path), { cli: ['otherOut'] });
  return real;
}
