// A full disk, a folder questlog may not write, a read-only mount: the machine's state, not a bug. They were printed
// as "internal error (a bug, please report it)" with a stack and exit 70; now each is a clear error naming what could
// not be written, exit 1 (README "Exit codes": a command failed for another reason).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemProblem } from '../src/domain/errors.js';
import { cliMessages, EXIT, publishMessages } from '../src/domain/messages.js';
import { cli, ROOT } from './helpers.js';
import { fixtureProject } from './publish-helpers.js';

const errno = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('systemProblem', () => {
  it.each([
    [errno('ENOSPC', 'ENOSPC: no space left on device, write'), 'ENOSPC: no space left on device, write'],
    [errno('EACCES', "EACCES: permission denied, mkdir '/srv/x'"), "EACCES: permission denied, mkdir '/srv/x'"],
    [errno('EROFS', "EROFS: read-only file system, open '/x'"), "EROFS: read-only file system, open '/x'"],
    // A render worker's error reaches the main thread as a message without its code.
    [new Error('EDQUOT: disk quota exceeded, write'), 'EDQUOT: disk quota exceeded, write'],
    // DuckDB's own wording (seen with its database on a full 1 MB tmpfs).
    [
      new Error(
        'TransactionContext Error: Failed to commit: Could not write file "/t/x.duckdb.wal": No space left on device\nmore',
      ),
      'TransactionContext Error: Failed to commit: Could not write file "/t/x.duckdb.wal": No space left on device',
    ],
  ])('names %s as the machine’s', (err, reason) => {
    expect(systemProblem(err)).toBe(reason);
  });

  it.each([
    [new TypeError("Cannot read properties of undefined (reading 'x')")],
    [errno('ENOENT', "ENOENT: no such file or directory, open '/x'")],
    [new Error('Binder Error: column "x" not found')],
    ['ENOSPC: a string, not an error'],
  ])('leaves %s to the caller (a bug or the user’s)', (err) => {
    expect(systemProblem(err)).toBeUndefined();
  });
});

describe('publish into a folder this user may not write (as nobody)', () => {
  it('is exit 1 naming the site and the reason, not an internal error, and writes nothing', () => {
    const project = fixtureProject();
    expect(cli(['nightly', '--as-of', '2026-11-21'], { cwd: project }).code).toBe(0);
    // The project and its own temp folder (made 0700) only: never the shared temp root above them.
    for (const d of [dirname(project), project]) chmodSync(d, 0o755);
    const locked = join(project, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const out = join(locked, 'site');
    const r = spawnSync(
      'runuser',
      ['-u', 'nobody', '--', process.execPath, join(ROOT, 'dist/cli.js'), 'publish', '--out', out],
      { cwd: project, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
    );
    expect(r.status, r.stderr).toBe(EXIT.failed);
    // Its first write is the site's lock, beside the site.
    const said = cliMessages.error(publishMessages.cannotWrite(out, 'EACCES: permission denied, open ')).trimEnd();
    expect(r.stderr).toContain(said);
    expect(r.stderr).toContain(cliMessages.hint(publishMessages.cannotWriteHint));
    expect(r.stderr).not.toContain(cliMessages.internal('').trim());
    expect(existsSync(out)).toBe(false);
  });
});
