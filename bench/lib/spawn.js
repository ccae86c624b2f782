// One contender run = one child process: wall time from spawn to exit, plus what the child reports about itself.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';

/**
 * Runs `cmd args` and resolves with wall ms, the child's last stdout line parsed as JSON (phases, maxRssKB, ...) and
 * the 1-minute load average when it started. Rejects with the child's stderr when it fails.
 */
export function runChild(cmd, args, { env = {}, timeoutMs = 3_600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const load1 = loadavg()[0];
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - t0);
      if (code !== 0) {
        reject(new Error(`${cmd} ${args[0] ?? ''} failed (${signal ?? `exit ${code}`}):\n${stderr.slice(-4000)}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ wallMs, load1, ...JSON.parse(last) });
      } catch {
        reject(new Error(`${cmd} ${args[0] ?? ''} printed no report line; stdout ends with: ${last.slice(-500)}`));
      }
    });
  });
}
