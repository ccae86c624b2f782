// A notebook reading while the nightly writes: two processes, both must succeed (see src/engine/readcopy.ts).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../src/engine/db.js';
import { statsCommand } from '../src/jobs/stats.js';
import { ROOT, tempDir } from './helpers.js';
import { tinyDb } from './notebook-helpers.js';

const READER = `
import { existsSync } from 'node:fs';
import { open } from ${JSON.stringify(join(ROOT, 'dist/notebook.js'))};
const [mode, path, stop] = process.argv.slice(2);
if (mode === 'live') {
  try { await open(path); console.log(JSON.stringify({ opened: true })); }
  catch (e) { console.log(JSON.stringify({ opened: false, error: e.message, code: e.exitCode })); }
  process.exit(0);
}
const long = await open();
let reads = 0;
const errors = [];
const counts = new Set();
while (!existsSync(stop) || reads < 5) {
  try {
    const ql = await open();
    const [{ n }] = await ql.rows\`SELECT count(*)::INTEGER AS n FROM events\`;
    counts.add(n);
    await ql.snapshot();
    ql.close();
    await long.rows\`SELECT count(*) FROM snapshots\`;
    reads++;
  } catch (e) { errors.push(e.message); }
}
long.close();
const last = await open();
const [{ n: final }] = await last.rows\`SELECT count(*)::INTEGER AS n FROM events\`;
last.close();
console.log(JSON.stringify({ reads, errors, counts: [...counts].sort((a, b) => a - b), final }));
`;

function node(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('a notebook beside the nightly', () => {
  it('reads the published copy without a break while stats runs write and republish it', async () => {
    const dir = tempDir();
    const path = await tinyDb(dir);
    const config = { root: dir, sources: {} };
    await statsCommand({ db: path, config }, { log() {} });
    const script = join(dir, 'reader.mjs');
    writeFileSync(script, READER);
    const stop = join(dir, 'stop');
    const reader = node([script, 'copy', '', stop], { QUESTLOG_DB: path });

    const writes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const db = await Db.open(path);
      await db.run(
        `INSERT INTO events VALUES (2, $i, TIMESTAMP '2026-11-28 12:00:00' + INTERVAL (($i)) MINUTE, 'p3', 'KIL0002', 'accepted', NULL, NULL, NULL);
         INSERT INTO dirty_players VALUES ('p3');`.replaceAll('$i', String(i)),
      );
      // While this process holds the live file, a read-only open of it from another process fails: why the copy exists.
      if (i === 0) {
        const live = await node([script, 'live', path, stop], {});
        expect(JSON.parse(live.stdout)).toMatchObject({ opened: false, code: 75 });
      }
      db.close();
      const r = await statsCommand({ db: path, config, asOf: '2026-11-28' }, { log() {} });
      writes.push(r.dates.join(','));
    }
    writeFileSync(stop, '');
    const res = await reader;
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = JSON.parse(res.stdout) as { reads: number; errors: string[]; counts: number[]; final: number };
    expect(result.errors).toEqual([]);
    expect(result.reads).toBeGreaterThanOrEqual(5);
    expect(writes).toEqual(Array(6).fill('2026-11-28'));
    // Reads happened while the data grew (3 events before the writes), and a new open sees all six writes.
    expect(result.counts[0]).toBeGreaterThanOrEqual(3);
    expect(result.final).toBe(9);
  }, 180_000);
});
