// Which files an ingest covers: files, folders (recursively) and globs, with every entry that cannot be read named
// (dangling or looping links, unreadable folders) rather than stopping the ingest or vanishing silently.

import { type Dirent, existsSync, lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { errorMessage } from '../domain/errors.js';
import { inputMessages } from '../domain/input-messages.js';
import { ingestMessages as msg } from '../domain/messages.js';
import { type Db, sqlFile } from '../engine/db.js';
import { baseExt } from './formats.js';

const KNOWN_EXT = ['.csv', '.tsv', '.ndjson', '.jsonl', '.json', '.parquet', '.log', '.txt'];

/** An entry of a folder or glob that cannot be loaded, with why (a dangling or looping link, an unreadable folder). */
interface PathProblem {
  path: string;
  reason: string;
}

/**
 * Files, folders (recursively, known extensions) and globs (DuckDB's glob), as sorted absolute paths. An entry that
 * cannot be read is named with its reason and the rest still load: a dangling or looping symlink in a folder, and the
 * same through a glob (DuckDB's glob leaves those out silently, so the glob's folder is looked through for them).
 */
export async function expandPaths(
  db: Db,
  paths: string[],
  cwd: string,
): Promise<{ files: string[]; missing: PathProblem[] }> {
  const out = new Set<string>();
  const missing: PathProblem[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (/[*?[]/.test(p)) {
      const rows = await db.all<{ file: string }>(sqlFile('ingest/glob'), { pattern: abs });
      const broken = brokenLinks(globBase(abs), globRegex(abs));
      if (rows.length === 0 && broken.length === 0) missing.push({ path: p, reason: msg.noMatch });
      for (const r of rows) out.add(resolve(r.file));
      missing.push(...broken);
    } else if (!existsSync(abs)) {
      missing.push({ path: p, reason: linkProblem(abs) ?? msg.noMatch });
    } else if (statSync(abs).isDirectory()) {
      for (const f of walk(abs, missing)) if (KNOWN_EXT.includes(baseExt(f))) out.add(f);
    } else {
      out.add(abs);
    }
  }
  return { files: [...out].sort(), missing };
}

/**
 * Regular files below `dir`, and links to files; links to folders are not descended (as ever: a link to `/` must not
 * turn an ingest into a disk scan). Entries that cannot be followed and folders that cannot be listed (no
 * permission) are added to `problems` instead, and the rest of the tree is still walked.
 */
function walk(dir: string, problems: PathProblem[]): string[] {
  const files: string[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch (err) {
    problems.push({ path: dir, reason: inputMessages.cannotList(errorMessage(err)) });
    return files;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(full, problems));
    else if (entry.isFile()) files.push(full);
    else if (entry.isSymbolicLink()) {
      try {
        if (statSync(full).isFile()) files.push(full);
      } catch (err) {
        if (KNOWN_EXT.includes(baseExt(full)))
          problems.push({ path: full, reason: linkProblem(full) ?? errorMessage(err) });
      }
    }
  }
  return files;
}

/** Why a path that exists as a name cannot be opened: a link to nothing, or links in a circle. */
function linkProblem(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }
  try {
    statSync(path);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return inputMessages.linkLoop;
    return inputMessages.danglingLink(readlinkSync(path));
  }
}

/** The folder a glob starts from: its components up to the first with a wildcard. */
function globBase(pattern: string): string {
  const parts = pattern.split(sep);
  const first = parts.findIndex((c) => /[*?[]/.test(c));
  return parts.slice(0, first).join(sep) || sep;
}

/** The glob as a regex over absolute paths: `**` any folders, `*` and `?` within one name, `[...]` a class. */
function globRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Links below `base` matching `re` that cannot be followed (DuckDB's glob skips them without a word). */
function brokenLinks(base: string, re: RegExp): PathProblem[] {
  const found: PathProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(base, { recursive: true, encoding: 'utf8' });
  } catch {
    return found;
  }
  for (const name of names) {
    const full = join(base, name);
    if (!re.test(full)) continue;
    const problem = linkProblem(full);
    if (problem) found.push({ path: full, reason: problem });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}
