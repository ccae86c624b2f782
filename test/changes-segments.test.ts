// What changed per segment value (src/sql/changes/segment_changes.sql): each quest x value's conversion against the
// previous snapshot by the same two-proportion rule as quests, segment movers and their alerts, and the privacy floor
// on what is published (a value hidden on either date has no published change).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesMessages } from '../src/domain/changes-messages.js';
import { silent } from '../src/domain/effects.js';
import { EXIT } from '../src/domain/messages.js';
import type { AlertRule, SegmentChange } from '../src/domain/types.js';
import { loadChanges } from '../src/engine/changes.js';
import { type Db, sqlFile } from '../src/engine/db.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { changesDocument, describeMover } from '../src/publish/changes.js';
import { floorSegmentChanges, loadSegments } from '../src/publish/segment-rows.js';
import { platformDay } from './fixtures/segment-changes-days.js';
import { loadEvents } from './fixtures/stats/load.js';
import { cli, freshDb, tempDir } from './helpers.js';

// fixtures/segment-changes-days.ts worked by hand (conversion = completed / met; Wilson 95%, z = 1.959964;
// two-proportion z pooled: z = (p1 − p2) / sqrt(p̄ (1 − p̄) (1/n1 + 1/n2))):
//   android 20/40 = 0.5 → 38/80 = 0.475, change −0.025. p̄ = 58/120 = 0.483333, se = sqrt(0.483333 · 0.516667 ·
//     (1/80 + 1/40)) = 0.096771, z = −0.025 / 0.096771 = −0.258342: inside the noise, not a mover.
//   ios 40/50 = 0.8 [0.669629, 0.887562] → 50/100 = 0.5 [0.403832, 0.596168], change −0.3. p̄ = 90/150 = 0.6,
//     se = sqrt(0.6 · 0.4 · (1/100 + 1/50)) = 0.084853, z = −3.535534: a real drop.
//   web 4/4 = 1 → 4/24 = 0.166667, change −0.833333. p̄ = 8/28, se = sqrt(8/28 · 20/28 · (1/24 + 1/4)) = 0.243975,
//     z = −3.415650: it moved too, but 4 players met Q on web on 11-27, under a floor of 5: never published.
//   build ("(none)" for all) and cohort (both days are in 2026-W48) have one value per quest on both dates: that
//   value is Q itself, so it is not repeated as a segment change.
let db: Db;
beforeAll(async () => {
  db = await freshDb();
  const events = [...platformDay('2026-11-27'), ...platformDay('2026-11-28')];
  await loadEvents(
    db,
    events.map(([p, q, s, t]) => [p, q, s, t]),
  );
  await db.run("UPDATE events SET platform = split_part(player_id, '-', 1)");
  await computeSnapshots(db, { backfill: true }, silent);
});
afterAll(() => db.close());

const rowsOf = (dimension: string | null, moved: boolean) =>
  db.all<SegmentChange>(sqlFile('changes/segment_changes'), {
    date: '2026-11-28',
    previous: '2026-11-27',
    dimension,
    moved,
  });
const r6 = (x: number | null) => (x === null ? null : Number(x.toFixed(6)));
const rule = (scope: string): AlertRule => ({ metric: 'conversion_rate', direction: 'down', min_change: 0.05, scope });

describe('changes per segment value', () => {
  it('tests each value of each quest against its noise, as quests are', async () => {
    const rows = await rowsOf(null, false);
    expect(
      rows.map((r) => [
        r.dimension,
        r.value,
        r.quest_id,
        r.players,
        r.players_before,
        r.players_change,
        r.encountered,
        r.encountered_before,
        r6(r.conversion_rate),
        r6(r.conversion_rate_low),
        r6(r.conversion_rate_high),
        r6(r.conversion_rate_before),
        r6(r.conversion_rate_low_before),
        r6(r.conversion_rate_high_before),
        r6(r.conversion_rate_change),
        r6(r.conversion_rate_z),
        r.conversion_rate_significant,
        r.median_seconds,
        r.median_seconds_before,
        r.median_seconds_change,
      ]),
    ).toEqual([
      [
        'platform',
        'android',
        'Q',
        80,
        40,
        40,
        80,
        40,
        0.475,
        0.369247,
        0.583044,
        0.5,
        0.351995,
        0.648005,
        -0.025,
        -0.258342,
        false,
        1800,
        1800,
        0,
      ],
      [
        'platform',
        'ios',
        'Q',
        100,
        50,
        50,
        100,
        50,
        0.5,
        0.403832,
        0.596168,
        0.8,
        0.669629,
        0.887562,
        -0.3,
        -3.535534,
        true,
        1800,
        1800,
        0,
      ],
      [
        'platform',
        'web',
        'Q',
        24,
        4,
        20,
        24,
        4,
        0.166667,
        0.066787,
        0.358531,
        1,
        0.510109,
        1,
        -0.833333,
        -3.41565,
        true,
        1800,
        1800,
        0,
      ],
    ]);
    // Only the moved ones, and one dimension asked for by name.
    expect((await rowsOf(null, true)).map((r) => r.value)).toEqual(['ios', 'web']);
    expect(await rowsOf('build', false)).toEqual([]);
  });

  it('lists segment movers worst first and fires segment-scoped alerts only', async () => {
    const rules = [rule('any quest'), rule('any platform'), rule('any build'), rule('any segment'), rule('Q')];
    const data = await loadChanges(db, { rules, dimensions: ['platform'] });
    expect(data.movers.map((m) => [m.quest_id, r6(m.change)])).toEqual([['Q', r6(92 / 204 - 64 / 94)]]);
    expect(data.segmentMovers?.map((m) => [m.dimension, m.value, r6(m.change), m.worse])).toEqual([
      ['platform', 'web', -0.833333, true],
      ['platform', 'ios', -0.3, true],
    ]);
    expect(data.alerts.map((a) => [a.rule.scope, a.mover.dimension ?? null, a.mover.value ?? null])).toEqual([
      ['any quest', null, null],
      ['any platform', 'platform', 'web'],
      ['any platform', 'platform', 'ios'],
      ['any segment', 'platform', 'web'],
      ['any segment', 'platform', 'ios'],
      ['Q', null, null],
    ]);
    // Without dimensions there are no segment movers, and a segment rule has nothing to fire on.
    const plain = await loadChanges(db, { rules: [rule('any segment')] });
    expect(plain.segmentMovers).toBeUndefined();
    expect(plain.alerts).toEqual([]);
  });

  it('publishes no change of a value under the privacy floor on either date', async () => {
    const data = await loadChanges(db, { rules: [rule('any platform')], dimensions: ['platform'] });
    const now = await loadSegments(db, '2026-11-28', { dimensions: ['platform'], minPlayers: 5 });
    const floored = await floorSegmentChanges(db, data, now);
    expect(floored.segmentMovers?.map((m) => m.value)).toEqual(['ios']);
    expect(floored.alerts.map((a) => a.mover.value)).toEqual(['ios']);
    // Floor off: both stay.
    const open = await floorSegmentChanges(db, data, { ...now, minPlayers: 0 });
    expect(open.segmentMovers?.map((m) => m.value)).toEqual(['web', 'ios']);
    const doc = changesDocument({ schema_version: 1 }, floored);
    expect(doc.segment_movers).toEqual([
      {
        after: 0.5,
        before: 0.8,
        change: -0.3,
        dimension: 'platform',
        high: 0.596168,
        high_before: 0.887562,
        low: 0.403832,
        low_before: 0.669629,
        metric: 'conversion_rate',
        name: 'Q',
        quest_id: 'Q',
        relative_change: -0.375,
        value: 'ios',
        worse: true,
      },
    ]);
    expect(describeMover(floored.segmentMovers?.[0] as never)).toBe(
      'Q (platform ios): conversion 80.0% [67.0–88.8%] → 50.0% [40.4–59.6%] (-30.0 points)',
    );
  });
});

describe('questlog changes --by', () => {
  it('prints the segment movers in every format; the published site keeps only those above the floor', {
    timeout: 240_000,
  }, () => {
    const dir = tempDir();
    const config = {
      db: 'q.duckdb',
      sources: { game: { format: 'events', paths: ['logs/*.ndjson'] } },
      reports: { out: 'site', title: 'Segments' },
      segments: ['platform'],
      alerts: [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05, scope: 'any platform' }],
    };
    writeFileSync(join(dir, 'questlog.config.json'), JSON.stringify(config));
    mkdirSync(join(dir, 'logs'));
    const lines = [...platformDay('2026-11-27'), ...platformDay('2026-11-28')].map(
      ([player_id, quest_id, status, ts, platform]) => JSON.stringify({ ts, player_id, quest_id, status, platform }),
    );
    writeFileSync(join(dir, 'logs/days.ndjson'), `${lines.join('\n')}\n`);
    expect(cli(['ingest', '--source', 'game'], { cwd: dir }).code).toBe(EXIT.ok);
    expect(cli(['stats', '--backfill'], { cwd: dir }).code).toBe(EXIT.ok);

    const ios = 'Q (platform ios): conversion 80.0% [67.0–88.8%] → 50.0% [40.4–59.6%] (-30.0 points)';
    const web = 'Q (platform web): conversion 100.0% [51.0–100.0%] → 16.7% [6.7–35.9%] (-83.3 points)';
    // Lines off a terminal carry a UTC stamp (README "Running it every night"); the text after it is checked.
    const unstamped = (s: string) => s.split('\n').map((l) => l.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ?/, ''));
    const text = cli(['changes', '--by', 'platform'], { cwd: dir });
    expect(text.code).toBe(EXIT.ok);
    const out = unstamped(text.stdout);
    expect(out.slice(2, 5)).toEqual([changesMessages.segmentHeader(2), `  worse   ${web}`, `  worse   ${ios}`]);
    // The CLI sees everything (it runs inside the studio); web's alert fires there.
    expect(out).toContain(`  conversion_rate down: ${web}`);
    const md = cli(['changes', '--by', 'platform', '--format', 'markdown'], { cwd: dir });
    expect(unstamped(md.stdout).join('\n')).toContain(['## Segment values', '', `- ▼ ${web}`, `- ▼ ${ios}`].join('\n'));
    const json = JSON.parse(cli(['changes', '--by', 'platform', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.segment_movers.map((m: { value: string }) => m.value)).toEqual(['web', 'ios']);
    expect(cli(['changes', '--by', 'colour'], { cwd: dir }).code).toBe(EXIT.usage);

    expect(cli(['publish'], { cwd: dir }).code).toBe(EXIT.ok);
    const site = JSON.parse(readFileSync(join(dir, 'site/api/v1/changes.json'), 'utf8'));
    expect(site.segment_movers.map((m: { value: string }) => m.value)).toEqual(['ios']);
    expect(site.alerts.map((m: { value: string }) => m.value)).toEqual(['ios']);
    const index = readFileSync(join(dir, 'site/index.html'), 'utf8');
    expect(index).toContain(ios);
    expect(index).not.toContain('platform web');
  });

  it('refuses a segment scope on survival times, which are per quest only', () => {
    const dir = tempDir();
    const file = join(dir, 'questlog.config.json');
    writeFileSync(
      file,
      JSON.stringify({ alerts: [{ metric: 'survival_median_seconds', direction: 'up', scope: 'any segment' }] }),
    );
    const out = cli(['changes'], { cwd: dir });
    expect(out.code).toBe(EXIT.usage);
    expect(out.stderr).toContain(
      changesMessages.segmentScopeMetric(file, 'alerts[0].scope', 'any segment', 'survival_median_seconds'),
    );
  });
});
