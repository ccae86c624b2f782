// The notebook facade as an analyst meets it (issue 18): numbers as numbers, a bounded view of a large result with
// its row count, exports for other tools, one precedence for the database, default output names, chart labels.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chosenDb, loadConfig, resolveDb } from '../src/config.js';
import { dbMessages, statsMessages } from '../src/domain/messages.js';
import { notebookMessages } from '../src/domain/notebook-messages.js';
import { Db } from '../src/engine/db.js';
import { migrate } from '../src/engine/migrate.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { outputName } from '../src/notebook/run.js';
import { defaultDatabase, type MimeBundle, open } from '../src/notebook.js';
import { tempDir } from './helpers.js';
import { tinyDb } from './notebook-helpers.js';

const shown: MimeBundle[] = [];
const display = (b: MimeBundle) => shown.push(b);
afterEach(() => {
  shown.length = 0;
});

describe('queries', () => {
  it('give BIGINT, HUGEINT and DECIMAL values as numbers, so + adds and sorts are numeric', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    const rows = await ql.rows<{ met: number; big: number; dec: number; text: string }>`
      SELECT count(*) AS met, sum(10)::HUGEINT AS big, 1.25::DECIMAL(5, 2) AS dec, 'x' AS text FROM events`;
    expect(rows).toEqual([{ met: 3, big: 30, dec: 1.25, text: 'x' }]);
    expect((rows[0]?.met ?? 0) + 1).toBe(4);
    // Beyond 2^53 a number would lose digits: the exact text stays.
    expect(await ql.rows`SELECT 9007199254740993::BIGINT AS n`).toEqual([{ n: '9007199254740993' }]);
    ql.close();
  });

  it('sql shows the first 50 rows and counts the rest in DuckDB', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    await ql.sql`SELECT i FROM range(${120000}) t(i) ORDER BY i`;
    const text = String(shown[0]?.['text/plain']).split('\n');
    expect(text[0]).toBe('i');
    expect(text[1]).toBe('0');
    expect(text[50]).toBe('49');
    expect(text.at(-1)).toBe('(showing 50 of 120000 rows)');
    expect(shown[0]?.['text/html']).toContain('<p>showing 50 of 120000 rows</p>');
    // A small result: every row, no count line; a trailing semicolon is fine.
    await ql.sql`SELECT quest_id, count(*) AS n FROM events GROUP BY ALL ORDER BY 1;`;
    expect(shown[1]?.['text/plain']).toBe('quest_id  n\nFET0001   3');
    ql.close();
  });

  it('exports a result to CSV and Parquet through DuckDB, values bound', async () => {
    const dir = tempDir();
    const ql = await open(await tinyDb(dir), { display });
    const csv = join(dir, 'out.csv');
    expect(await ql.toCSV(csv)`SELECT player_id, status FROM events WHERE quest_id = ${'FET0001'} ORDER BY ts`).toEqual(
      {
        path: csv,
        rows: 3,
      },
    );
    expect(readFileSync(csv, 'utf8')).toBe('player_id,status\np1,accepted\np1,completed\np2,declined\n');
    // A folder that does not exist is made (the README's `ql.toCSV('out/q.csv')` from a fresh notebook folder).
    const nested = join(dir, 'out', 'deeper', 'q.csv');
    expect(await ql.toCSV(nested)`SELECT 1 AS a`).toEqual({ path: nested, rows: 1 });
    expect(readFileSync(nested, 'utf8')).toBe('a\n1\n');
    // A folder that cannot be made (a file is in its place): the error names the file, and no temp file is left.
    const nowhere = join(dir, 'out.csv', 'q.csv');
    await expect(ql.toCSV(nowhere)`SELECT 1 AS a`).rejects.toThrow(notebookMessages.exportFailed(nowhere, ''));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const parquet = join(dir, 'out.parquet');
    expect((await ql.toParquet(parquet)`SELECT * FROM snapshots ORDER BY snapshot_date, quest_id`).rows).toBe(4);
    ql.close();
    const db = await Db.open(':memory:');
    expect(await db.all(`SELECT count(*)::INTEGER AS n, max(completed) AS c FROM read_parquet('${parquet}')`)).toEqual([
      { n: 4, c: 1 },
    ]);
    db.close();
  });
});

describe('segments and unknown quests', () => {
  it('stats({ by }) names the value column after the dimension on every row, the overall row (all)', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    await ql.stats({ by: 'cohort' });
    expect(shown[0]?.['text/plain']).toBe(
      [
        'Snapshot 2026-11-28 by cohort',
        'quest    cohort    players  met  completed  conversion  conversion_95  completion  completion_95  median       suppressed',
        'FET0001  (all)     3        2    1          50.0%       9.5–90.5%      33.3%       6.1–79.2%      24 h 30 min',
        'FET0001  2026-W48  3        2    1          50.0%       9.5–90.5%      33.3%       6.1–79.2%      24 h 30 min',
        'KIL0002  (all)     3        0    0                                     0.0%        0.0–56.1%',
        'KIL0002  2026-W48  3        0    0                                     0.0%        0.0–56.1%',
      ].join('\n'),
    );
    ql.close();
  });

  it('a quest id no snapshot has is an error naming it, never an empty table or chart', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    await expect(ql.chart('trend', { quest: 'NOPE' })).rejects.toThrow(notebookMessages.noQuestHistory('NOPE'));
    const missing = notebookMessages.questNotInSnapshot('NOPE', '2026-11-28');
    await expect(ql.stats({ by: 'build', quest: 'NOPE' })).rejects.toThrow(missing);
    await expect(ql.segments({ by: 'build', quest: 'NOPE' })).rejects.toThrow(missing);
    expect(shown).toEqual([]);
    ql.close();
  });

  it('the trend of a database without snapshots is an error, not an empty chart', async () => {
    const path = join(tempDir(), 'empty.duckdb');
    const db = await Db.open(path);
    await migrate(db);
    db.close();
    const ql = await open(path, { display });
    await expect(ql.chart('trend')).rejects.toThrow(statsMessages.noSnapshot());
    expect(shown).toEqual([]);
    ql.close();
  });
});

describe('errors an analyst meets', () => {
  // A notebook prints an error with its own properties (tslab: console.error), so `hint` is what the analyst reads
  // as the next step; the CLI-only hint key (`cli`) would say nothing there.
  it('each says what to do next: store a snapshot, where the quest ids and chains are, how to make a database', async () => {
    const empty = join(tempDir(), 'empty.duckdb');
    const db = await Db.open(empty);
    await migrate(db);
    db.close();
    const none = await open(empty, { display });
    const noSnapshot = { message: statsMessages.noSnapshot(), hint: statsMessages.noSnapshotHint() };
    await expect(none.stats()).rejects.toMatchObject(noSnapshot);
    await expect(none.chart('trend')).rejects.toMatchObject(noSnapshot);
    await expect(none.chart('buckets')).rejects.toMatchObject(noSnapshot);
    await expect(none.snapshot('2026-11-28')).rejects.toMatchObject({
      message: statsMessages.noSnapshot('2026-11-28'),
      hint: statsMessages.noSnapshotHint('2026-11-28'),
    });
    none.close();
    expect(statsMessages.noSnapshotHint()).toBe(
      'store one with `questlog stats` (in code: statsCommand), then open the database again',
    );

    const ql = await open(await tinyDb(tempDir()), { display });
    const ids = { hint: 'its quests: FET0001, KIL0002' };
    await expect(ql.chart('funnel', { quest: 'NOPE' })).rejects.toMatchObject(ids);
    await expect(ql.chart('trend', { quest: 'NOPE' })).rejects.toMatchObject(ids);
    await expect(ql.history('NOPE')).rejects.toMatchObject(ids);
    await expect(ql.stats({ by: 'build', quest: 'NOPE' })).rejects.toMatchObject(ids);
    await expect(ql.chart('chain', { chain: 'Nowhere' })).rejects.toMatchObject({
      message: notebookMessages.unknownChain('Nowhere', '2026-11-28'),
      hint: 'its chains: Greenvale',
    });
    await expect(ql.rows`SELECT ${undefined as unknown as string}`).rejects.toMatchObject({
      hint: notebookMessages.undefinedValueHint,
    });
    ql.close();

    const gone = join(tempDir(), 'gone.duckdb');
    await expect(open(gone, { display })).rejects.toMatchObject({
      message: dbMessages.missing(gone),
      hint: dbMessages.createHint,
    });
  });
});

/** tinyDb with 101 more catalogue quests nobody met (each a row of every snapshot): 103 quests. */
async function manyQuestsDb(): Promise<string> {
  const path = await tinyDb(tempDir());
  const db = await Db.open(path);
  await db.run(
    "INSERT INTO catalogue SELECT printf('ZZZ%04d', i), printf('Quest %d', i), 'Far', 10 + i FROM range(101) t(i)",
  );
  await computeSnapshots(db, { backfill: true }, { log() {}, now: () => new Date('2026-11-29T03:00:00Z') });
  db.close();
  return path;
}

describe('many quests', () => {
  it('stats() shows the first 100 rows and says where the rest are; { limit } shows another number', async () => {
    const ql = await open(await manyQuestsDb(), { display });
    await ql.stats();
    const text = String(shown[0]?.['text/plain']).split('\n');
    // Caption, header, 100 rows, the count line.
    expect(text).toHaveLength(103);
    expect(text.at(-1)).toBe(`(showing 100 of 103 rows; ${notebookMessages.statsRest})`);
    expect(shown[0]?.['text/html']).toContain(`<p>showing 100 of 103 rows; ${notebookMessages.statsRest}</p>`);
    await ql.stats({ limit: 2, by: 'build' });
    expect(String(shown[1]?.['text/plain']).split('\n').slice(2)).toEqual([
      'FET0001  (all)   3        2    1          50.0%       9.5–90.5%      33.3%       6.1–79.2%      24 h 30 min',
      'FET0001  (none)  3        2    1          50.0%       9.5–90.5%      33.3%       6.1–79.2%      24 h 30 min',
      `(showing 2 of 206 rows; ${notebookMessages.segmentsRest})`,
    ]);
    ql.close();
  });

  it('all-quest charts draw the first 40 quests in catalogue order and say so; { limit } draws another number', async () => {
    const ql = await open(await manyQuestsDb(), { display });
    const quests = async (kind: 'buckets' | 'completion', limit?: number) => {
      const spec = await ql.chartSpec(kind, { limit });
      return [...new Set((spec.data as { values: { quest: string }[] }).values.map((v) => v.quest))];
    };
    const first = await quests('buckets');
    expect(first).toHaveLength(40);
    expect(first.slice(0, 3)).toEqual(['Fetch <the> Herbs', 'Clear the Wolf Den', 'Quest 0']);
    expect(await quests('completion', 3)).toEqual(['Fetch <the> Herbs', 'Clear the Wolf Den', 'Quest 0']);
    await ql.chart('buckets');
    expect(shown[0]?.['text/plain']).toBe(
      `[chart: ${notebookMessages.chartFirstQuests('Where players stand, per quest', 40, 103)}]`,
    );
    // Only the quests with completion times are drawn, so a small snapshot's time chart names no limit.
    await ql.chart('times');
    expect(shown[1]?.['text/plain']).toBe('[chart: Completion time per quest]');
    await expect(ql.chart('buckets', { limit: 0 })).rejects.toThrow(notebookMessages.badLimit('chart', '0'));
    ql.close();
  });
});

describe('toArrow', () => {
  it('returns the result as an Arrow table typed from DuckDB columns, values bound, nulls kept', async () => {
    const dir = tempDir();
    const ql = await open(await tinyDb(dir), { display });
    const t = await ql.toArrow`
      SELECT player_id, count(*) AS n, (count(*) / 2)::DOUBLE AS half, 9007199254740993::BIGINT AS big,
             min(ts) AS first, min(ts)::DATE AS day, max(quest_id) = ${'FET0001'} AS same, NULL::INTEGER AS none
      FROM events GROUP BY player_id ORDER BY player_id`;
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'player_id:Utf8',
      'n:Int64',
      'half:Float64',
      'big:Int64',
      'first:Timestamp<MILLISECOND>',
      'day:Date32<DAY>',
      'same:Bool',
      'none:Int32',
    ]);
    // tinyDb: p1 accepted FET0001 on 2026-11-27 08:00 and completed it the next day; p2 declined it.
    const rows = t.toArray().map((r) => r.toJSON());
    expect(rows.map((r) => [r.player_id, r.n, r.half, r.big, r.same, r.none])).toEqual([
      ['p1', 2n, 1, 9007199254740993n, true, null],
      ['p2', 1n, 0.5, 9007199254740993n, true, null],
    ]);
    const first = (
      await ql.rows<{ f: string; d: string }>`
      SELECT strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%fZ') AS f, strftime(min(ts), '%Y-%m-%d') AS d
      FROM events WHERE player_id = 'p1'`
    )[0];
    expect(new Date(t.get(0)?.first).toISOString().slice(0, 19)).toBe(first?.f.slice(0, 19));
    expect(new Date(t.get(0)?.day).toISOString().slice(0, 10)).toBe(first?.d);
    ql.close();
  });
});

describe('which database', () => {
  const saved = process.env.QUESTLOG_DB;
  afterEach(() => {
    if (saved === undefined) delete process.env.QUESTLOG_DB;
    else process.env.QUESTLOG_DB = saved;
  });

  it('flag, then $QUESTLOG_DB, then the config, then data/questlog.duckdb: for commands and open() alike', async () => {
    const d = tempDir();
    writeFileSync(join(d, 'questlog.config.json'), JSON.stringify({ db: 'from-config.duckdb' }));
    const config = loadConfig(d);
    delete process.env.QUESTLOG_DB;
    // The fallback is data/questlog.duckdb in the config's folder (the project's), not in the current one.
    expect(resolveDb({ root: d, sources: {} })).toBe(join(d, 'data/questlog.duckdb'));
    expect(resolveDb(config)).toBe(config.db);
    // A subfolder of the project finds the same config, so the same database.
    mkdirSync(join(d, 'scratch'));
    expect(loadConfig(join(d, 'scratch'))).toMatchObject({ root: d, db: config.db });
    // notebook run passes a database only when one was chosen: a flag, $QUESTLOG_DB or a config found.
    expect(chosenDb(config)).toBe(config.db);
    expect(chosenDb(loadConfig(tempDir()))).toBeUndefined();
    expect(chosenDb(loadConfig(tempDir()), 'flag.duckdb')).toBe('flag.duckdb');
    process.env.QUESTLOG_DB = join(d, 'from-env.duckdb');
    expect(resolveDb(config)).toBe(join(d, 'from-env.duckdb'));
    expect(resolveDb(config, 'flag.duckdb')).toBe('flag.duckdb');
    // open() follows the same order: the environment beats the config's db.
    const real = await tinyDb(d);
    process.env.QUESTLOG_DB = real;
    expect(defaultDatabase(d)).toBe(real);
  });
});

describe('notebook runs and charts', () => {
  it('name the output after the notebook and its parameters', () => {
    expect(outputName('notebooks/quest.ipynb')).toBe('quest');
    expect(outputName('notebooks/quest.ipynb', { quest_id: 'KIL0002' })).toBe('quest-quest_id-KIL0002');
    expect(outputName('quest.ipynb', { quest_id: '../x y', days: '7' })).toBe('quest-days-7-quest_id-__x_y');
  });

  it('do not cut legend labels, nor show a custom chart title twice', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    await ql.chart('trend');
    const trend = String(shown[0]?.['text/html']);
    expect(trend).toContain('>Completions<');
    expect(trend).not.toContain('…');
    await ql.chart({
      title: 'Mine',
      data: { values: [{ a: 'A', b: 2 }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    });
    const html = String(shown[1]?.['text/html']);
    expect(html.match(/>Mine</g)).toHaveLength(1);
    expect(html).not.toContain('<figcaption>');
    ql.close();
  });
});
