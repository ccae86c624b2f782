// A stop asked for from outside the job (the CLI turns SIGTERM and SIGINT into an AbortSignal in `effects.signal`).
// The library never installs a signal handler nor exits: a job checks the signal at its safe points (between files,
// steps, page batches) and stops there by throwing, so its own clean-up runs (the build folder, temp files, the lock,
// the run's row), as it does for any error.
import type { Effects } from './effects.js';
import { UserError } from './errors.js';
import { opsMessages } from './ops-messages.js';

/** Exit codes by convention 128 + the signal's number. */
const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof CODES;

/** Why a job stopped when a signal asked it to: exit 130 (SIGINT) or 143 (SIGTERM), as if the signal had ended it. */
export class Interrupted extends UserError {
  constructor(readonly signal: StopSignal) {
    super(opsMessages.interrupted(signal), { hint: opsMessages.interruptedHint, exitCode: CODES[signal] });
    this.name = 'Interrupted';
  }
}

const reasonOf = (s: AbortSignal): Error => (s.reason instanceof Error ? s.reason : new Interrupted('SIGTERM'));

/** A safe point: throws when a stop was asked for. */
export function stopPoint(effects: Effects): void {
  const s = effects.signal;
  if (s?.aborted) throw reasonOf(s);
}

/**
 * The error a failed job reports: once a stop was asked for, an error that is not already the user's (a query the
 * stop cut short, a worker terminated) is the stop's.
 */
export function whyStopped(effects: Effects, err: unknown): unknown {
  const s = effects.signal;
  return s?.aborted && !(err instanceof UserError) ? reasonOf(s) : err;
}

/** Never resolves; rejects when a stop is asked for (a test pause must not outlive SIGTERM). */
export function untilStopped(effects: Effects): Promise<never> {
  return new Promise<never>((_, reject) => {
    const s = effects.signal;
    if (s?.aborted) {
      reject(reasonOf(s));
      return;
    }
    // Keeps the process waiting, as a pause is meant to; cleared when the stop comes.
    const timer = setInterval(() => {}, 60_000);
    s?.addEventListener(
      'abort',
      () => {
        clearInterval(timer);
        reject(reasonOf(s));
      },
      { once: true },
    );
  });
}
