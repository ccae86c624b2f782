// How the CLI writes (src/cli-output.ts), with fake terminals and pipes: timestamps only where no one watches,
// progress only on a terminal and erased before any other line, detail lines only when verbose.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cliOutput } from '../src/cli-output.js';

function stream(isTTY: boolean) {
  const s = Object.assign(new EventEmitter(), {
    isTTY,
    text: '',
    write: (t: string) => {
      s.text += t;
      return true;
    },
  });
  return s;
}
const now = () => new Date('2026-12-05T03:15:02.345Z');

describe('CLI output', () => {
  it('stamps log lines in a log file, not results; no progress and no detail lines there', () => {
    const out = stream(false);
    const err = stream(false);
    const fx = cliOutput({ stdout: out as never, stderr: err as never, now });
    fx.log('ingest total: 2 file(s)');
    fx.detail?.('ingest a.csv: skipped');
    fx.progress?.('ingest', 1, 2);
    fx.warn?.('no file matches x/*.csv');
    fx.data?.('quest_id  name');
    expect(out.text).toBe(
      '2026-12-05T03:15:02Z ingest total: 2 file(s)\n2026-12-05T03:15:02Z warning: no file matches x/*.csv\nquest_id  name\n',
    );
    expect(err.text).toBe('');
  });

  it('on a terminal: no stamps, progress on stderr erased before each line and drawn again, cleared at the end', () => {
    const out = stream(true);
    const err = stream(true);
    const fx = cliOutput({ stdout: out as never, stderr: err as never, now, verbose: true });
    fx.progress?.('ingest', 1, 4);
    fx.detail?.('ingest a.csv: loaded');
    fx.progress?.('ingest', 4, 4);
    fx.log('ingest total');
    expect(out.text).toBe('ingest a.csv: loaded\ningest total\n');
    const bar = 'ingest [########......................] 1/4';
    // drawn; erased for the line; drawn again; erased when done; nothing drawn for the last line.
    expect(err.text).toBe(`${bar}\r\u001b[K${bar}\r\u001b[K`);
  });

  it('with --format json or csv, log lines go to stderr and stdout holds only the result', () => {
    const out = stream(false);
    const err = stream(false);
    const fx = cliOutput({ stdout: out as never, stderr: err as never, now, machine: true });
    fx.log('snapshots: 1 date');
    fx.data?.('[]');
    expect(out.text).toBe('[]\n');
    expect(err.text).toBe('2026-12-05T03:15:02Z snapshots: 1 date\n');
  });

  it('stops writing to a closed pipe instead of throwing', () => {
    const out = stream(false);
    const fx = cliOutput({ stdout: out as never, stderr: stream(false) as never, now });
    fx.data?.('first');
    out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    fx.data?.('second');
    expect(out.text).toBe('first\n');
    expect(() => out.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow('disk full');
  });
});
