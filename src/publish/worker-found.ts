// What a render worker is told of the recycled build folder (SiteFiles' `found`), so it creates its new files in one
// open: the files and folders it may write, packed into two strings. It never writes the month files of the history
// (the main thread keeps or writes them), which are most of a site with a long history: 10 of 15 entries at 365 days
// for 5,000 quests. Sent as they were (an array of 150,000 [path, kind] pairs, cloned once per worker), they cost the
// main thread ~0.5 s of CPU at 365 days and ~0.05 s at 30, so the nightly grew with its history (issue 16 NOTES, round
// 15 flat15); two strings clone as two copies of their bytes.
import { sep } from 'node:path';
import { API_DIR } from './api.js';
import type { Found } from './site-files.js';

/** `found` without the month files, as NUL-separated paths (no path holds a NUL). */
export interface PackedFound {
  files: string;
  dirs: string;
}

/** The entries of `found` (under `root`) a render worker may write, packed. */
export function packFound(found: Found, root: string): PackedFound {
  // A quest's month files live in `<API_DIR>/quests/<file id>/history/`, alone in that folder (monthPath).
  const quests = [root, ...API_DIR.split('/'), 'quests', ''].join(sep);
  const history = `${sep}history`;
  const inMonths = (path: string) => {
    if (!path.startsWith(quests)) return false;
    const at = path.indexOf(sep, quests.length);
    return (
      at > quests.length &&
      path.startsWith(history, at) &&
      (path.length === at + history.length || path[at + history.length] === sep)
    );
  };
  const files: string[] = [];
  const dirs: string[] = [];
  for (const [path, kind] of found) if (!inMonths(path)) (kind === 'file' ? files : dirs).push(path);
  return { files: files.join('\0'), dirs: dirs.join('\0') };
}

/** The Found map a worker's SiteFiles takes, from packFound's strings. */
export function unpackFound(packed: PackedFound): Found {
  const found: Found = new Map();
  for (const [paths, kind] of [
    [packed.dirs, 'dir'],
    [packed.files, 'file'],
  ] as const)
    if (paths !== '') for (const path of paths.split('\0')) found.set(path, kind);
  return found;
}
