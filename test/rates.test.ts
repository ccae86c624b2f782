// Reach, conversion and completion rates with their 95% Wilson intervals: computed per snapshot, stored, read back,
// and filled in by migration 011 for snapshots stored before it. Every expected value is worked by hand below.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Effects } from '../src/domain/effects.js';
import type { QuestStats } from '../src/domain/types.js';
import { Db } from '../src/engine/db.js';
import { migrate, migrations, SCHEMA_VERSION } from '../src/engine/migrate.js';
import { getSnapshot } from '../src/engine/read.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { publish } from '../src/publish/publish.js';
import { worstFirst } from '../src/publish/rates.js';
import { type Ev, loadEvents } from './fixtures/stats/load.js';
import { freshDb, ROOT, tempDir } from './helpers.js';

const at3am: Effects = { log() {}, now: () => new Date('2026-11-29T03:00:00Z') };

// Ten players on 2026-11-28:
// - START, the first quest: everybody met it (p0..p9), 7 completed, 3 abandoned.
// - MID: 6 met it (p0..p5), 3 completed, 3 abandoned: half of those who met it give up.
// - LATE, the end of the story: 2 met it (p0, p1), both completed.
// - NOBODY, a catalogue quest no one has met.
const players = Array.from({ length: 10 }, (_, i) => `p${i}`);
const events: Ev[] = [
  ...players.flatMap((p, i): Ev[] => [
    [p, 'START', 'accepted', '2026-11-28 08:00:00'],
    [p, 'START', i < 7 ? 'completed' : 'abandoned', '2026-11-28 08:10:00'],
  ]),
  ...players.slice(0, 6).flatMap((p, i): Ev[] => [
    [p, 'MID', 'accepted', '2026-11-28 09:00:00'],
    [p, 'MID', i < 3 ? 'completed' : 'abandoned', '2026-11-28 09:10:00'],
  ]),
  ...players.slice(0, 2).flatMap((p): Ev[] => [
    [p, 'LATE', 'accepted', '2026-11-28 10:00:00'],
    [p, 'LATE', 'completed', '2026-11-28 10:10:00'],
  ]),
];

type Rates = Pick<
  QuestStats,
  | 'quest_id'
  | 'completion_rate'
  | 'completion_rate_low'
  | 'completion_rate_high'
  | 'reach_rate'
  | 'reach_rate_low'
  | 'reach_rate_high'
  | 'conversion_rate'
  | 'conversion_rate_low'
  | 'conversion_rate_high'
>;

// Wilson 95%, z = 1.959964, z² = 3.841459: centre c = p + z²/2n, half-width h = z·sqrt(p(1−p)/n + z²/4n²),
// denominator d = 1 + z²/n; low = (c − h)/d, high = (c + h)/d (exactly 0 at k = 0 and 1 at k = n).
// n = 10: z²/2n = 0.192073, z²/4n² = 0.0096036, d = 1.384146.
//   0/10: low 0, high (0.192073 + 1.959964·sqrt(0.0096036))/d = (0.192073 + 0.192073)/d = 0.277533.
//   10/10: low 1 − 0.277533 = 0.722467, high 1.
//   2/10: c = 0.392073, h = 1.959964·sqrt(0.016 + 0.0096036) = 1.959964·0.160011 = 0.313617:
//         low 0.078456/d = 0.056682, high 0.705690/d = 0.509838.
//   3/10: c = 0.492073, h = 1.959964·sqrt(0.021 + 0.0096036) = 1.959964·0.174939 = 0.342874:
//         low 0.149199/d = 0.107791, high 0.834947/d = 0.603222.
//   4/10: c = 0.592073, h = 1.959964·sqrt(0.024 + 0.0096036) = 1.959964·0.183313 = 0.359287:
//         low 0.232786/d = 0.168180, high 0.951360/d = 0.687326.
//   6/10: mirrors 4/10: low 1 − 0.687326 = 0.312674, high 1 − 0.168180 = 0.831820.
//   7/10: mirrors 3/10: low 1 − 0.603222 = 0.396778, high 1 − 0.107791 = 0.892209.
// n = 6, 3/6: c = 0.5 + 0.320122 = 0.820122, h = 1.959964·sqrt(0.041667 + 0.026676) = 1.959964·0.261426 = 0.512385,
//   d = 1.640243: low 0.307737/d = 0.187616, high 1.332507/d = 0.812384.
// n = 2, 2/2: low = (c − h)/d with c = 1 + 0.960365 = 1.960365, h = 1.959964·sqrt(0 + 0.240091) = 0.960365,
//   d = 2.920729: low 1.000000/d = 0.342380, high 1.
const expected: Rates[] = [
  {
    quest_id: 'LATE',
    completion_rate: 0.2, // 2 / 10
    completion_rate_low: 0.056682,
    completion_rate_high: 0.509838,
    reach_rate: 0.2, // 2 / 10
    reach_rate_low: 0.056682,
    reach_rate_high: 0.509838,
    conversion_rate: 1, // 2 / 2
    conversion_rate_low: 0.34238,
    conversion_rate_high: 1,
  },
  {
    quest_id: 'MID',
    completion_rate: 0.3, // 3 / 10
    completion_rate_low: 0.107791,
    completion_rate_high: 0.603222,
    reach_rate: 0.6, // 6 / 10
    reach_rate_low: 0.312674,
    reach_rate_high: 0.83182,
    conversion_rate: 0.5, // 3 / 6
    conversion_rate_low: 0.187616,
    conversion_rate_high: 0.812384,
  },
  {
    quest_id: 'NOBODY',
    completion_rate: 0, // 0 / 10
    completion_rate_low: 0,
    completion_rate_high: 0.277533,
    reach_rate: 0, // 0 / 10
    reach_rate_low: 0,
    reach_rate_high: 0.277533,
    conversion_rate: null, // nobody met it: no conversion, no interval
    conversion_rate_low: null,
    conversion_rate_high: null,
  },
  {
    quest_id: 'START',
    completion_rate: 0.7, // 7 / 10
    completion_rate_low: 0.396778,
    completion_rate_high: 0.892209,
    reach_rate: 1, // 10 / 10
    reach_rate_low: 0.722467,
    reach_rate_high: 1,
    conversion_rate: 0.7, // 7 / 10
    conversion_rate_low: 0.396778,
    conversion_rate_high: 0.892209,
  },
];

const RATE_FIELDS = Object.keys(expected[0] as Rates).filter((k) => k !== 'quest_id') as (keyof Rates)[];

/** Rates rounded to 6 places (the hand-worked precision), nulls kept, in quest_id order. */
function rates(quests: QuestStats[]): Rates[] {
  return quests
    .map((q) => {
      const out: Record<string, unknown> = { quest_id: q.quest_id };
      for (const f of RATE_FIELDS) {
        const v = q[f];
        out[f] = typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v;
      }
      return out as Rates;
    })
    .sort((a, b) => a.quest_id.localeCompare(b.quest_id));
}

describe('reach and conversion', () => {
  it('a quest everybody met, one half abandon, a late one with low reach and full conversion, one nobody met', async () => {
    const db = await freshDb();
    await loadEvents(db, events);
    await db.run("INSERT INTO catalogue VALUES ('NOBODY', 'Nobody', NULL, 4)");
    await computeSnapshots(db, {}, at3am);
    const { quests } = await getSnapshot(db);
    expect(rates(quests)).toEqual(expected);
    // Completion would rank LATE worst (0.2) only because few players got that far. worstFirst ranks by conversion's
    // upper bound: MID (0.812384), START (0.892209), LATE (1); NOBODY has no conversion and is not ranked.
    expect(worstFirst(quests).map((q) => q.quest_id)).toEqual(['MID', 'START', 'LATE']);
    // The index's quest table, its pages and its data file default to that order, NOBODY last. The privacy floor is
    // off here (10 players in all: the default floor of 5 would hide LATE, met by 2, and rank it with the unranked).
    const out = join(tempDir(), 'site');
    await publish(db, { out, segments: { dimensions: [], minPlayers: 0 } }, at3am);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const table = html.slice(html.indexOf('<table class="quests"'));
    const ids = [...table.matchAll(/<code>([A-Z]+)<\/code><\/span><\/th>/g)].map((m) => m[1]);
    expect(ids).toEqual(['MID', 'START', 'LATE', 'NOBODY']);
    expect(table).toContain('<th scope="col" class="n" aria-sort="ascending"><abbr title="players who completed it');
    const data = JSON.parse(readFileSync(join(out, 'index.table.json'), 'utf8')) as { rows: { id: string }[] };
    expect(data.rows.map((r) => r.id)).toEqual(['MID', 'START', 'LATE', 'NOBODY']);
    db.close();
  });

  it('migration 011 fills the rates of snapshots stored before it, from their stored counts', async () => {
    const path = join(tempDir(), 'old.duckdb');
    const old = await Db.open(path);
    const before = Math.max(
      ...migrations()
        .filter((m) => m.version < 11)
        .map((m) => m.version),
    );
    await migrate(old, before);
    // The same four quests as stored by a questlog without the new columns (counts only, as computed then).
    await old.run(
      `INSERT INTO snapshots (snapshot_date, quest_id, players, accepted, declined, completed, abandoned, failed,
         not_encountered, completion_rate, anomalies)
       VALUES ('2026-11-28', 'START', 10, 0, 0, 7, 3, 0, 0, 0.7, 0),
              ('2026-11-28', 'MID', 10, 0, 0, 3, 3, 0, 4, 0.3, 0),
              ('2026-11-28', 'LATE', 10, 0, 0, 2, 0, 0, 8, 0.2, 0),
              ('2026-11-28', 'NOBODY', 10, 0, 0, 0, 0, 0, 10, 0, 0)`,
    );
    old.close();

    const db = await Db.open(path);
    expect(await migrate(db)).toEqual({ from: before, to: SCHEMA_VERSION });
    const stored = await db.all<QuestStats>('SELECT * FROM snapshots ORDER BY quest_id');
    expect(rates(stored)).toEqual(expected);
    db.close();
  });
});

describe('worst first', () => {
  const q = (quest_id: string, conversion_rate: number | null, conversion_rate_high: number | null) =>
    ({ quest_id, conversion_rate, conversion_rate_high }) as QuestStats;

  it('ranks by the upper end of the conversion interval, then conversion, then input order', () => {
    // ONE: the only player who met it abandoned: conversion 0 of 1, high z² / (1 + z²) = 3.841459 / 4.841459 = 0.793451.
    // HUNDRED: 40 of 100, conversion 0.4, high (0.4 + 0.019207 + 0.097920) / 1.038415 = 0.497997. The single abandon
    // does not outrank the forty in a hundred. TIE_A and TIE_C share high and conversion: input order.
    const ranked = worstFirst([
      q('ONE', 0, 0.793451),
      q('NOBODY', null, null),
      q('HUNDRED', 0.4, 0.497997),
      q('TIE_B', 0.5, 0.9),
      q('TIE_A', 0.45, 0.9),
      q('TIE_C', 0.45, 0.9),
    ]);
    expect(ranked.map((r) => r.quest_id)).toEqual(['HUNDRED', 'ONE', 'TIE_A', 'TIE_C', 'TIE_B']);
  });
});

/** The built CLI with stdout and stderr both kept (helpers' cli() drops stderr on success). */
function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    cwd,
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('questlog stats --format', () => {
  it('json and csv carry every field on stdout, numbers as numbers, step lines on stderr', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    // One player completes FET0001; NOBODY (catalogue) is met by nobody.
    await loadEvents(db, [
      ['p', 'FET0001', 'accepted', '2026-11-28 08:00:00'],
      ['p', 'FET0001', 'completed', '2026-11-28 08:30:00'],
    ]);
    await db.run(
      "INSERT INTO catalogue VALUES ('FET0001', 'Fetch, \"the\" Herbs', NULL, 1), ('NOBODY', 'Nobody', NULL, 2)",
    );
    const path = db.path;
    db.close();
    writeFileSync(join(dir, 'questlog.config.json'), '{}');

    const json = run(['--db', path, 'stats', '--as-of', '2026-11-28', '--format', 'json'], dir);
    expect(json.code).toBe(0);
    // Step lines on stderr, stamped with the UTC time (not a terminal).
    expect(json.stderr).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ state: 1 players/m);
    const doc = JSON.parse(json.stdout) as { meta: unknown; quests: QuestStats[] };
    expect(doc.quests.map((r) => [r.quest_id, r.reach_rate, r.conversion_rate, r.completion_rate])).toEqual([
      ['FET0001', 1, 1, 1],
      ['NOBODY', 0, null, 0],
    ]);
    // 1 of 1: low = 1 / (1 + z²) = 1 / 4.841459 = 0.206549. 0 of 1: high = z² / (1 + z²) = 0.793451.
    expect(doc.quests[0]?.conversion_rate_low).toBeCloseTo(0.206549, 6);
    expect(doc.quests[1]?.reach_rate_high).toBeCloseTo(0.793451, 6);
    expect(doc.quests[1]?.conversion_rate_low).toBeNull();

    const csv = run(['--db', path, 'stats', '--as-of', '2026-11-28', '--format', 'csv'], dir);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/Z snapshots: 1 date/);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'snapshot_date,quest_id,name,chain,sort_order,in_catalogue,players,accepted,declined,completed,abandoned,failed,' +
        'not_encountered,reach_rate,reach_rate_low,reach_rate_high,conversion_rate,conversion_rate_low,' +
        'conversion_rate_high,completion_rate,completion_rate_low,completion_rate_high,mean_seconds,min_seconds,' +
        'max_seconds,median_seconds,p90_seconds,mean_attempts,anomalies',
    );
    const low = String(doc.quests[0]?.conversion_rate_low);
    const high0 = String(doc.quests[1]?.reach_rate_high);
    expect(lines.slice(1)).toEqual([
      `2026-11-28,FET0001,"Fetch, ""the"" Herbs",,1,true,1,0,0,1,0,0,0,1,${low},1,1,${low},1,1,${low},1,1800,1800,1800,1800,1800,1,0`,
      `2026-11-28,NOBODY,Nobody,,2,true,1,0,0,0,0,0,1,0,0,${high0},,,,0,0,${high0},,,,,,,0`,
      '',
    ]);
    const bad = run(['--db', path, 'stats', '--format', 'xml'], dir);
    // A bad choice is a usage error: exit 2, as the README documents.
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'xml' is invalid. Allowed choices are table, json, csv.");
  });
});
