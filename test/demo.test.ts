import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { generateDemoData } from '../src/demo/generate.js';
import { SAMPLE_OPTIONS } from '../src/demo/options.js';
import { demoMessages } from '../src/domain/demo-messages.js';
import { recorder, silent } from '../src/domain/effects.js';
import { Db } from '../src/engine/db.js';
import { demoJob } from '../src/jobs/demo.js';
import { expectGoldenText } from './golden.js';
import { cli, ROOT, tempDir } from './helpers.js';

const SAMPLE = join(ROOT, 'data/sample');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

function digest(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

describe('the committed sample', () => {
  it('is reproduced byte for byte by the generator with its defaults', async () => {
    const out = join(tempDir(), 'sample');
    const summary = await generateDemoData({ out }, silent);
    expect(digest(out)).toEqual(digest(SAMPLE));
    expect(summary).toMatchObject({ players: 200, quests: 23, events: 2592, sessions: 544 });
    expect(summary.files).toEqual(listFiles(SAMPLE));
  });

  it('differs with another seed', async () => {
    const out = join(tempDir(), 'other');
    await generateDemoData({ out, seed: 8 }, silent);
    const a = digest(out);
    const b = digest(SAMPLE);
    expect(a['catalogue.csv']).toBe(b['catalogue.csv']);
    const logsA = Object.entries(a).filter(([f]) => f.startsWith('logs/'));
    const logsB = Object.entries(b).filter(([f]) => f.startsWith('logs/'));
    expect(logsA).not.toEqual(logsB);
  });

  it('is in the seed format: one session per file, offsets from the session start, quest and other lines', () => {
    const files = listFiles(SAMPLE).filter((f) => f.startsWith('logs/'));
    expect(files.length).toBeGreaterThanOrEqual(300);
    expect(files.length).toBeLessThanOrEqual(700);
    const bytes = files.reduce((n, f) => n + readFileSync(join(SAMPLE, f)).length, 0);
    expect(bytes).toBeLessThan(1_000_000);
    const players = new Set<string>();
    const kinds = new Map<string, number>();
    const statuses = new Map<string, number>();
    for (const f of files) {
      expect(f).toMatch(/^logs\/p\d{4}\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.csv$/);
      players.add(basename(dirname(f)));
      const lines = readFileSync(join(SAMPLE, f), 'utf8').split('\n');
      expect(lines.pop()).toBe('');
      let last = -1;
      for (const line of lines) {
        const m = /^(\d{2}):(\d{2}):(\d{2}),([A-Z_]+),(.+)$/.exec(line);
        expect(m, `${f}: ${line}`).not.toBeNull();
        const [, h, mi, s, kind, message] = m as unknown as string[];
        const offset = Number(h) * 3600 + Number(mi) * 60 + Number(s);
        expect(offset).toBeGreaterThanOrEqual(last);
        last = offset;
        kinds.set(kind as string, (kinds.get(kind as string) ?? 0) + 1);
        if (kind === 'QUEST_STATUS') {
          const q = /^([A-Z]{3}\d{4}) (ACCEPTED|DECLINED|COMPLETED)$/.exec(message as string);
          expect(q, `${f}: ${line}`).not.toBeNull();
          statuses.set(q?.[2] as string, (statuses.get(q?.[2] as string) ?? 0) + 1);
        }
      }
      expect(lines[0]).toMatch(/^00:00:00,SESSION_START,/);
      expect(lines.at(-1)).toMatch(/,SESSION_END,/);
    }
    expect(players.size).toBe(200);
    expect(Object.fromEntries(kinds)).toEqual({
      GOLD_EARNED: 416,
      ITEM_PICKUP: 875,
      LEVEL_UP: 424,
      NPC_TALK: 454,
      QUEST_STATUS: 2592,
      SESSION_END: 544,
      SESSION_START: 544,
    });
    expect(Object.fromEntries(statuses)).toEqual({ ACCEPTED: 1228, COMPLETED: 1166, DECLINED: 198 });
  });

  it('has a catalogue: 21 quests in chains of 5, one never met, two logged ids not in it', () => {
    const lines = readFileSync(join(SAMPLE, 'catalogue.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,name,chain,order');
    expect(lines[1]).toBe('FET0001,Fetch the Herbs,Greenvale,1');
    expect(lines[21]).toBe('EXP0021,Cross the Frozen Pass,Frostpeak,21');
    expect(lines).toHaveLength(22);
    const logged = readAllQuestLines(SAMPLE);
    const ids = new Set(logged.map((l) => l.quest));
    expect([...ids].filter((id) => id.startsWith('EVT')).sort()).toEqual(['EVT0001', 'EVT0002']);
    expect(ids.has('EXP0021')).toBe(false);
  });
});

interface QuestLine {
  player: string;
  ts: number;
  quest: string;
  status: string;
}

/** A plain-TypeScript reading of seed logs, deliberately independent of the SQL ingest. */
function readAllQuestLines(root: string): QuestLine[] {
  const out: QuestLine[] = [];
  for (const f of listFiles(join(root, 'logs'))) {
    const [player, name] = f.split('/') as [string, string];
    const [d, t] = name.replace('.csv', '').split('T') as [string, string];
    const start = Date.parse(`${d}T${t.replaceAll('-', ':')}Z`) / 1000;
    for (const line of readFileSync(join(root, 'logs', f), 'utf8').split('\n')) {
      const [hms, kind, message] = line.split(',');
      if (kind !== 'QUEST_STATUS' || !hms || !message) continue;
      const [h, m, s] = hms.split(':').map(Number) as [number, number, number];
      const [quest, status] = message.split(' ') as [string, string];
      out.push({ player, ts: start + h * 3600 + m * 60 + s, quest, status: status.toLowerCase() });
    }
  }
  return out;
}

/** Final bucket per quest by the README's rules: completed if ever, else the latest status (ties: enum order). */
function independentBuckets(lines: QuestLine[]): Record<string, Record<string, number>> {
  const order = ['accepted', 'declined', 'completed', 'abandoned', 'failed'];
  const byPair = new Map<string, QuestLine[]>();
  for (const l of lines) {
    const key = `${l.player}\u0000${l.quest}`;
    byPair.set(key, [...(byPair.get(key) ?? []), l]);
  }
  const out: Record<string, Record<string, number>> = {};
  for (const evs of byPair.values()) {
    evs.sort((a, b) => a.ts - b.ts || order.indexOf(a.status) - order.indexOf(b.status));
    const bucket = evs.some((e) => e.status === 'completed') ? 'completed' : (evs.at(-1) as QuestLine).status;
    const q = (evs[0] as QuestLine).quest;
    out[q] ??= {};
    (out[q] as Record<string, number>)[bucket] = ((out[q] as Record<string, number>)[bucket] ?? 0) + 1;
  }
  return out;
}

describe('questlog demo-data', () => {
  it('refuses --players with --events (one sets the other: one of them would be ignored) with exit 2, writing nothing', () => {
    const out = join(tempDir(), 'out');
    const both = cli(['demo-data', '--out', out, '--players', '10', '--events', '100']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--events <n>' cannot be used with option '--players <n>'");
    expect(existsSync(out)).toBe(false);
  });
});

describe('events formats at scale', () => {
  const scale = {
    seed: 3,
    players: 300,
    quests: 60,
    meanQuests: 6,
    minEvents: 5,
    maxEvents: 20,
    formats: ['ndjson', 'csv', 'parquet'] as const,
    shards: 2,
    gzip: true,
  };

  it('writes the same events as NDJSON, CSV and Parquet shards, deterministically', async () => {
    const dir = tempDir();
    const a = await generateDemoData({ ...scale, formats: [...scale.formats], out: join(dir, 'a') }, silent);
    const b = await generateDemoData({ ...scale, formats: [...scale.formats], out: join(dir, 'b') }, silent);
    expect(b.events).toBe(a.events);
    expect(a.files).toEqual([
      'catalogue.csv',
      'csv/events-001.csv.gz',
      'csv/events-002.csv.gz',
      'ndjson/events-001.ndjson.gz',
      'ndjson/events-002.ndjson.gz',
      'parquet/events-001.parquet',
      'parquet/events-002.parquet',
    ]);
    expect(digest(join(dir, 'a'))).toEqual(digest(join(dir, 'b')));

    const db = await Db.open(':memory:');
    try {
      const cols = 'ts::TIMESTAMP AS ts, player_id, quest_id, status, session_id, build, platform';
      const read = {
        ndjson: `read_json('${dir}/a/ndjson/*.ndjson.gz', format = 'newline_delimited')`,
        csv: `read_csv('${dir}/a/csv/*.csv.gz', header = true, all_varchar = true)`,
        parquet: `read_parquet('${dir}/a/parquet/*.parquet')`,
      };
      for (const [name, src] of Object.entries(read)) {
        await db.run(`CREATE TABLE ${name} AS SELECT ${cols} FROM ${src}`);
      }
      const n = await db.one<{ n: number; ndjson_only: number; csv_only: number; by_status: string }>(
        `SELECT (SELECT count(*) FROM parquet)::INTEGER AS n,
                (SELECT count(*) FROM (SELECT * FROM ndjson EXCEPT ALL SELECT * FROM parquet))::INTEGER AS ndjson_only,
                (SELECT count(*) FROM (SELECT * FROM csv EXCEPT ALL SELECT * FROM parquet))::INTEGER AS csv_only,
                (SELECT string_agg(status, ',' ORDER BY status) FROM (SELECT DISTINCT status FROM parquet)) AS by_status`,
      );
      expect(n).toEqual({
        n: a.events,
        ndjson_only: 0,
        csv_only: 0,
        by_status: 'abandoned,accepted,completed,declined,failed',
      });
      // 5..20 events per player-quest (an occasional resent duplicate adds one; the period's end cuts some short).
      const per = await db.one<{ lo: number; hi: number; mean: number }>(
        `SELECT min(n)::INTEGER AS lo, max(n)::INTEGER AS hi, round(avg(n))::INTEGER AS mean
         FROM (SELECT count(*) AS n FROM parquet GROUP BY player_id, quest_id)`,
      );
      expect(per?.hi).toBeLessThanOrEqual(21);
      expect(per?.mean).toBeGreaterThanOrEqual(10);
      expect(per?.mean).toBeLessThanOrEqual(14);
    } finally {
      db.close();
    }
  });

  it('splits the last day from the history without losing or repeating an event', async () => {
    const dir = tempDir();
    const s = await generateDemoData(
      { ...scale, formats: ['parquet'], shards: 1, splitLastDay: true, out: dir },
      silent,
    );
    expect(s.files).toEqual(['catalogue.csv', 'parquet/events-history.parquet', 'parquet/events-lastday.parquet']);
    const db = await Db.open(':memory:');
    try {
      const r = await db.one<{ hist: number; last: number; max_hist: string; min_last: string }>(
        `SELECT (SELECT count(*) FROM read_parquet('${dir}/parquet/events-history.parquet'))::INTEGER AS hist,
                (SELECT count(*) FROM read_parquet('${dir}/parquet/events-lastday.parquet'))::INTEGER AS last,
                (SELECT max(ts) < TIMESTAMP '2026-11-22' FROM read_parquet('${dir}/parquet/events-history.parquet'))::VARCHAR AS max_hist,
                (SELECT min(ts) >= TIMESTAMP '2026-11-22' FROM read_parquet('${dir}/parquet/events-lastday.parquet'))::VARCHAR AS min_last`,
      );
      expect(r).toMatchObject({ max_hist: 'true', min_last: 'true' });
      expect((r?.hist ?? 0) + (r?.last ?? 0)).toBe(s.events);
      expect(r?.last).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('reaches 1,000 quests and an event target', async () => {
    const dir = tempDir();
    const s = await generateDemoData(
      {
        out: dir,
        seed: 5,
        events: 60_000,
        quests: 1000,
        meanQuests: 16,
        minEvents: 5,
        maxEvents: 20,
        formats: ['parquet'],
      },
      silent,
    );
    expect(s.quests).toBe(1003);
    expect(Math.abs(s.events - 60_000) / 60_000).toBeLessThan(0.1);
    const catalogue = readFileSync(join(dir, 'catalogue.csv'), 'utf8').trim().split('\n');
    expect(catalogue).toHaveLength(1002);
    const db = await Db.open(':memory:');
    try {
      const r = await db.one<{ quests: number }>(
        `SELECT count(DISTINCT quest_id)::INTEGER AS quests FROM read_parquet('${dir}/parquet/events.parquet')`,
      );
      // Entry points across all chains: the long tail of the storyline is met too.
      expect(r?.quests).toBeGreaterThan(500);
    } finally {
      db.close();
    }
  });

  it('rejects impossible options with a clear message', async () => {
    const out = tempDir();
    await expect(generateDemoData({ out, players: 0 }, silent)).rejects.toThrow(
      demoMessages.badInteger('players', 1, 0),
    );
    await expect(generateDemoData({ out, formats: ['xml' as never] }, silent)).rejects.toThrow(
      demoMessages.badFormat(['xml']),
    );
    await expect(generateDemoData({ out, start: '2026-13-40' }, silent)).rejects.toThrow(
      demoMessages.badStart('2026-13-40'),
    );
  });
});

describe('the main job (npm start)', () => {
  it('generates a missing sample, ingests it, backfills snapshots and prints the table; a re-run skips every file', async () => {
    const root = tempDir();
    const config: Config = {
      root,
      catalogue: 'data/sample/catalogue.csv',
      sources: { sample: { format: 'seed', paths: ['data/sample/logs/**/*.csv'] } },
    };
    const db = join(root, 'data/questlog.duckdb');
    const small = { ...SAMPLE_OPTIONS, players: 12, formats: [...SAMPLE_OPTIONS.formats] };
    const clock = () => new Date('2026-11-23T03:00:00Z');
    const first = { ...recorder(), now: clock };
    const r1 = await demoJob({ db, config, sample: small }, first);
    expect(r1.generated).toBe(true);
    expect(existsSync(join(root, 'data/sample/catalogue.csv'))).toBe(true);
    const sessions = listFiles(join(root, 'data/sample/logs')).length;
    expect(r1.ingest.totals).toMatchObject({ files: sessions, files_loaded: sessions, rejected: 0, files_failed: 0 });
    expect(r1.dates[0]).toBe('2026-11-09');
    expect(r1.dates.length).toBeGreaterThan(5);

    // The SQL pipeline agrees with a plain-TypeScript reading of the same files.
    const expected = independentBuckets(readAllQuestLines(join(root, 'data/sample')));
    for (const q of r1.snapshot.quests) {
      const e = expected[q.quest_id] ?? {};
      expect({ id: q.quest_id, a: q.accepted, d: q.declined, c: q.completed }).toEqual({
        id: q.quest_id,
        a: e.accepted ?? 0,
        d: e.declined ?? 0,
        c: e.completed ?? 0,
      });
    }

    const table = first.lines.slice(first.lines.findIndex((l) => l.startsWith('snapshot ')));
    expectGoldenText('demo-table.txt', `${table.slice(0, -1).join('\n')}\n`);

    const second = { ...recorder(), now: clock };
    const r2 = await demoJob({ db, config, sample: small }, second);
    expect(r2.generated).toBe(false);
    expect(r2.ingest.totals).toMatchObject({ files: sessions, files_loaded: 0, files_skipped: sessions });
    expect(r2.dates).toEqual(r1.dates);
    expect(r2.snapshot).toEqual(r1.snapshot);
  });
});
