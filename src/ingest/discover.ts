// Which files an ingest covers: files, folders (recursively) and globs, with every entry that cannot be read named
// (dangling or looping links, unreadable folders) rather than stopping the ingest or vanishing silently.

import { type Dirent, existsSync, lstatSync, readdirSync, readlinkSync, type Stats, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { CONFIG_FILE, SITE_MARKER } from '../defaults.js';
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
    // A name that exists is that file or folder, even when it holds a wildcard character (`a[1].csv`).
    if (/[*?[]/.test(p) && !existsSync(abs)) {
      const scan = globScan(globBase(abs), globRegex(abs));
      const files = await duckGlob(db, abs, scan);
      if (files.length === 0 && scan.problems.length === 0) missing.push({ path: p, reason: msg.noMatch });
      for (const f of files) out.add(f);
      missing.push(...scan.problems);
    } else if (!existsSync(abs)) {
      missing.push({ path: p, reason: linkProblem(abs) ?? msg.noMatch });
    } else if (statSync(abs).isDirectory()) {
      for (const f of walk(abs, missing)) if (KNOWN_EXT.includes(baseExt(f))) out.add(f);
    } else if (!statSync(abs).isFile()) {
      // A named pipe would block the read forever, a device (/dev/zero) never end.
      missing.push({ path: p, reason: inputMessages.notAFile(kindOf(statSync(abs))) });
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
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).sort((a, b) =>
      Buffer.compare(a.name, b.name),
    );
  } catch (err) {
    problems.push({ path: dir, reason: inputMessages.cannotList(errorMessage(err)) });
    return files;
  }
  for (const entry of entries) {
    const name = utf8(entry.name);
    if (name === undefined) {
      // Decoded as Node would (U+FFFD for the bad bytes), the path names no file: say why instead of 'not found'.
      const shown = join(dir, entry.name.toString());
      if (entry.isDirectory() || KNOWN_EXT.includes(baseExt(shown)))
        problems.push({ path: shown, reason: inputMessages.nameNotUtf8 });
      continue;
    }
    const full = join(dir, name);
    if (entry.isDirectory()) {
      if (!questlogOwn(full, true)) files.push(...walk(full, problems));
    } else if (entry.isFile()) {
      if (!questlogOwn(full, false)) files.push(full);
    } else if (entry.isSymbolicLink()) {
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

/**
 * questlog's own files met in a folder walk (`ingest .` in a project folder): the config file and published sites
 * (the out folder, its recycled copy and a killed publish's temp), whose thousands of JSON files are no event log and
 * would each land in quarantine. Named on the command line they are still read.
 */
function questlogOwn(path: string, folder: boolean): boolean {
  return folder ? existsSync(join(path, SITE_MARKER)) : path.endsWith(`${sep}${CONFIG_FILE}`);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A name read as bytes, as text; undefined when it is not valid UTF-8. */
function utf8(name: Buffer): string | undefined {
  try {
    return STRICT_UTF8.decode(name);
  } catch {
    return undefined;
  }
}

/** What a path that is neither a file nor a folder is, for the message. */
function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a file';
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
  try {
    return new RegExp(`^${re}$`);
  } catch {
    // A class no name can match (`[z-a]`): DuckDB's glob matches nothing there either.
    return /(?!)/;
  }
}

/**
 * What below `base` matches `re`: the files DuckDB's glob would give, and what it leaves out silently or cannot give
 * at all: links that cannot be followed, and names that are not valid UTF-8 (its glob then fails as a whole).
 */
function globScan(base: string, re: RegExp): { files: string[]; problems: PathProblem[] } {
  const files: string[] = [];
  const problems: PathProblem[] = [];
  for (const { path, valid } of listAll(base)) {
    if (!re.test(path)) continue;
    const problem = valid ? linkProblem(path) : inputMessages.nameNotUtf8;
    if (problem) problems.push({ path, reason: problem });
    else if (isFile(path)) files.push(path);
  }
  problems.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files: files.sort(), problems };
}

/**
 * Every entry below `dir` (folders descended, links not), names read as bytes: `valid` false for a name that is not
 * UTF-8, shown as Node decodes it. (Node 20's recursive readdir cannot give bytes, and as text it hides such names.)
 */
function listAll(dir: string, out: { path: string; valid: boolean }[] = []): { path: string; valid: boolean }[] {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const name = utf8(entry.name);
    const path = join(dir, name ?? entry.name.toString());
    out.push({ path, valid: name !== undefined });
    if (name !== undefined && entry.isDirectory()) listAll(path, out);
  }
  return out;
}

/** DuckDB's glob; when a name it meets is not UTF-8 it fails as a whole, and the scan's files (the rest) are taken. */
async function duckGlob(
  db: Db,
  pattern: string,
  scan: { files: string[]; problems: PathProblem[] },
): Promise<string[]> {
  try {
    const rows = await db.all<{ file: string }>(sqlFile('ingest/glob'), { pattern });
    return rows.map((r) => resolve(r.file));
  } catch (err) {
    if (!scan.problems.some((x) => x.reason === inputMessages.nameNotUtf8)) throw err;
    return scan.files;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
