import { type CliHint, EXIT } from './messages.js';

interface UserErrorOptions {
  /** The next step for any caller: a notebook shows it with the error, the CLI when there is no `cli` hint. */
  hint?: string;
  /** The CLI's own next step (commands, flags); the CLI prefers it to `hint`. */
  cli?: CliHint;
  exitCode?: number;
  cause?: unknown;
}

/** A problem the user can fix (bad input, bad flag, locked database). The CLI prints message + hint and exits. */
export class UserError extends Error {
  readonly hint: string | undefined;
  /**
   * A hint naming CLI commands or flags, turned into text by the CLI only (src/domain/messages.ts `cliHints`); the CLI
   * shows it instead of `hint`, which says the same for callers that have no flags to pass.
   */
  readonly cli: CliHint | undefined;
  readonly exitCode: number;
  constructor(message: string, opts: UserErrorOptions = {}) {
    super(message, { cause: opts.cause });
    this.name = 'UserError';
    this.hint = opts.hint;
    this.cli = opts.cli;
    this.exitCode = opts.exitCode ?? EXIT.usage;
  }
}

/** A bad input file: names the file (and line when known) so the user can find it. */
export class InputError extends UserError {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, reason: string, opts: Omit<UserErrorOptions, 'exitCode'> & { line?: number } = {}) {
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

/** Errno codes of the machine's state (a full disk, no permission, a read-only mount), never of a bug in questlog. */
const SYSTEM_CODES = ['ENOSPC', 'EDQUOT', 'EFBIG', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE', 'ENFILE'];
const SYSTEM_CODE = new RegExp(`^(?:${SYSTEM_CODES.join('|')}):`);
/** The same problems as DuckDB words them in its IO errors (it gives no errno). */
const SYSTEM_TEXT =
  /No space left on device|Disk quota exceeded|File too large|Permission denied|Operation not permitted|Read-only file system|Input\/output error|Too many open files/i;

/**
 * Why an error is the machine's and not questlog's (a full disk, a folder it may not write), as the error says it;
 * undefined for anything else. Matched on the message too: a render worker's error reaches the main thread without
 * its code.
 */
export function systemProblem(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as NodeJS.ErrnoException).code;
  const first = err.message.split('\n')[0] ?? err.message;
  if ((code !== undefined && SYSTEM_CODES.includes(code)) || SYSTEM_CODE.test(first) || SYSTEM_TEXT.test(first)) {
    return first;
  }
  return undefined;
}
