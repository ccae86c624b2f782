// How the CLI writes: results (tables, JSON, CSV) on stdout as they are; log lines on stdout (stderr when the result
// is JSON or CSV, so a pipe gets only data), stamped with the UTC time when stdout is not a terminal (cron logs);
// progress on stderr only when it is a terminal, erased before any other line is written so the two never mix.
// A closed pipe (`questlog stats | head -1`) ends the output quietly instead of crashing with EPIPE.

import type { Effects } from './domain/effects.js';
import { progressMessages as msg } from './domain/progress-messages.js';
import { printable } from './domain/terminal.js';

interface CliOutputOptions {
  /** Show per-file detail lines. */
  verbose?: boolean;
  /** The result is JSON or CSV: log lines go to stderr. */
  machine?: boolean;
  /** Defaults: the real streams and clock (tests pass their own). */
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  now?: () => Date;
}

/** Redraws of the progress line at most this often (a terminal flooded with redraws slows the job). */
const REDRAW_MS = 100;

/** `2026-12-05T03:15:02Z `: sorts, greps and reads the same in every zone. */
function stamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z `;
}

const guarded = new WeakSet<NodeJS.WriteStream>();
const closedPipes = new WeakSet<NodeJS.WriteStream>();

/**
 * The reader went away (`| head`, a pager quitting): nothing more to say to it, and no EPIPE stack trace for that.
 * The command itself carries on (a nightly piped into a logger that died must still publish).
 */
export function guardPipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closedPipes.add(stream);
  });
}

export function cliOutput(opts: CliOutputOptions = {}): Effects {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const now = opts.now ?? (() => new Date());
  guardPipe(stdout);
  const bar = { shown: '', last: 0, label: '' };
  const phase = { label: '', start: 0, from: 0, done: 0, total: 0 };
  /** Time left at the phase's pace so far, once it has run a second and moved. */
  const eta = (t: number) => {
    const secs = (t - phase.start) / 1000;
    const moved = phase.done - phase.from;
    const left = moved > 0 ? (secs * (phase.total - phase.done)) / moved : 0;
    return secs >= 1 && left >= 1 ? msg.eta(left) : '';
  };
  const erase = () => {
    if (bar.shown) stderr.write('\r\u001b[K');
  };
  const redraw = () => {
    if (bar.shown) stderr.write(bar.shown);
  };
  /** Writes whole lines around the progress line: erase it, write, draw it again. */
  const write = (stream: NodeJS.WriteStream, text: string) => {
    if (stream === stdout && closedPipes.has(stdout)) return;
    erase();
    stream.write(text);
    redraw();
  };
  const logStream = opts.machine ? stderr : stdout;
  const log = (line: string) => write(logStream, `${logStream.isTTY ? '' : stamp(now())}${printable(line)}\n`);
  return {
    log,
    detail: opts.verbose ? log : undefined,
    warn: (line) => log(`warning: ${line}`),
    data: (line) => write(stdout, printable(`${line}\n`)), // whole line: a CSV row's CRLF is kept
    now,
    // No terminal, no progress sink: the library then skips the work behind progress (polling DuckDB while it reads).
    progress: !stderr.isTTY
      ? undefined
      : (label, done, total, unit) => {
          const t = now().getTime();
          // A new phase (or one that went back) starts its own clock for the ETA.
          if (label !== phase.label || done < phase.done) Object.assign(phase, { label, start: t, from: done });
          Object.assign(phase, { done, total });
          if (done >= total) {
            erase();
            bar.shown = '';
            return;
          }
          if (t - bar.last < REDRAW_MS && bar.shown && bar.label === label) return;
          bar.last = t;
          bar.label = label;
          const width = 30;
          const filled = Math.round((done / Math.max(total, 1)) * width);
          erase();
          bar.shown = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${msg.amount(done, total, unit)}${eta(t)}`;
          stderr.write(bar.shown);
        },
  };
}
