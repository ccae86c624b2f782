// bench/run.js empties <data>/run when it starts: a second run beside a long one must refuse, not delete the first
// one's files (a 100M run was lost that way). A lock left by a killed run is taken over.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeLock } from '../bench/lib/lock.js';
import { tempDir } from './helpers.js';

describe('bench lock', () => {
  it('is taken, refused while its holder lives, taken over once it has died, and released', async () => {
    const dir = tempDir('bench-lock');
    const path = join(dir, 'run.lock');
    const release = takeLock(path, 'DIR');
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(() => readFileSync(path)).toThrow();

    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(path, `${other.pid}\n`);
      expect(() => takeLock(path, 'DIR')).toThrow(
        `another bench run (pid ${other.pid}) is using DIR; wait for it, or pass --data with another folder`,
      );
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // The holder is gone: its lock is stale.
    const again = takeLock(path, 'DIR');
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    again();
  });
});
