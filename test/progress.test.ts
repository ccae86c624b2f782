// Progress (issue 18): what the library reports through the effects' `progress` (ingest in bytes, a backfill per run
// of days, publish per read, month and page), and how the CLI draws it on a fake terminal: units, ETA, never in logs.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOutput } from '../src/cli-output.js';
import type { Effects } from '../src/domain/effects.js';
import { progressMessages as msg, type ProgressUnit } from '../src/domain/progress-messages.js';
import { computeSnapshots, nextRun } from '../src/engine/snapshot.js';
import { CHUNK } from '../src/ingest/fingerprint.js';
import { ingest } from '../src/ingest/ingest.js';
import { BytesProgress } from '../src/ingest/progress.js';
import { publish } from '../src/publish/publish.js';
import { freshDb, tempDir } from './helpers.js';

type Call = [string, number, number, ProgressUnit | undefined];

/** Effects that keep every progress call (and drop log lines). */
function recording(): Effects & { calls: Call[]; of: (label: string) => Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    log() {},
    now: () => new Date('2026-12-01T03:00:00Z'),
    progress: (label, done, total, unit) => calls.push([label, done, total, unit]),
    of: (label) => calls.filter((c) => c[0] === label),
  };
}

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

/** A clock that moves `stepMs` on every reading, from 03:15:00. */
function ticking(stepMs: number) {
  let t = Date.parse('2026-12-05T03:15:00Z');
  return () => {
    const d = new Date(t);
    t += stepMs;
    return d;
  };
}

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] as number));

/** Canonical NDJSON: `players` players, each accepting and completing quest Q<k % 3> on each of `days` days. */
function eventsOver(days: number, players: number): string {
  const lines: string[] = [];
  for (let d = 0; d < days; d++) {
    const day = `2026-11-${String(d + 1).padStart(2, '0')}`;
    for (let p = 0; p < players; p++) {
      const quest = `Q${(p + d) % 3}`;
      lines.push(JSON.stringify({ ts: `${day} 08:00:00`, player_id: `p${p}`, quest_id: quest, status: 'accepted' }));
      if ((p + d) % 2 === 0) {
        const ts = `${day} 08:${String(10 + p).padStart(2, '0')}:00`;
        lines.push(JSON.stringify({ ts, player_id: `p${p}`, quest_id: quest, status: 'completed' }));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('the CLI progress line', () => {
  it('draws units and an ETA at the pace so far, on a terminal, and clears itself at the end', () => {
    const out = stream(false);
    const err = stream(true);
    const fx = cliOutput({ stdout: out as never, stderr: err as never, now: ticking(2000) });
    fx.progress?.('stats --backfill', 0, 30, 'days');
    fx.progress?.('stats --backfill', 10, 30, 'days');
    fx.progress?.('ingest: loading', 25_000_000, 100_000_000, 'bytes');
    fx.progress?.('ingest: loading', 100_000_000, 100_000_000, 'bytes');
    const frames = err.text.split('\r\u001b[K');
    expect(frames).toEqual([
      'stats --backfill [..............................] 0/30 days',
      // 10 days in 2 s: 20 left take 4 s.
      'stats --backfill [##########....................] 10/30 days · ETA 4 s',
      // A new phase starts its own clock: no ETA before it has run a second.
      'ingest: loading [########......................] 25.0/100.0 MB',
      '',
    ]);
    expect(out.text).toBe('');
  });

  it('never reaches a log file: a cron run gets stamped lines only', () => {
    const out = stream(false);
    const err = stream(false);
    const fx = cliOutput({ stdout: out as never, stderr: err as never, now: ticking(1000) });
    fx.progress?.('stats --backfill', 1, 30, 'days');
    fx.log('snapshots: 30 dates');
    expect(err.text).toBe('');
    expect(out.text).toBe('2026-12-05T03:15:00Z snapshots: 30 dates\n');
  });

  it('says MB for bytes and k/n with the unit otherwise', () => {
    expect(msg.amount(1_234_567, 98_765_432, 'bytes')).toBe('1.2/98.8 MB');
    expect(msg.amount(3, 5, 'pages')).toBe('3/5 pages');
    expect(msg.amount(3, 5)).toBe('3/5');
    expect(msg.eta(125)).toBe(' · ETA 2 min 05 s');
  });
});

describe('ingest progress, in bytes', () => {
  it('counts a batch read so far short of its end until it is stored, and never goes back', () => {
    const fx = recording();
    const p = new BytesProgress(fx, 'x', 1000);
    p.add(100);
    p.part(400, 0.5);
    p.part(400, 0.25);
    p.part(400, 1);
    p.add(400);
    p.grow(500);
    p.part(500, 0.5);
    p.add(500);
    expect(fx.calls).toEqual([
      ['x', 100, 1000, 'bytes'],
      ['x', 300, 1000, 'bytes'],
      ['x', 499, 1000, 'bytes'],
      ['x', 500, 1000, 'bytes'],
      ['x', 750, 1500, 'bytes'],
      ['x', 1000, 1500, 'bytes'],
    ]);
  });

  it('shows a single big file being checked chunk by chunk, then read by DuckDB, ending at its size', async () => {
    const dir = tempDir();
    // ~40 MB of canonical CSV: big enough for DuckDB's reader to report how far it is before it ends.
    const row = (i: number) => `2026-11-01 08:00:00,p${i},Q${i % 40},accepted\n`;
    const rows: string[] = ['ts,player_id,quest_id,status\n'];
    for (let i = 0; i < 1_000_000; i++) rows.push(row(i));
    const file = join(dir, 'big.csv');
    writeFileSync(file, rows.join(''));
    const size = Buffer.byteLength(rows.join(''));
    const db = await freshDb(dir);
    const fx = recording();
    const summary = await ingest(db, { paths: [file] }, fx);
    db.close();
    expect(summary.totals.loaded).toBe(1_000_000);
    // Checking: Node reads the file in CHUNK-byte pieces; every piece moves the count.
    const checked = fx.of(msg.ingestCheck);
    expect(checked.length).toBe(Math.ceil(size / CHUNK));
    expect(checked[0]).toEqual([msg.ingestCheck, CHUNK, size, 'bytes']);
    expect(checked.at(-1)).toEqual([msg.ingestCheck, size, size, 'bytes']);
    expect(increasing(checked.map((c) => c[1]))).toBe(true);
    // Loading: DuckDB's own progress of the read, then the whole file once its rows are stored.
    const loaded = fx.of(msg.ingestLoad);
    expect(loaded.at(-1)).toEqual([msg.ingestLoad, size, size, 'bytes']);
    const during = loaded.slice(0, -1).map((c) => c[1]);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((b) => b > 0 && b < size)).toBe(true);
    expect(increasing(during)).toBe(true);
    // The phases come one after the other.
    expect(fx.calls.findIndex((c) => c[0] === msg.ingestLoad)).toBe(checked.length);
  }, 60_000);
});

describe('backfill progress, per run of days', () => {
  it('counts days from 0 to all, the first run being one day; a run ends at most 8 times longer', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ev.ndjson'), eventsOver(12, 4));
    const db = await freshDb(dir);
    await ingest(db, { paths: [join(dir, 'ev.ndjson')] }, { log() {} });
    const fx = recording();
    expect(await computeSnapshots(db, { backfill: true }, fx)).toHaveLength(12);
    db.close();
    const days = fx.of(msg.snapshots(true));
    expect(days.slice(0, 2)).toEqual([
      ['stats --backfill', 0, 12, 'days'],
      ['stats --backfill', 1, 12, 'days'],
    ]);
    expect(days.at(-1)).toEqual(['stats --backfill', 12, 12, 'days']);
    expect(increasing(days.map((c) => c[1]))).toBe(true);
  });

  it('stores the same rows in runs of days as one date at a time', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ev.ndjson'), eventsOver(12, 4));
    const load = async () => {
      const db = await freshDb(tempDir());
      await ingest(db, { paths: [join(dir, 'ev.ndjson')] }, { log() {} });
      return db;
    };
    const runs = await load();
    await computeSnapshots(runs, { backfill: true }, recording());
    const single = await load();
    for (let d = 1; d <= 12; d++) {
      await computeSnapshots(single, { asOf: `2026-11-${String(d).padStart(2, '0')}` }, recording());
    }
    // Sums of doubles (survival products) may differ in their last bits with the order DuckDB adds them in.
    const near = (rows: Record<string, unknown>[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(12)) : v]),
        ),
      );
    for (const table of ['snapshots', 'survival', 'survival_curve', 'chain_steps']) {
      const rows = async (db: typeof runs) => near(await db.all(`SELECT * FROM ${table} ORDER BY ALL`));
      expect(await rows(runs)).toEqual(await rows(single));
    }
    const sums = 'SELECT snapshot_date, players, events, data_through FROM snapshot_runs ORDER BY ALL';
    expect(await runs.all(sums)).toEqual(await single.all(sums));
    expect((await runs.all(sums)).length).toBe(12);
    runs.close();
    single.close();
  });

  it('sizes runs from the last one: 8 times longer after a quick run, about 5 s worth of days after a slow one', () => {
    expect(nextRun(1, 300)).toBe(8);
    expect(nextRun(8, 2499)).toBe(64);
    expect(nextRun(1, 2500)).toBe(2);
    expect(nextRun(8, 12000)).toBe(3);
    expect(nextRun(1, 9000)).toBe(1);
  });
});

describe('publish progress', () => {
  it('counts its reads, history months and quest pages', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ev.ndjson'), eventsOver(3, 4));
    const db = await freshDb(dir);
    await ingest(db, { paths: [join(dir, 'ev.ndjson')] }, { log() {} });
    await computeSnapshots(db, { backfill: true }, { log() {} });
    const fx = recording();
    await publish(db, { out: join(dir, 'site') }, fx);
    db.close();
    expect(fx.of(msg.publishRead)).toEqual(
      Array.from({ length: 10 }, (_, i) => [msg.publishRead, i + 1, 10, 'queries'] as Call),
    );
    expect(fx.of(msg.publishHistory)).toEqual([
      [msg.publishHistory, 0, 1, 'months'],
      [msg.publishHistory, 1, 1, 'months'],
    ]);
    expect(fx.of(msg.publishPages)).toEqual([
      [msg.publishPages, 1, 3, 'pages'],
      [msg.publishPages, 2, 3, 'pages'],
      [msg.publishPages, 3, 3, 'pages'],
    ]);
  });
});
