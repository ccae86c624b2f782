// The bench's questlog contender run as the harness runs it, timing the gap between its report line and its exit
// (the harness's wall ends at the exit): node exit-gap.mjs REPO DATA_DIR SITE(0|1) [N]
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const [repo, data, site, n = '1'] = process.argv.slice(2);
const work = '/work/fixed13f/gap';
rmSync(work, { recursive: true, force: true });
const inputs = readdirSync(data).sort().map((f) => join(data, f));
for (let i = 0; i < Number(n); i++) {
  const spec = {
    pkg: repo, fresh: true, db: join(work, 'q.duckdb'), inputs, out: join(work, 'out.json'), asOf: '2026-11-22',
    site: site === '1' ? join(work, 'site') : undefined, settings: { threads: 2, memory_limit: '6GB', temp_directory: join(work, 'tmp') },
    checkpoint: true,
  };
  const t0 = performance.now();
  let reported = 0;
  const child = spawn(process.execPath, [join(repo, 'bench/contenders/questlog.js'), JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; if (out.includes('\n')) reported ||= performance.now(); });
  await new Promise((r) => child.on('close', r));
  const end = performance.now();
  const r = JSON.parse(out.trim().split('\n').at(-1));
  const sum = Object.values(r.phases).reduce((a, b) => a + b, 0);
  console.log(`wall ${(end - t0).toFixed(0)} report at ${(reported - t0).toFixed(0)} exit gap ${(end - reported).toFixed(0)} phases ${sum} ${JSON.stringify(r.phases)}`);
}
