// Extra dimensions a mapped source declares (issue 14): the snapshot computes them by build's rule from
// event_dimensions (filled here by hand, as ingest leaves it), backfill and one-day runs store the same rows, and the
// CLI, notebooks and published site read them like the built-in ones. Real DuckDB, hand-worked rows.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, normalizeConfig } from '../src/config.js';
import { LIMIT_DEFAULTS } from '../src/config-limits.js';
import { generateDemoData } from '../src/demo/generate.js';
import { changesMessages } from '../src/domain/changes-messages.js';
import { silent } from '../src/domain/effects.js';
import { segmentMessages } from '../src/domain/segment-messages.js';
import { DIMENSIONS } from '../src/domain/types.js';
import { Db } from '../src/engine/db.js';
import { getSegmentRows } from '../src/engine/segments.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { ingest } from '../src/ingest/ingest.js';
import { changesCommand } from '../src/jobs/changes.js';
import { statsCommand } from '../src/jobs/stats.js';
import { segmentChart, segmentRows } from '../src/notebook/segments.js';
import { publish } from '../src/publish/publish.js';
import { expectSumsAddUp, FIXTURE, FIXTURE_SEEN, loadSegmentEvents } from './fixtures/segments/load.js';
import { freshDb, tempDir } from './helpers.js';

/**
 * The segment fixture (fixtures/segments/load.ts) with e also seen on Nov 25, before its first quest event (Nov 28),
 * and a region on some events, by line: a's first event ever (line 1, Q2) 'EU/West', a's first Q1 event (line 2)
 * 'na', d's completion (line 6) 'EU/West', e's decline (line 7) 'na'; b's events and c (no quest line) have none.
 */
const SEEN: [string, string][] = [...FIXTURE_SEEN, ['e', '2026-11-25 12:00:00']];
const REGION: [number, string][] = [
  [1, 'EU/West'],
  [2, 'na'],
  [3, 'eu-late'], // a's Q1 completion: not a's first Q1 event, so never read
  [6, 'EU/West'],
  [7, 'na'],
];
const EXTRAS = { dimensions: ['region'] };
const ALL = 'SELECT * FROM segment_snapshots ORDER BY ALL';

async function fixtureDb(dir = tempDir()): Promise<Db> {
  const db = await freshDb(dir);
  await loadSegmentEvents(db, FIXTURE, SEEN);
  const f = await db.one<{ f: number }>('SELECT max(file_id) AS f FROM events');
  for (const [line, value] of REGION) {
    await db.run(`INSERT INTO event_dimensions VALUES ($f, $line, 'region', $value)`, { f: f?.f ?? 0, line, value });
  }
  return db;
}

type Cells = [string, string, number, number, number, number, number];
/** [quest, value, players, accepted, declined, completed, not_encountered] of one date's region rows (abandoned and
 * failed are 0 throughout). */
async function region(db: Db, date: string): Promise<Cells[]> {
  const rows = await getSegmentRows(db, { date, dimension: 'region', overall: false });
  for (const r of rows) expect([r.abandoned, r.failed]).toEqual([0, 0]);
  return rows.map((r) => [
    r.quest_id,
    r.value as string,
    r.players as number,
    r.accepted as number,
    r.declined as number,
    r.completed as number,
    r.not_encountered as number,
  ]);
}

describe('extra dimensions', () => {
  it("puts a player under their first event's value for the quest, else their own first quest event's", async () => {
    const db = await fixtureDb();
    await computeSnapshots(db, { asOf: '2026-11-28', backfill: true, ...EXTRAS }, silent);
    // Nov 28, players a b c d e. Q1: a under 'na' (its first Q1 event) although its first event ever was 'EU/West';
    // b has no region: (none), with c (no quest line); d 'EU/West'; e has not met Q1: its own 'na' (its Q2 event).
    // Q2: a 'EU/West' accepted, e 'na' declined; not met: b and c (none), d its own 'EU/West'.
    expect(await region(db, '2026-11-28')).toEqual([
      ['Q1', '(none)', 2, 0, 1, 0, 1],
      ['Q1', 'EU/West', 1, 0, 0, 1, 0],
      ['Q1', 'na', 2, 0, 0, 1, 1],
      ['Q2', '(none)', 2, 0, 0, 0, 2],
      ['Q2', 'EU/West', 2, 1, 0, 0, 1],
      ['Q2', 'na', 1, 0, 1, 0, 0],
    ]);
    // Nov 26, players a c e, and only Q2 in the snapshot (Q1 is first met on Nov 27): e, seen on Nov 25, has no quest
    // event yet, so no value yet: (none) like c.
    expect(await region(db, '2026-11-26')).toEqual([
      ['Q2', '(none)', 2, 0, 0, 0, 2],
      ['Q2', 'EU/West', 1, 1, 0, 0, 0],
    ]);
    // Times under the completer's value: a's 1800 s under 'na'; d's completion has no acceptance (an anomaly).
    const q1 = await getSegmentRows(db, { date: '2026-11-28', dimension: 'region', quest: 'Q1', overall: false });
    expect(q1.map((r) => [r.value, r.mean_seconds, r.median_seconds, r.p90_seconds, r.anomalies])).toEqual([
      ['(none)', null, null, null, 0],
      ['EU/West', null, null, null, 1],
      ['na', 1800, 1800, 1800, 0],
    ]);
    const dates = await db.all<{ d: string }>('SELECT DISTINCT snapshot_date::VARCHAR AS d FROM snapshots ORDER BY 1');
    for (const { d } of dates) expect(expectSumsAddUp(await getSegmentRows(db, { date: d }))).toBeGreaterThan(0);
    // A configured dimension with no values yet: every player under (none), on every quest.
    await computeSnapshots(db, { asOf: '2026-11-28', dimensions: ['region', 'tier'] }, silent);
    const tier = await getSegmentRows(db, { date: '2026-11-28', dimension: 'tier', overall: false });
    expect(tier.map((r) => [r.quest_id, r.value, r.players, r.not_encountered])).toEqual([
      ['Q1', '(none)', 5, 2],
      ['Q2', '(none)', 5, 3],
    ]);
    db.close();
  });

  it('stores the same rows from a backfill and from one-day runs, and none without extras', async () => {
    const db = await fixtureDb();
    const dates = await computeSnapshots(db, { asOf: '2026-11-28', backfill: true, ...EXTRAS }, silent);
    await db.run(`CREATE TEMP TABLE backfill AS ${ALL}`);
    // One-day runs, the last on a date after every event (the nightly's path: the kept sums for the built-in ones).
    for (const asOf of [...dates, '2026-11-29']) await computeSnapshots(db, { asOf, force: true, ...EXTRAS }, silent);
    const diff = `SELECT (SELECT count(*) FROM (SELECT * FROM one EXCEPT ALL SELECT * FROM backfill))::INTEGER AS a,
      (SELECT count(*) FROM (SELECT * FROM backfill EXCEPT ALL SELECT * FROM one))::INTEGER AS b`;
    await db.run(`CREATE TEMP TABLE one AS SELECT * FROM segment_snapshots WHERE snapshot_date <= '2026-11-28'`);
    expect(await db.one(diff)).toEqual({ a: 0, b: 0 });
    expect(
      (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM backfill WHERE dimension = 'region'`))?.n,
    ).toBeGreaterThan(0);
    // Nov 29 (no event that day) has Nov 28's region rows.
    expect(await region(db, '2026-11-29')).toEqual(await region(db, '2026-11-28'));
    // Without extras the built-in rows only, the same as with them.
    await computeSnapshots(db, { asOf: '2026-11-28', backfill: true }, silent);
    const dims = await db.all('SELECT DISTINCT dimension FROM segment_snapshots WHERE snapshot_date <= $d ORDER BY 1', {
      d: '2026-11-28',
    });
    expect(dims).toEqual(
      DIMENSIONS.map((dimension) => ({ dimension })).sort((x, y) => (x.dimension < y.dimension ? -1 : 1)),
    );
    db.close();
  });

  it("counts a roster's players only, one never seen under (none)", async () => {
    const dir = tempDir();
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'player_id\na\nc\nz\n');
    const db = await fixtureDb(dir);
    await computeSnapshots(db, { asOf: '2026-11-28', roster, ...EXTRAS }, silent);
    // a: Q1 under 'na' (completed), Q2 under 'EU/West' (accepted); c (no quest line) and z (never seen): (none).
    // A value the day knows (a pair's or a player's own) has a row on every quest, zeros included, as build's.
    expect(await region(db, '2026-11-28')).toEqual([
      ['Q1', '(none)', 2, 0, 0, 0, 2],
      ['Q1', 'EU/West', 0, 0, 0, 0, 0],
      ['Q1', 'na', 1, 0, 0, 1, 0],
      ['Q2', '(none)', 2, 0, 0, 0, 2],
      ['Q2', 'EU/West', 1, 1, 0, 0, 0],
      ['Q2', 'na', 0, 0, 0, 0, 0],
    ]);
    const build = await getSegmentRows(db, { date: '2026-11-28', dimension: 'build', quest: 'Q1', overall: false });
    expect(build.map((r) => [r.value, r.players])).toEqual([
      ['(none)', 2],
      ['1.4', 0], // a's own build, a met Q1 on 1.5
      ['1.5', 1],
    ]);
    expect(expectSumsAddUp(await getSegmentRows(db, { date: '2026-11-28' }))).toBe(8);
    db.close();
  });

  it("follows build's rule exactly: a dimension whose values are the events' builds gives build's rows", async () => {
    // 300 players, 10 days across New York's change of clocks: backfill (running sums, kept sums) for build, the
    // extra statement for 'copy'; then one-day runs store the same again.
    const dir = tempDir();
    const out = join(dir, 'data');
    await generateDemoData(
      { out, seed: 5, players: 300, quests: 12, meanQuests: 4, days: 10, start: '2026-10-27', formats: ['parquet'] },
      silent,
    );
    const db = await freshDb(dir);
    await ingest(db, { paths: [join(out, 'parquet')] }, silent);
    await db.run(
      `INSERT INTO event_dimensions SELECT file_id, line, 'copy', build FROM events WHERE build IS NOT NULL`,
    );
    const timezone = 'America/New_York';
    const dates = await computeSnapshots(db, { backfill: true, timezone, dimensions: ['copy'] }, silent);
    const rows = (d: string) => `SELECT * EXCLUDE (dimension) FROM segment_snapshots WHERE dimension = '${d}'`;
    const same = `SELECT (SELECT count(*) FROM (${rows('build')} EXCEPT ALL ${rows('copy')}))::INTEGER AS a,
      (SELECT count(*) FROM (${rows('copy')} EXCEPT ALL ${rows('build')}))::INTEGER AS b`;
    expect(await db.one(same)).toEqual({ a: 0, b: 0 });
    expect(
      (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM segment_snapshots WHERE dimension = 'copy'`))?.n,
    ).toBeGreaterThan(100);
    for (const asOf of dates.slice(-2)) await computeSnapshots(db, { asOf, timezone, dimensions: ['copy'] }, silent);
    expect(await db.one(same)).toEqual({ a: 0, b: 0 });
    db.close();
  });

  it('reaches stats --by, notebooks and the published site; an unknown dimension lists the extra ones', async () => {
    const dir = tempDir();
    (await fixtureDb(dir)).close();
    const path = join(dir, 'test.duckdb');
    const config = {
      root: dir,
      limits: LIMIT_DEFAULTS,
      sources: { ours: { format: 'mapped', paths: ['x.csv'], dimensions: { region: 'zone' } } },
    } as Config;
    const data: string[] = [];
    const out = { log() {}, data: (line: string) => data.push(line) };
    const stats = { db: path, config, asOf: '2026-11-28', backfill: true, by: 'region', format: 'json' as const };
    await statsCommand(stats, out);
    const json = JSON.parse(data.join('\n')) as Record<string, unknown>[];
    // Each quest's overall row (dimension and value null), then its values by name (test 1's rows).
    expect(json.map((r) => [r.quest_id, r.dimension, r.value, r.players, r.completed, r.not_encountered])).toEqual([
      ['Q1', null, null, 5, 2, 2],
      ['Q1', 'region', '(none)', 2, 0, 1],
      ['Q1', 'region', 'EU/West', 1, 1, 0],
      ['Q1', 'region', 'na', 2, 1, 1],
      ['Q2', null, null, 5, 0, 3],
      ['Q2', 'region', '(none)', 2, 0, 2],
      ['Q2', 'region', 'EU/West', 2, 0, 1],
      ['Q2', 'region', 'na', 1, 0, 0],
    ]);
    const known = [...DIMENSIONS, 'region'];
    await expect(statsCommand({ ...stats, by: 'country' }, silent)).rejects.toThrow(
      segmentMessages.unknownDimension('country', known),
    );
    const db = await Db.open(path);
    // A notebook has no config: the dimensions stored for the date are known.
    const nb = await segmentRows(db, { by: 'region', quest: 'Q2' });
    expect(nb.map((r) => [r.value, r.players])).toEqual([
      [null, 5],
      ['(none)', 2],
      ['EU/West', 2],
      ['na', 1],
    ]);
    expect((await segmentChart(db, { quest: 'Q1', by: 'region' })).table.rows.map((r) => r[0])).toEqual([
      '(none)',
      'EU/West',
      'na',
    ]);
    await expect(segmentRows(db, { by: 'country' })).rejects.toThrow(
      segmentMessages.unknownDimension('country', known),
    );
    // The site: region published beside build, its values' files with safe ids ('/' escaped), each quest's values.
    const site = join(dir, 'site');
    await publish(db, { out: site, segments: { dimensions: ['build', 'region'], minPlayers: 0 } }, silent);
    db.close();
    const api = join(site, 'api/v1');
    const files = readdirSync(join(api, 'segments/region')).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['EU~2FWest.json', 'na.json', '~28none~29.json']);
    const index = JSON.parse(readFileSync(join(api, 'segments.json'), 'utf8'));
    expect(index.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual(['build', 'region']);
    const q1 = JSON.parse(readFileSync(join(api, 'quests/Q1.json'), 'utf8'));
    expect(q1.segments.region.map((r: { value: string; players: number }) => [r.value, r.players])).toEqual([
      ['(none)', 2],
      ['EU/West', 1],
      ['na', 2],
    ]);
    const pages = readdirSync(join(site, 'segments')).filter((f) => f.endsWith('.html'));
    expect(pages.sort()).toEqual(['build.html', 'region.html']);
    expect(readFileSync(join(site, 'segments/region.html'), 'utf8')).toContain('EU/West');
  });

  it('takes an extra dimension in alert scopes and changes --by', async () => {
    const dir = tempDir();
    const ours = { sources: { ours: { format: 'mapped', paths: ['x.csv'], dimensions: { region: 'zone' } } } };
    const alert = { metric: 'survival_median_seconds', direction: 'up', scope: 'any region' };
    // `any region` is a segment scope once a source declares region (conversion only); without it, a quest id.
    expect(() => normalizeConfig({ ...ours, alerts: [alert] }, dir)).toThrow(
      changesMessages.segmentScopeMetric('questlog.config.json', 'alerts[0].scope', 'any region', alert.metric),
    );
    expect(normalizeConfig({ alerts: [alert] }, dir).alerts?.[0]?.scope).toBe('any region');
    const db = await fixtureDb(dir);
    await computeSnapshots(db, { asOf: '2026-11-28', backfill: true, ...EXTRAS }, silent);
    db.close();
    const config = normalizeConfig(ours, dir);
    const opts = { db: join(dir, 'test.duckdb'), config, format: 'json' };
    const changes = await changesCommand({ ...opts, by: 'region' }, silent);
    expect(changes.latest.snapshot_date).toBe('2026-11-28');
    await expect(changesCommand({ ...opts, by: 'country' }, silent)).rejects.toThrow(
      segmentMessages.unknownDimension('country', [...DIMENSIONS, 'region']),
    );
  });
});
