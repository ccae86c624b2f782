import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Effects, recorder, silent } from '../src/domain/effects.js';
import { catalogueMessages, dateMessages, snapshotMessages, statsMessages } from '../src/domain/messages.js';
import { opsMessages } from '../src/domain/ops-messages.js';
import type { QuestStats } from '../src/domain/types.js';
import type { Db } from '../src/engine/db.js';
import { SCHEMA_VERSION } from '../src/engine/migrate.js';
import { getCompletionHistogram, getCoverage, getHistory, getSnapshot } from '../src/engine/read.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { refreshState } from '../src/engine/state.js';
import { loadCatalogue } from '../src/ingest/catalogue.js';
import { ingest } from '../src/ingest/ingest.js';
import { formatStatsTable } from '../src/jobs/format.js';
import { statsCommand } from '../src/jobs/stats.js';
import { statusCommand } from '../src/jobs/status.js';
import { type Ev, loadEvents } from './fixtures/stats/load.js';
import { expectGoldenText } from './golden.js';
import { cli, FIXTURES, freshDb, tempDir } from './helpers.js';

const clock = (iso: string): Effects => ({ log() {}, now: () => new Date(iso) });
const at3am = clock('2026-11-29T03:00:00Z');

/**
 * Wilson 95% interval, written out independently of the SQL macro (the rate fields of every fixture row follow from its
 * counts; test/rates.test.ts checks the macro against hand-worked values).
 */
function wilson(k: number, n: number): [number | null, number | null] {
  if (n === 0) return [null, null];
  const z = 1.959963984540054;
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const d = 1 + (z * z) / n;
  return [k === 0 ? 0 : (centre - half) / d, k === n ? 1 : (centre + half) / d];
}

/** A QuestStats row: every count spelled out by the test, defaults for a quest nobody met, rates from the counts. */
function quest(date: string, quest_id: string, players: number, fields: Partial<QuestStats> = {}): QuestStats {
  const base: QuestStats = {
    snapshot_date: date,
    quest_id,
    name: quest_id,
    chain: null,
    sort_order: null,
    in_catalogue: false,
    players,
    accepted: 0,
    declined: 0,
    completed: 0,
    abandoned: 0,
    failed: 0,
    not_encountered: 0,
    completion_rate: players > 0 ? 0 : null,
    completion_rate_low: null,
    completion_rate_high: null,
    reach_rate: null,
    reach_rate_low: null,
    reach_rate_high: null,
    conversion_rate: null,
    conversion_rate_low: null,
    conversion_rate_high: null,
    mean_seconds: null,
    min_seconds: null,
    max_seconds: null,
    median_seconds: null,
    p90_seconds: null,
    mean_attempts: null,
    anomalies: 0,
  };
  const row = { ...base, ...fields };
  const met = row.accepted + row.declined + row.completed + row.abandoned + row.failed;
  const [completion_rate_low, completion_rate_high] = wilson(row.completed, players);
  const [reach_rate_low, reach_rate_high] = wilson(met, players);
  const [conversion_rate_low, conversion_rate_high] = wilson(row.completed, met);
  return {
    ...row,
    not_encountered: fields.not_encountered ?? players - met,
    completion_rate_low,
    completion_rate_high,
    reach_rate: players > 0 ? met / players : null,
    reach_rate_low,
    reach_rate_high,
    conversion_rate: met > 0 ? row.completed / met : null,
    conversion_rate_low,
    conversion_rate_high,
  };
}

const timed = (s: number, attempts = 1): Partial<QuestStats> => ({
  mean_seconds: s,
  min_seconds: s,
  max_seconds: s,
  median_seconds: s,
  p90_seconds: s,
  mean_attempts: attempts,
});

async function dbWith(...batches: Ev[][]): Promise<Db> {
  const db = await freshDb();
  for (const batch of batches) await loadEvents(db, batch);
  return db;
}

describe('snapshot figures', () => {
  it("the seed's own lines: FET0001 completed in 1800 s, FET0002 declined", async () => {
    const db = await dbWith([
      ['FET-player', 'FET0001', 'accepted', '2026-11-28 08:00:00'],
      ['FET-player', 'FET0001', 'completed', '2026-11-28 08:30:00'],
      ['FET-player', 'FET0002', 'declined', '2026-11-28 08:42:00'],
    ]);
    expect(await computeSnapshots(db, {}, at3am)).toEqual(['2026-11-28']);
    expect(await getSnapshot(db)).toEqual({
      meta: {
        snapshot_date: '2026-11-28',
        computed_at: '2026-11-29 03:00:00',
        players: 1,
        events: 3,
        data_through: '2026-11-28 08:42:00',
      },
      quests: [
        quest('2026-11-28', 'FET0001', 1, { completed: 1, completion_rate: 1, ...timed(1800) }),
        quest('2026-11-28', 'FET0002', 1, { declined: 1 }),
      ],
    });
    // Everyone took the same time: one bin.
    expect(await getCompletionHistogram(db)).toEqual([
      { quest_id: 'FET0001', bin_start: 1800, bin_end: 1800, players: 1 },
    ]);
    db.close();
  });

  it('three players completing in 1 h, 2 h, 2 h: mean 6000 s, median 7200 s', async () => {
    const db = await freshDb();
    await loadEvents(
      db,
      [
        ['p1', 'Q', 'accepted', '2026-11-28 08:00:00'],
        ['p1', 'Q', 'completed', '2026-11-28 09:00:00'],
        ['p2', 'Q', 'accepted', '2026-11-28 08:00:00'],
        ['p2', 'Q', 'completed', '2026-11-28 10:00:00'],
        ['p3', 'Q', 'accepted', '2026-11-28 09:00:00'],
        ['p3', 'Q', 'completed', '2026-11-28 11:00:00'],
        ['p4', 'Q', 'abandoned', '2026-11-28 09:00:00'],
        ['p5', 'Q', 'accepted', '2026-11-28 09:00:00'],
        ['p5', 'Q', 'failed', '2026-11-28 09:30:00'],
        ['p6', 'R', 'completed', '2026-11-28 12:00:00'],
      ],
      { seen: [['p7', '2026-11-28 07:00:00']] },
    );
    await computeSnapshots(db, { asOf: '2026-11-28' }, at3am);
    const { meta, quests } = await getSnapshot(db, '2026-11-28');
    expect(meta.players).toBe(7);
    expect(quests).toEqual([
      quest('2026-11-28', 'Q', 7, {
        completed: 3,
        abandoned: 1,
        failed: 1,
        completion_rate: 3 / 7,
        mean_seconds: 6000,
        min_seconds: 3600,
        max_seconds: 7200,
        median_seconds: 7200,
        p90_seconds: 7200,
        mean_attempts: 1,
      }),
      quest('2026-11-28', 'R', 7, { completed: 1, completion_rate: 1 / 7, mean_attempts: 0, anomalies: 1 }),
    ]);
    expect(quests[0]?.not_encountered).toBe(2);

    expect(await getCompletionHistogram(db, '2026-11-28', 4)).toEqual([
      { quest_id: 'Q', bin_start: 3600, bin_end: 4500, players: 1 },
      { quest_id: 'Q', bin_start: 4500, bin_end: 5400, players: 0 },
      { quest_id: 'Q', bin_start: 5400, bin_end: 6300, players: 0 },
      { quest_id: 'Q', bin_start: 6300, bin_end: 7200, players: 2 },
    ]);
    db.close();
  });

  it('re-accept after decline and abandon-then-complete, in the snapshot', async () => {
    const db = await dbWith([
      ['a', 'Q', 'accepted', '2026-11-28 10:00:00'],
      ['a', 'Q', 'declined', '2026-11-28 10:05:00'],
      ['a', 'Q', 'accepted', '2026-11-28 11:00:00'],
      ['a', 'Q', 'completed', '2026-11-28 11:30:00'],
      ['b', 'Q', 'accepted', '2026-11-28 09:00:00'],
      ['b', 'Q', 'abandoned', '2026-11-28 09:10:00'],
      ['b', 'Q', 'completed', '2026-11-28 09:50:00'],
    ]);
    await computeSnapshots(db, {}, at3am);
    expect((await getSnapshot(db)).quests).toEqual([
      quest('2026-11-28', 'Q', 2, {
        completed: 2,
        completion_rate: 1,
        mean_seconds: 2400,
        min_seconds: 1800,
        max_seconds: 3000,
        median_seconds: 2400,
        p90_seconds: 2880,
        mean_attempts: 1.5,
      }),
    ]);
    const bins = await getCompletionHistogram(db);
    expect(bins.map((b) => [b.bin_start, b.bin_end, b.players])).toEqual(
      Array.from({ length: 10 }, (_, i) => [1800 + 120 * i, 1920 + 120 * i, i === 0 || i === 9 ? 1 : 0]),
    );
    expect(await getCompletionHistogram(db, '2026-11-28', 1)).toEqual([
      { quest_id: 'Q', bin_start: 1800, bin_end: 3000, players: 2 },
    ]);
    await expect(getCompletionHistogram(db, undefined, 0)).rejects.toThrow(statsMessages.badBins(0));
    db.close();
  });

  it('duplicates count once and out-of-order files agree', async () => {
    const acc: Ev = ['p', 'Q', 'accepted', '2026-11-28 08:00:00'];
    const db = await dbWith([['p', 'Q', 'completed', '2026-11-28 08:20:00'], acc], [acc, acc]);
    await computeSnapshots(db, {}, at3am);
    const { meta, quests } = await getSnapshot(db);
    expect(meta.events).toBe(4); // loaded rows; the state counts each distinct event once
    expect(quests).toEqual([quest('2026-11-28', 'Q', 1, { completed: 1, completion_rate: 1, ...timed(1200) })]);
    db.close();
  });
});

describe('as-of dates and backfill', () => {
  const events: Ev[] = [
    ['p1', 'Q', 'accepted', '2026-11-20 08:00:00'],
    ['p1', 'Q', 'completed', '2026-11-21 10:00:00'],
    ['p2', 'Q', 'declined', '2026-11-21 11:00:00'],
  ];
  const day20 = quest('2026-11-20', 'Q', 1, { accepted: 1 });
  const day21 = quest('2026-11-21', 'Q', 2, {
    completed: 1,
    declined: 1,
    completion_rate: 0.5,
    ...timed(93600),
  });

  it('before, during and after the events', async () => {
    const db = await dbWith(events);
    // 2026-11-30 is past the last event date plus one day: refused unless forced (a typo'd future date).
    await expect(computeSnapshots(db, { asOf: '2026-11-30' }, at3am)).rejects.toThrow(
      snapshotMessages.futureAsOf('2026-11-30', '2026-11-21'),
    );
    for (const d of ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-30']) {
      expect(await computeSnapshots(db, { asOf: d, force: true }, at3am)).toEqual([d]);
    }
    expect(await getSnapshot(db, '2026-11-19')).toEqual({
      meta: {
        snapshot_date: '2026-11-19',
        computed_at: '2026-11-29 03:00:00',
        players: 0,
        events: 0,
        data_through: null,
      },
      quests: [],
    });
    expect((await getSnapshot(db, '2026-11-20')).quests).toEqual([day20]);
    expect((await getSnapshot(db, '2026-11-21')).quests).toEqual([day21]);
    const after = await getSnapshot(db);
    expect(after.meta).toEqual({
      snapshot_date: '2026-11-30',
      computed_at: '2026-11-29 03:00:00',
      players: 2,
      events: 3,
      data_through: '2026-11-21 11:00:00',
    });
    expect(after.quests).toEqual([{ ...day21, snapshot_date: '2026-11-30' }]);
    db.close();
  });

  it('--backfill writes one snapshot per day; re-running a date replaces it', async () => {
    const db = await dbWith(events);
    expect(await computeSnapshots(db, { backfill: true }, at3am)).toEqual(['2026-11-20', '2026-11-21']);
    expect(await getHistory(db, 'Q')).toEqual([day20, day21]);
    expect(await getHistory(db, 'nope')).toEqual([]);

    await loadEvents(db, [['p3', 'Q', 'accepted', '2026-11-21 12:00:00']]);
    expect(await computeSnapshots(db, { asOf: '2026-11-21' }, clock('2026-11-30T00:00:00Z'))).toEqual(['2026-11-21']);
    const day21Again = quest('2026-11-21', 'Q', 3, {
      accepted: 1,
      completed: 1,
      declined: 1,
      completion_rate: 1 / 3,
      ...timed(93600),
    });
    expect(await getHistory(db)).toEqual([day20, day21Again]);
    expect(await db.all('SELECT snapshot_date, computed_at, players FROM snapshot_runs ORDER BY 1')).toEqual([
      { snapshot_date: '2026-11-20', computed_at: '2026-11-29 03:00:00', players: 1 },
      { snapshot_date: '2026-11-21', computed_at: '2026-11-30 00:00:00', players: 3 },
    ]);
    db.close();
  });

  it('the configured time zone defines the day end', async () => {
    // 2026-03-29 is the first day of summer time in Berlin: 22:30 UTC is already 00:30 on the 30th there.
    const db = await dbWith([
      ['p', 'Q', 'accepted', '2026-03-29 21:30:00'],
      ['p', 'Q', 'completed', '2026-03-29 22:30:00'],
    ]);
    const berlin = { timezone: 'Europe/Berlin' };
    expect(await computeSnapshots(db, { ...berlin, backfill: true }, at3am)).toEqual(['2026-03-29', '2026-03-30']);
    expect(await getHistory(db)).toEqual([
      quest('2026-03-29', 'Q', 1, { accepted: 1 }),
      quest('2026-03-30', 'Q', 1, { completed: 1, completion_rate: 1, ...timed(3600) }),
    ]);
    const runs = 'SELECT snapshot_date, day_end, timezone, events::INTEGER AS events FROM snapshot_runs ORDER BY 1';
    expect(await db.all(runs)).toEqual([
      { snapshot_date: '2026-03-29', day_end: '2026-03-29 22:00:00', timezone: 'Europe/Berlin', events: 1 },
      { snapshot_date: '2026-03-30', day_end: '2026-03-30 22:00:00', timezone: 'Europe/Berlin', events: 2 },
    ]);
    // Recomputing one day in UTC beside the other stored in Berlin would mix day ends (round 15): refused.
    const berlinDay = [{ zone: 'Europe/Berlin', n: 1, first: '2026-03-30', last: '2026-03-30' }];
    await expect(computeSnapshots(db, { asOf: '2026-03-29' }, at3am)).rejects.toThrow(
      opsMessages.zoneChanged('UTC', berlinDay),
    );
    // Every stored day recomputed in UTC: the completion is on the 29th there.
    const utc = { asOf: '2026-03-30', backfill: true };
    expect(await computeSnapshots(db, utc, at3am)).toEqual(['2026-03-29', '2026-03-30']);
    expect((await getSnapshot(db, '2026-03-29')).quests).toEqual([
      quest('2026-03-29', 'Q', 1, { completed: 1, completion_rate: 1, ...timed(3600) }),
    ]);
    db.close();
  });

  it('rejects bad dates, unknown zones and an empty database with clear errors', async () => {
    const db = await freshDb();
    await expect(computeSnapshots(db, {}, silent)).rejects.toThrow(statsMessages.noEvents);
    await expect(computeSnapshots(db, { asOf: '2026-02-30' }, silent)).rejects.toThrow(
      dateMessages.notADate('2026-02-30'),
    );
    await expect(computeSnapshots(db, { asOf: '2026-1-1' }, silent)).rejects.toThrow(dateMessages.notADate('2026-1-1'));
    await expect(computeSnapshots(db, { timezone: 'Mars/Olympus' }, silent)).rejects.toThrow(
      dateMessages.unknownZone('Mars/Olympus'),
    );
    await expect(getSnapshot(db)).rejects.toThrow(statsMessages.noSnapshot());
    await expect(getSnapshot(db, '2026-01-01')).rejects.toThrow(statsMessages.noSnapshot('2026-01-01'));
    db.close();
  });
});

describe('catalogue, coverage and roster', () => {
  const events: Ev[] = [
    ['a', 'FET0001', 'accepted', '2026-11-28 08:00:00'],
    ['a', 'FET0001', 'completed', '2026-11-28 08:30:00'],
    ['a', 'XYZ9', 'declined', '2026-11-28 09:00:00'],
    ['c', 'FET0001', 'accepted', '2026-11-28 10:00:00'],
  ];

  it('names quests, lists catalogue quests nobody met, reports unknown ids', async () => {
    const dir = tempDir();
    const csv = join(dir, 'catalogue.csv');
    writeFileSync(
      csv,
      'id,name,chain,order\nFET0002,Slay the Boar,Greenvale,2\nFET0001,"Fetch the Herbs, Quickly",Greenvale,1\n',
    );
    const db = await dbWith(events);
    expect(await getCoverage(db)).toEqual({ unknown_ids: [], never_seen: [], rejected_lines: 0 });
    expect(await loadCatalogue(db, csv)).toEqual({ quests: 2 });
    await computeSnapshots(db, {}, at3am);
    const greenvale = { chain: 'Greenvale', in_catalogue: true };
    expect((await getSnapshot(db)).quests).toEqual([
      quest('2026-11-28', 'FET0001', 2, {
        ...greenvale,
        name: 'Fetch the Herbs, Quickly',
        sort_order: 1,
        accepted: 1,
        completed: 1,
        completion_rate: 0.5,
        ...timed(1800),
      }),
      quest('2026-11-28', 'FET0002', 2, { ...greenvale, name: 'Slay the Boar', sort_order: 2 }),
      quest('2026-11-28', 'XYZ9', 2, { declined: 1 }),
    ]);
    await db.run("INSERT INTO rejects VALUES (1, 7, 'unknown status', 'x')");
    expect(await getCoverage(db)).toEqual({ unknown_ids: ['XYZ9'], never_seen: ['FET0002'], rejected_lines: 1 });

    // A JSON catalogue replaces the CSV one entirely.
    const json = join(dir, 'catalogue.json');
    writeFileSync(json, JSON.stringify([{ id: 'XYZ9', name: 'Mystery', zone: 'Caves', order: 5 }]));
    expect(await loadCatalogue(db, json)).toEqual({ quests: 1 });
    expect(await db.all('SELECT * FROM catalogue')).toEqual([
      { quest_id: 'XYZ9', name: 'Mystery', chain: 'Caves', sort_order: 5 },
    ]);
    expect(await getCoverage(db, '2026-11-28')).toEqual({
      unknown_ids: ['FET0001'],
      never_seen: [],
      rejected_lines: 1,
    });
    db.close();
  });

  it('coverage comes from quest_first once refreshed, from the events before; a removed file takes its quests', async () => {
    const db = await dbWith(events);
    await db.run("INSERT INTO catalogue VALUES ('FET0001', 'Fetch', NULL, 1), ('LATE1', 'Late', NULL, 2)");
    const day1 = { unknown_ids: ['XYZ9'], never_seen: ['LATE1'], rejected_lines: 0 };
    expect(await getCoverage(db)).toEqual(day1);
    await computeSnapshots(db, {}, at3am);
    expect(await getCoverage(db)).toEqual(day1);
    await loadEvents(db, [
      ['d', 'LATE1', 'accepted', '2026-11-29 09:00:00'],
      ['d', 'XYZ9', 'declined', '2026-11-27 09:00:00'],
    ]);
    // Not refreshed yet: the events answer, up to the latest snapshot's day end.
    expect(await getCoverage(db)).toEqual(day1);
    await computeSnapshots(db, { asOf: '2026-11-29' }, at3am);
    expect(await db.all('SELECT quest_id, first_seen::VARCHAR AS t FROM quest_first ORDER BY 1')).toEqual([
      { quest_id: 'FET0001', t: '2026-11-28 08:00:00' },
      { quest_id: 'LATE1', t: '2026-11-29 09:00:00' },
      { quest_id: 'XYZ9', t: '2026-11-27 09:00:00' },
    ]);
    expect(await getCoverage(db)).toEqual({ unknown_ids: ['XYZ9'], never_seen: [], rejected_lines: 0 });
    expect(await getCoverage(db, '2026-11-28')).toEqual(day1);
    // The first file goes away (as a replaced file's old rows do): FET0001 was only in it.
    const first = { f: (await db.one<{ f: number }>('SELECT min(file_id) AS f FROM files'))?.f ?? 0 };
    await db.run('INSERT INTO dirty_players SELECT DISTINCT player_id FROM events WHERE file_id = $f', { f: first.f });
    for (const t of ['events', 'file_players', 'files'])
      await db.run(`DELETE FROM ${t} WHERE file_id = $f`, { f: first.f });
    const day2 = { unknown_ids: ['XYZ9'], never_seen: ['FET0001'], rejected_lines: 0 };
    expect(await getCoverage(db)).toEqual(day2);
    await computeSnapshots(db, { asOf: '2026-11-29' }, at3am);
    expect(await db.all('SELECT quest_id FROM quest_first ORDER BY 1')).toEqual([
      { quest_id: 'LATE1' },
      { quest_id: 'XYZ9' },
    ]);
    expect(await getCoverage(db)).toEqual(day2);
    db.close();
  });

  it('a bad catalogue is an error naming file and line, and the old catalogue stays', async () => {
    const dir = tempDir();
    const db = await freshDb();
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'id,name\nQ1,One\n');
    await loadCatalogue(db, good);
    const cases: [string, string, string][] = [
      ['dup.csv', 'id,name,order\nQ1,One,1\nQ2,Two,2\nQ1,Again,3\n', 'dup.csv:4: duplicate id Q1'],
      ['noname.csv', 'id,title\nQ1,One\n', 'noname.csv: missing column "name" (found: id, title)'],
      ['order.csv', 'id,name,order\nQ1,One,first\n', 'order.csv:2: order is not an integer: first'],
      ['empty.csv', 'id,name\nQ1,One\n,Nameless\nQ3,\n', 'empty.csv:3: empty id (and 1 more problems)'],
      ['bad.json', '[{"id": "Q1", "name": "One"}, {"id": "Q1", "name": "Two"}]', 'bad.json: entry 2: duplicate id Q1'],
      ['cat.xml', '<x/>', 'cat.xml: unsupported catalogue type ".xml"'],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, text);
      await expect(loadCatalogue(db, path)).rejects.toThrow(join(dir, message));
    }
    await expect(loadCatalogue(db, join(dir, 'missing.csv'))).rejects.toThrow(catalogueMessages.missing);
    // A folder (named like a catalogue or not) is said to be one, not an unsupported type "".
    mkdirSync(join(dir, 'cat-folder.csv'));
    await expect(loadCatalogue(db, join(dir, 'cat-folder.csv'))).rejects.toThrow(
      `${join(dir, 'cat-folder.csv')}: ${catalogueMessages.isFolder}`,
    );
    expect(await db.all('SELECT quest_id, name FROM catalogue')).toEqual([{ quest_id: 'Q1', name: 'One' }]);
    db.close();
  });

  it('a roster fixes who counts, on every day', async () => {
    const roster = join(tempDir(), 'roster.csv');
    writeFileSync(roster, 'player_id\na\nz\n');
    const db = await dbWith(events);
    await computeSnapshots(db, { roster }, at3am);
    const { meta, quests } = await getSnapshot(db);
    expect(meta.players).toBe(2);
    expect(quests).toEqual([
      quest('2026-11-28', 'FET0001', 2, { completed: 1, completion_rate: 0.5, ...timed(1800) }),
      quest('2026-11-28', 'XYZ9', 2, { declined: 1 }),
    ]);
    db.close();
  });
});

describe('stats and status commands', () => {
  it('print one line per step, coverage and the per-quest table (golden)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'catalogue.csv'), 'id,name,chain,order\nFET0001,Fetch the Herbs,Greenvale,1\n');
    const setup = await freshDb(dir);
    await loadEvents(setup, [
      ['FET-player', 'FET0001', 'accepted', '2026-11-28 08:00:00'],
      ['FET-player', 'FET0001', 'completed', '2026-11-28 08:30:00'],
      ['FET-player', 'FET0002', 'declined', '2026-11-28 08:42:00'],
      ['other', 'FET0001', 'accepted', '2026-11-27 20:00:00'],
    ]);
    const dbPath = setup.path;
    setup.close();

    const out = { ...recorder(), now: () => new Date('2026-11-29T03:00:00Z') };
    const config = { root: dir, sources: {}, catalogue: 'catalogue.csv' };
    const result = await statsCommand({ db: dbPath, backfill: true, config }, out);
    expect(result.dates).toEqual(['2026-11-27', '2026-11-28']);
    const ms = (line: string | undefined) => line?.replace(/\d+ ms/g, 'N ms');
    expect(out.lines.slice(0, 5).map(ms)).toEqual([
      'catalogue catalogue.csv: 1 quests in N ms',
      'state: 2 players (2 from all their events), 4 intervals in N ms',
      'snapshots: 2 dates (2026-11-27 .. 2026-11-28, UTC) in N ms (segments N ms, survival N ms, chains N ms)',
      'coverage: 1 unknown quest ids (FET0002), 0 catalogue quests never seen, 0 quarantined lines',
      '',
    ]);
    expectGoldenText('stats-table.txt', `${out.lines.slice(5).join('\n')}\n`);
    expect(result.snapshot && formatStatsTable(result.snapshot)).toEqual(out.lines.slice(5));

    const status = recorder();
    await statusCommand({ db: dbPath }, status);
    // The run's duration varies; its start is the pinned clock.
    expect(status.lines.map((l) => l.replace(/ ok in [^;]+;/, ' ok in T;'))).toEqual([
      `database: ${dbPath} (schema version ${SCHEMA_VERSION} of ${SCHEMA_VERSION})`,
      'files: 1',
      'events: 4',
      'rejects: 0',
      'players: 2',
      'quests: 2 in logs, 1 in catalogue',
      'snapshots: 2, last 2026-11-28 (computed 2026-11-29 03:00:00 UTC)',
      'last runs:',
      '  stats: 2026-11-29 03:00:00 UTC, ok in T; 2 snapshot(s) to 2026-11-28',
    ]);
  });
});

describe('end to end through ingest (seed logs)', () => {
  it('seed lines, a late file with an earlier acceptance, and an idempotent re-ingest', async () => {
    const db = await freshDb();
    const cwd = join(FIXTURES, 'stats');
    await ingest(db, { paths: ['logs'], format: 'seed', cwd }, silent);
    await computeSnapshots(db, {}, at3am);
    expect((await getSnapshot(db)).quests).toEqual([
      // FET-player: accepted 08:00, completed 08:30; other: a completion with no acceptance (yet).
      quest('2026-11-28', 'FET0001', 2, { completed: 2, completion_rate: 1, anomalies: 1, ...timed(1800, 0.5) }),
      quest('2026-11-28', 'FET0002', 2, { declined: 1 }),
    ]);

    // Loaded later, but its acceptance (09:00) precedes the completion (10:10) already loaded.
    await ingest(db, { paths: ['late'], format: 'seed', cwd }, silent);
    expect(await refreshState(db, silent)).toEqual({ players: 1, recomputed: 1, rows: 2 });
    await computeSnapshots(db, {}, at3am);
    expect((await getSnapshot(db)).quests[0]).toEqual(
      quest('2026-11-28', 'FET0001', 2, {
        completed: 2,
        completion_rate: 1,
        mean_seconds: 3000,
        min_seconds: 1800,
        max_seconds: 4200,
        median_seconds: 3000,
        p90_seconds: 3960,
        mean_attempts: 1,
      }),
    );

    await ingest(db, { paths: ['logs', 'late'], format: 'seed', cwd }, silent);
    expect(await refreshState(db, silent)).toEqual({ players: 0, recomputed: 0, rows: 0 });
    db.close();
  });
});

describe('CLI (built)', () => {
  it('questlog stats / status / catalogue map to the library and report errors with exit codes', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    await loadEvents(db, [
      ['p', 'FET0001', 'accepted', '2026-11-28 08:00:00'],
      ['p', 'FET0001', 'completed', '2026-11-28 08:30:00'],
    ]);
    const path = db.path;
    db.close();
    writeFileSync(join(dir, 'cat.csv'), 'id,name\nFET0001,Fetch the Herbs\n');
    const run = (...args: string[]) => cli(['--db', path, ...args], { cwd: dir });

    expect(run('catalogue', 'cat.csv')).toMatchObject({
      code: 0,
      // Not a terminal: log lines carry the UTC time, as in a cron log.
      stdout: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ catalogue cat.csv: 1 quests in \d+ ms\n$/),
    });
    const stats = run('stats', '--as-of', '2026-11-28');
    expect(stats.code).toBe(0);
    expect(stats.stdout.split('\n').slice(-3)).toEqual([
      'quest_id  name             players  accepted  declined  completed  abandoned  failed  not_encountered  reach_rate  conversion_rate  conversion_95%  completion_rate         mean       median          p90',
      'FET0001   Fetch the Herbs        1         0         0          1          0       0                0      100.0%           100.0%     20.7–100.0%           100.0%  30 min 00 s  30 min 00 s  30 min 00 s',
      '',
    ]);
    expect(run('status').stdout).toContain('snapshots: 1, last 2026-11-28 (computed ');
    const bad = run('stats', '--as-of', 'yesterday');
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('questlog: error: not a date: "yesterday"\n  hint: use YYYY-MM-DD, e.g. 2026-11-28\n');
    expect(run('catalogue', 'nope.csv')).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('nope.csv: catalogue file not found'),
    });
  });
});
