// Issue 14, the ingest side of extra dimensions: a mapped source's `dimensions` are checked like its fields, each
// event's values land in event_dimensions (normalised as build and platform are), ignored and rejected rows get none,
// a failing expression rejects its row naming the dimension, and a replaced file's values leave with it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig, type SourceConfig } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { errorMessage } from '../src/domain/errors.js';
import { inputMessages, mappingMessages } from '../src/domain/input-messages.js';
import { configMessages, ingestMessages } from '../src/domain/messages.js';
import { segmentMessages } from '../src/domain/segment-messages.js';
import { DIMENSIONS } from '../src/domain/types.js';
import type { Db } from '../src/engine/db.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, tempDir } from './helpers.js';

const CSV_FIELDS = { ts: 't', player_id: 'p', quest_id: 'q', status: 's' };
const JSON_FIELDS = { ts: "j->>'t'", player_id: "j->>'p'", quest_id: "j->>'q'", status: "j->>'s'" };
const CSV_DIMS = { region: 'r', tier: 'CAST(lvl AS INTEGER) // 10' };

const CSV = [
  't,p,q,s,r,lvl',
  '2026-01-01 10:00:00,p1,Q1,start,eu-west,12', // 2: both values
  '2026-01-01 10:01:00,p1,Q1,complete,  ,', // 3: whitespace region, no lvl: no values
  '2026-01-01 10:02:00,p2,Q1,start,"Zürich ""HQ"" / 東京",7', // 4: quotes, unicode, '/'
  '2026-01-01 10:03:00,p2,,login,eu,3', // 5: filtered out (ignored)
  '2026-01-01 10:04:00,,Q1,start,eu,3', // 6: rejected (no player)
  '2026-01-01 10:05:00,p3,Q1,start,eu,x', // 7: tier's cast fails on this row: rejected
  '2026-01-01 10:06:00,p3,Q2,start,,40', // 8: empty region (NULL), tier 4
].join('\n');

const JSON_LINES = [
  '{"t":"2026-01-02 10:00:00","p":"p1","q":"Q1","s":"start","dev":{"os":"ios"},"lang":"fr"}',
  '{"t":"2026-01-02 10:01:00","p":"p1","q":"Q1","s":"complete","dev":{"os":" "},"lang":""}',
  '',
  `{"t":"2026-01-02 10:02:00","p":"p2","q":"Q1","s":"start","lang":" pt-BR/ó'\\"x "}`,
  '{"t":"2026-01-02 10:03:00","p":"p2","q":"Q1","s":"noise","lang":"en"}',
  'not json',
  '{"t":"2026-01-02 10:04:00","p":"p3","q":"Q2","s":"start","dev":{"os":"android"},"lang":"de"}',
].join('\n');

const dir = tempDir();
let db: Db;

function write(rel: string, text: string): string {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The CSV source, with `more` on top; `dimensions: undefined` leaves the key out. */
function csvSource(more: Partial<SourceConfig> = {}): SourceConfig {
  const s: SourceConfig = { format: 'mapped', reader: 'csv', fields: CSV_FIELDS, filter: "s <> 'login'" };
  const { dimensions, ...rest } = { dimensions: CSV_DIMS, ...more };
  return dimensions === undefined ? { ...s, ...rest } : { ...s, ...rest, dimensions };
}

async function load(source: SourceConfig, path: string) {
  const config = normalizeConfig({ sources: { s: source } }, dir);
  const summary = await ingest(db, { paths: [path], config, cwd: dir, source: 's' }, recorder());
  return summary.files.map((f) => ({ status: f.status, loaded: f.loaded, rejected: f.rejected, ignored: f.ignored }));
}

const fileId = async (path: string) =>
  (await db.one<{ id: number }>('SELECT file_id::INTEGER AS id FROM files WHERE path = $path', { path }))?.id;

async function dimensionRows(): Promise<[number, number, string, string][]> {
  const rows = await db.all<{ file_id: number; line: number; dimension: string; value: string }>(
    'SELECT file_id::INTEGER AS file_id, line::INTEGER AS line, dimension, value FROM event_dimensions ORDER BY ALL',
  );
  return rows.map((r) => [r.file_id, r.line, r.dimension, r.value]);
}

/** Values that are not at an event's place (an event of a replaced or forgotten file, or no event at all). */
const orphans = async () =>
  (
    await db.one<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM event_dimensions d ANTI JOIN events e USING (file_id, line)',
    )
  )?.n;

const rejectsOf = async (id: number | undefined) =>
  (
    await db.all<{ line: number; reason: string }>(
      'SELECT line::INTEGER AS line, reason FROM rejects WHERE file_id = $id ORDER BY line',
      { id: id ?? -1 },
    )
  ).map((r) => [r.line, r.reason]);

beforeAll(async () => {
  db = await freshDb(tempDir());
});
afterAll(() => db?.close());

describe('a mapped source with two dimensions', () => {
  it('CSV: one row per event and dimension with a value; ignored, rejected and failing rows get none', async () => {
    const path = write('csv/a.csv', `${CSV}\n`);
    expect(await load(csvSource(), path)).toEqual([{ status: 'loaded', loaded: 4, rejected: 2, ignored: 2 }]);
    const id = (await fileId(path)) as number;
    expect(await dimensionRows()).toEqual([
      [id, 2, 'region', 'eu-west'],
      [id, 2, 'tier', '1'],
      [id, 4, 'region', 'Zürich "HQ" / 東京'],
      [id, 4, 'tier', '0'],
      [id, 8, 'tier', '4'],
    ]);
    expect(await rejectsOf(id)).toEqual([
      [6, 'missing player_id'],
      [7, ingestMessages.dimensionFailed('tier')],
    ]);
    expect(await orphans()).toBe(0);
  });

  it('JSON (`j->>…`): missing, empty and whitespace values have no row; values are trimmed text', async () => {
    const path = write('json/a.ndjson', `${JSON_LINES}\n`);
    const source: SourceConfig = {
      format: 'mapped',
      reader: 'json',
      fields: JSON_FIELDS,
      filter: "j->>'s' <> 'noise'",
      dimensions: { os: "j->'dev'->>'os'", lang: "j->>'lang'" },
    };
    expect(await load(source, path)).toEqual([{ status: 'loaded', loaded: 4, rejected: 1, ignored: 2 }]);
    const id = (await fileId(path)) as number;
    expect((await dimensionRows()).filter((r) => r[0] === id)).toEqual([
      [id, 1, 'lang', 'fr'],
      [id, 1, 'os', 'ios'],
      [id, 4, 'lang', `pt-BR/ó'"x`],
      [id, 7, 'lang', 'de'],
      [id, 7, 'os', 'android'],
    ]);
    expect(await rejectsOf(id)).toEqual([[6, 'invalid JSON']]);
  });

  it('Parquet: typed columns become their text', async () => {
    const path = write('pq/a.parquet', '');
    await db.run(
      `COPY (SELECT * FROM (VALUES (TIMESTAMP '2026-01-05 10:00:00', 'p1', 'Q1', 'start', 3, DATE '2026-01-05'),
         (TIMESTAMP '2026-01-05 10:01:00', 'p2', 'Q1', 'start', NULL, NULL)) v(t, p, q, s, lvl, d)) TO '${path}' (FORMAT parquet)`,
    );
    const source: SourceConfig = { reader: 'parquet', fields: CSV_FIELDS, dimensions: { tier: 'lvl * 10', day: 'd' } };
    expect(await load(source, path)).toEqual([{ status: 'loaded', loaded: 2, rejected: 0, ignored: 0 }]);
    const id = (await fileId(path)) as number;
    expect((await dimensionRows()).filter((r) => r[0] === id)).toEqual([
      [id, 1, 'day', '2026-01-05'],
      [id, 1, 'tier', '30'],
    ]);
  });

  it('a source without dimensions stores none; an empty mapped file loads with none', async () => {
    const before = await dimensionRows();
    const plain = write('plain/a.csv', `${CSV}\n`);
    expect(await load(csvSource({ dimensions: undefined }), plain)).toEqual([
      { status: 'loaded', loaded: 5, rejected: 1, ignored: 2 },
    ]);
    const empty = write('csv/empty.csv', '');
    expect(await load(csvSource(), empty)).toEqual([{ status: 'loaded', loaded: 0, rejected: 0, ignored: 0 }]);
    expect(await dimensionRows()).toEqual(before);
  });
});

describe('replaced files and changed mappings', () => {
  it("a new version of a file replaces its values; the old version's rows are gone", async () => {
    const path = write('replace/a.csv', `${CSV}\n2026-01-03 09:00:00,p9,Q1,start,us,1\n`);
    expect(await load(csvSource(), path)).toEqual([{ status: 'loaded', loaded: 5, rejected: 2, ignored: 2 }]);
    const old = (await fileId(path)) as number;
    expect((await dimensionRows()).filter((r) => r[0] === old).length).toBe(7);
    write('replace/a.csv', 't,p,q,s,r,lvl\n2026-01-03 10:00:00,p9,Q1,start,apac,55\n');
    expect(await load(csvSource(), path)).toEqual([{ status: 'replaced', loaded: 1, rejected: 0, ignored: 1 }]);
    const id = (await fileId(path)) as number;
    const rows = await dimensionRows();
    expect(rows.filter((r) => r[0] === old)).toEqual([]);
    expect(await orphans()).toBe(0);
    expect(rows.filter((r) => r[0] === id)).toEqual([
      [id, 2, 'region', 'apac'],
      [id, 2, 'tier', '5'],
    ]);
  });

  it('adding, changing or removing a dimension reloads the file as changing a field does', async () => {
    const path = write('mapping/a.csv', 't,p,q,s,r,lvl\n2026-01-04 10:00:00,p1,Q1,start,eu,21\n');
    const valuesOf = async () => {
      const id = await fileId(path);
      return (await dimensionRows()).filter((r) => r[0] === id);
    };
    const base = csvSource({ dimensions: undefined });
    expect(await load(base, path)).toEqual([{ status: 'loaded', loaded: 1, rejected: 0, ignored: 1 }]);
    expect(await load(base, path)).toEqual([{ status: 'skipped', loaded: 0, rejected: 0, ignored: 0 }]);
    const steps: [SourceConfig, [string, string][]][] = [
      [csvSource({ fields: { ...CSV_FIELDS, platform: 'r' }, dimensions: undefined }), []],
      [csvSource({ dimensions: { region: 'r' } }), [['region', 'eu']]],
      [csvSource({ dimensions: { region: 'upper(r)' } }), [['region', 'EU']]],
      [
        csvSource(),
        [
          ['region', 'eu'],
          ['tier', '2'],
        ],
      ],
      [base, []],
    ];
    for (const [source, values] of steps) {
      expect(await load(source, path)).toEqual([{ status: 'replaced', loaded: 1, rejected: 0, ignored: 1 }]);
      expect(await load(source, path)).toEqual([{ status: 'skipped', loaded: 0, rejected: 0, ignored: 0 }]);
      const id = await fileId(path);
      expect(await valuesOf()).toEqual(values.map(([d, v]) => [id, 2, d, v]));
      expect(await orphans()).toBe(0);
    }
    const files = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM files WHERE path = $path', { path });
    expect(files?.n).toBe(1);
  });
});

describe('bad dimensions are refused', () => {
  const refused = async (source: SourceConfig) => {
    const files = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM files');
    const path = write('bad/a.csv', `${CSV}\n`);
    const err = await load(source, path).then(
      () => 'loaded',
      (e: unknown) => errorMessage(e),
    );
    expect((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM files'))?.n).toBe(files?.n);
    return err;
  };

  it('an expression that is not one SQL expression, before anything loads', async () => {
    const cases: [string, string][] = [
      ['r) OR (1=1', "a ')' closes more than it opened (at character 2)"],
      ["'eu", "unclosed '"],
      ['r; DROP TABLE events', "';' ends the statement"],
      ['r /* x */', 'a comment'],
      [' ', 'it is empty'],
    ];
    for (const [expr, problem] of cases) {
      expect(await refused(csvSource({ dimensions: { region: expr } }))).toBe(
        inputMessages.notOneExpression('s', 'dimensions.region', problem),
      );
    }
  });

  it('an expression DuckDB cannot evaluate on the file fails the file, naming the dimension', async () => {
    const path = write('bad/unknown.csv', `${CSV}\n`);
    const config = normalizeConfig(
      { sources: { s: csvSource({ dimensions: { region: 'r', shop: 'nope(r)' } }) } },
      dir,
    );
    const summary = await ingest(db, { paths: [path], config, cwd: dir, source: 's' }, recorder());
    const [file] = summary.files;
    expect(file?.status).toBe('failed');
    const [head, tail] = ingestMessages.mappingField('dimensions.shop', 'nope(r)', '\u0000', 'csv').split('\u0000');
    expect(file?.error?.startsWith(head as string)).toBe(true);
    expect(file?.error?.endsWith(tail as string)).toBe(true);
    expect(file?.error).toContain('nope');
    expect(await fileId(path)).toBeUndefined();
  });

  it('a column the file does not have, or a keyword left unquoted, is said so (not the advice about text)', async () => {
    const path = write('bad/missing.csv', `${CSV}\n`);
    const run = async (dims: Record<string, string>) => {
      const config = normalizeConfig({ sources: { s: csvSource({ dimensions: dims }) } }, dir);
      return (await ingest(db, { paths: [path], config, cwd: dir, source: 's' }, recorder())).files[0]?.error;
    };
    expect(await run({ shop: 'lower(shop)' })).toBe(
      mappingMessages.noColumn('dimensions.shop', 'lower(shop)', 'shop', 't, p, q, s, r, lvl'),
    );
    expect(await run({ shop: 'when' })).toBe(mappingMessages.keyword('dimensions.shop', 'when', '"when"'));
    expect(await fileId(path)).toBeUndefined();
  });

  it('names: lower-case identifiers, not built in or reserved, only on mapped sources', () => {
    const config = (source: Partial<SourceConfig>) => () =>
      normalizeConfig({ sources: { s: { reader: 'csv', fields: CSV_FIELDS, ...source } } }, dir);
    const at = (name: string) => configMessages.atKey('questlog.config.json', `sources.s.dimensions.${name}`, '');
    expect(config({ dimensions: { Region: 'r' } })).toThrow(at('Region') + segmentMessages.badDimensionName('Region'));
    expect(config({ dimensions: { 'a-b': 'r' } })).toThrow(at('a-b') + segmentMessages.badDimensionName('a-b'));
    expect(config({ dimensions: { build: 'r' } })).toThrow(
      at('build') + segmentMessages.reservedDimension('build', DIMENSIONS),
    );
    expect(config({ dimensions: { own_region: 'r' } })).toThrow(
      at('own_region') + segmentMessages.reservedDimension('own_region', DIMENSIONS),
    );
    expect(config({ format: 'events', dimensions: { region: 'r' } })).toThrow(segmentMessages.dimensionsNotMapped('s'));
    // A source is mapped without saying so ("format" defaults to mapped), and a preset's source is one too.
    expect(config({ dimensions: { region: 'r' } })).not.toThrow();
    expect(() =>
      normalizeConfig({ sources: { w: { preset: 'waves', dimensions: { level: 'r' } } } }, dir),
    ).not.toThrow();
    expect(() => normalizeConfig({ privacy: { min_players: 1.5 } }, dir)).toThrow(
      configMessages.atKey('questlog.config.json', 'privacy.min_players', segmentMessages.badFloor(1.5)),
    );
  });
});
