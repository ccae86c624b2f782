// What every CLI verb shares: where output goes (stdout, a progress bar on a terminal) and how help shows examples.
import type { Effects } from './domain/effects.js';

export const effects: Effects = {
  log: (line) => process.stdout.write(`${line}\n`),
  progress: (label, done, total) => {
    if (!process.stderr.isTTY) return;
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  },
};

export function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
