// SIGTERM and SIGINT for the long verbs (nightly, ingest, stats, publish, serve). Without a handler they were kill -9:
// the run stayed `running`, its lock and build folder stayed until the next run. The first signal asks the job to
// stop (an AbortSignal in its effects): it stops at its next safe point and cleans up as for any error, and the CLI
// exits 130 / 143. A second one exits at once; the next run cleans up after it, as after kill -9.
import type { Effects } from './domain/effects.js';
import { Interrupted } from './domain/interrupt.js';
import { opsMessages } from './domain/ops-messages.js';
import { printable } from './domain/terminal.js';

/** `effects` with a signal that SIGTERM or SIGINT aborts (its reason: an Interrupted error with the exit code). */
export function stoppable(effects: Effects): Effects {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      const stop = new Interrupted(name);
      if (controller.signal.aborted) {
        if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
        process.stderr.write(printable(`${opsMessages.stopNow(name)}\n`));
        process.exit(stop.exitCode);
      }
      effects.log(opsMessages.stopping(name));
      controller.abort(stop);
    });
  }
  return { ...effects, signal: controller.signal };
}

/** `serve`'s stop: the server closes (no request is cut mid-way), and the CLI exits 130 / 143 as it would have. */
export function closeOnStop(effects: Effects, server: { close(): Promise<void> }): void {
  const signal = effects.signal;
  signal?.addEventListener('abort', () => {
    process.exitCode = (signal.reason as Interrupted).exitCode;
    void server.close();
  });
}
