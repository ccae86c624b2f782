import { EXIT } from './messages.js';

/** A problem the user can fix (bad input, bad flag, locked database). The CLI prints message + hint and exits. */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;
  constructor(message: string, opts: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'UserError';
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? EXIT.usage;
  }
}

/** A bad input file: names the file (and line when known) so the user can find it. */
export class InputError extends UserError {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, reason: string, opts: { line?: number; hint?: string; cause?: unknown } = {}) {
    super(`${file}${opts.line === undefined ? '' : `:${opts.line}`}: ${reason}`, { ...opts, exitCode: EXIT.input });
    this.name = 'InputError';
    this.file = file;
    this.line = opts.line;
  }
}

/** A bug or broken invariant in questlog itself: never the user's fault. */
export class InternalError extends Error {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, opts);
    this.name = 'InternalError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
