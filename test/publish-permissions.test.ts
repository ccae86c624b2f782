// The published site is read by a web server running as another user: folders 0755, files 0644 (under the usual
// umask 022), on a first publish and on the recycled ones, read here as `nobody`.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { writeSite } from '../src/publish/publish.js';
import { NOW, SITE } from './fixtures/publish/site.js';
import { haveCommand, haveTool, tempDir } from './helpers.js';
import { walk } from './publish-helpers.js';

const effects = () => ({ ...recorder(), now: () => NOW });
const isRoot = process.getuid?.() === 0;
const canSwitch = isRoot && haveTool(haveCommand('runuser', ['--help']), 'runuser', 'apt-get install util-linux');

/** Mode bits of every folder and file of a site, by relative path ('.' is the site folder itself). */
function modes(site: string): Map<string, number> {
  const out = new Map<string, number>([['.', statSync(site).mode & 0o777]]);
  for (const f of walk(site)) {
    out.set(f, statSync(join(site, f)).mode & 0o777);
    for (let d = join(f, '..'); d !== '.'; d = join(d, '..')) out.set(`${d}/`, statSync(join(site, d)).mode & 0o777);
  }
  return out;
}

/** Publishes `times` times in a row under `umask` (set for the process, restored after). */
async function publishTimes(out: string, times: number, umask: number): Promise<void> {
  const before = process.umask(umask);
  try {
    for (let i = 0; i < times; i++) await writeSite(SITE, { out }, effects());
  } finally {
    process.umask(before);
  }
}

describe('site permissions', () => {
  it('are 0755 for folders and 0644 for files under umask 022, on the first and on recycled publishes', async () => {
    const out = join(tempDir(), 'site');
    for (const n of [1, 2, 3]) {
      await publishTimes(out, 1, 0o022);
      const wrong = [...modes(out)].filter(([f, m]) => m !== (f === '.' || f.endsWith('/') ? 0o755 : 0o644));
      expect(
        wrong.map(([f, m]) => `${f} ${m.toString(8)}`),
        `after publish ${n}`,
      ).toEqual([]);
    }
  });

  it('honour a stricter umask the user set (027: nothing for others)', async () => {
    const out = join(tempDir(), 'site');
    await publishTimes(out, 2, 0o027);
    const wrong = [...modes(out)].filter(([f, m]) => m !== (f === '.' || f.endsWith('/') ? 0o750 : 0o640));
    expect(wrong.map(([f, m]) => `${f} ${m.toString(8)}`)).toEqual([]);
  });

  it('follow the umask of the publish when it changed since the recycled site was written (077, then 022)', async () => {
    // Kept files (assets, past months) are not rewritten: they kept 0600 and their folders 0700, so a web server
    // running as another user could not read them after the umask was fixed.
    const out = join(tempDir(), 'site');
    await publishTimes(out, 2, 0o077);
    for (const n of [1, 2]) {
      await publishTimes(out, 1, 0o022);
      const wrong = [...modes(out)].filter(([f, m]) => m !== (f === '.' || f.endsWith('/') ? 0o755 : 0o644));
      expect(
        wrong.map(([f, m]) => `${f} ${m.toString(8)}`),
        `after publish ${n} under 022`,
      ).toEqual([]);
    }
  });

  it.runIf(canSwitch)('let another user (nobody) read every file after two publishes in a row', async () => {
    const dir = tempDir();
    // The temp folder itself is 0700 (mkdtemp); the site's parent must be reachable, as a web root is.
    chmodSync(dir, 0o755);
    const parent = join(dir, 'www');
    mkdirSync(parent, { mode: 0o755 });
    const out = join(parent, 'site');
    await publishTimes(out, 2, 0o022);
    const files = walk(out);
    expect(files.length).toBeGreaterThan(10);
    // One process as nobody reads every file (cat fails on the first it cannot open) and lists every folder.
    const read = execFileSync(
      'runuser',
      ['-u', 'nobody', '--', 'sh', '-c', 'cd "$1" && find . -type f -exec cat {} + | wc -c', 'sh', out],
      {
        encoding: 'utf8',
      },
    );
    const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
    expect(Number(read.trim())).toBe(bytes);
  });
});
