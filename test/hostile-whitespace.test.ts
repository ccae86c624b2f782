// Whitespace around a field. Ids were trimmed of spaces (trim(): Unicode Zs) but a tab around an id refused the line
// ("contains a control character"), a status with a tab or a line break around it was "unknown status", a time took
// tabs off: one rule per field. Now every field on every path loses the same whitespace around it (README "Ingest
// rules"): the Unicode space separators and tab, line feed, vertical tab, form feed, carriage return and U+0085;
// whitespace inside an id still refuses it, and zero-width characters stay part of the value.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { loadCatalogue } from '../src/ingest/catalogue.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, sharedDb, tempDir } from './helpers.js';

const ctx = sharedDb();

/** ts, player_id, quest_id, status, session_id, build, platform: whitespace a CSV cell can hold without quotes. */
const ROWS: string[][] = [
  ['\t2026-01-02 08:00:00 ', '\tp1', 'Q1\u00a0', '\taccepted ', ' s1\t', '\t1.0', '\u3000pc\v'],
  ['2026-01-02 09:00:00\f', 'p1\u2003', '\u3000Q1', 'COMPLETED\t', 's1', '1.0\f', 'pc'],
  ['2026-01-02 10:00:00', 'p\t2', 'Q1', 'start', '', '', ''],
  ['2026-01-02 10:00:01', '\u200bp3', 'Q1', 'start', '', '', ''],
  ['2026-01-02 10:00:02', 'p4', 'Q1', '\t', '', '', ''],
];
const FIELDS = ['ts', 'player_id', 'quest_id', 'status', 'session_id', 'build', 'platform'];

/** The stored events and rejects of one file, as [line, player, quest, status, ts, session, build, platform]. */
async function outcome(path: string) {
  const events = await ctx.db.all<Record<string, string | number | null>>(
    `SELECT e.line::INTEGER AS line, e.player_id, e.quest_id, e.status::VARCHAR AS status,
       strftime(e.ts, '%Y-%m-%d %H:%M:%S') AS ts, e.session_id, e.build, e.platform
     FROM events e JOIN files f USING (file_id) WHERE f.path = $path ORDER BY e.line`,
    { path },
  );
  const rejects = await ctx.db.all<{ line: number; reason: string }>(
    `SELECT r.line::INTEGER AS line, r.reason FROM rejects r JOIN files f USING (file_id) WHERE f.path = $path
     ORDER BY r.line`,
    { path },
  );
  return { events: events.map((e) => Object.values(e)), rejects: rejects.map((r) => [r.line, r.reason]) };
}

/** What every path must store for ROWS, the first row being line `first`. */
const expected = (first: number) => ({
  events: [
    [first, 'p1', 'Q1', 'accepted', '2026-01-02 08:00:00', 's1', '1.0', 'pc'],
    [first + 1, 'p1', 'Q1', 'completed', '2026-01-02 09:00:00', 's1', '1.0', 'pc'],
    [first + 3, '\u200bp3', 'Q1', 'accepted', '2026-01-02 10:00:01', null, null, null],
  ],
  rejects: [
    [first + 2, 'player_id contains a control character'],
    [first + 4, 'missing status'],
  ],
});

function write(name: string, text: string): string {
  const path = join(ctx.dir, name);
  writeFileSync(path, text);
  return path;
}

const csv = (rows: string[][]) => `${FIELDS.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
const ndjson = (rows: string[][]) =>
  `${rows.map((r) => JSON.stringify(Object.fromEntries(FIELDS.map((f, i) => [f, r[i]])))).join('\n')}\n`;

describe('whitespace around a field', () => {
  // A file with a reject is loaded on the exact line-by-line path; the clean rows alone stay on the fast path.
  const clean = [ROWS[0], ROWS[1], ROWS[3]] as string[][];
  const tsv = (rows: string[][]) =>
    `${FIELDS.join('\t')}\n${rows.map((r) => r.map((v) => v.replaceAll('\t', '\v')).join('\t')).join('\n')}\n`;
  it.each([
    ['fast.csv', csv(clean), 2],
    ['exact.csv', csv(ROWS), 2],
    ['fast.ndjson', ndjson(clean), 1],
    ['exact.ndjson', ndjson(ROWS), 1],
    // In a TSV the tab is the delimiter: its values hold a vertical tab instead (row 3's id is refused the same way).
    ['fast.tsv', tsv(clean), 2],
    ['exact.tsv', tsv(ROWS), 2],
  ])('%s: is taken off every field alike', async (name, text, first) => {
    const path = write(name, text);
    await ingest(ctx.db, { paths: [path], cwd: ctx.dir }, recorder());
    const want = expected(first);
    if (name.startsWith('fast')) {
      const lines = want.events.map((e, i) => [first + i, ...e.slice(1)]);
      expect(await outcome(path)).toEqual({ events: lines, rejects: [] });
    } else expect(await outcome(path)).toEqual(want);
  });

  it('line breaks, carriage returns and U+0085 around NDJSON values go too, on both paths', async () => {
    const row = ['\n2026-01-02 08:00:00\r\n', '\r\np9\n', '\u0085Q9', '\taccepted\r\n', '\ns9', '2.0\u0085', '\npc\n'];
    for (const name of ['breaks.ndjson', 'breaks-exact.ndjson']) {
      const path = write(name, ndjson([row]) + (name.includes('exact') ? 'nope\n' : ''));
      await ingest(ctx.db, { paths: [path], cwd: ctx.dir }, recorder());
      expect((await outcome(path)).events).toEqual([
        [1, 'p9', 'Q9', 'accepted', '2026-01-02 08:00:00', 's9', '2.0', 'pc'],
      ]);
    }
  });

  it('Parquet text columns follow the same rule', async () => {
    const path = join(ctx.dir, 'ws.parquet');
    const select = ROWS.map(
      (r, n) => `SELECT ${n} AS n, ${r.map((v, i) => `${sqlText(v)} AS ${FIELDS[i]}`).join(', ')}`,
    );
    await ctx.db.run(
      `COPY (FROM (${select.join(' UNION ALL ')}) SELECT * EXCLUDE (n) ORDER BY n) TO '${path}' (FORMAT parquet)`,
    );
    await ingest(ctx.db, { paths: [path], cwd: ctx.dir }, recorder());
    expect(await outcome(path)).toEqual(expected(1));
  });

  it('a seed log’s time, event and status, and a mapped source’s status_map and dimensions', async () => {
    mkdirSync(join(ctx.dir, 'logs/p7'), { recursive: true });
    const log = write(
      'logs/p7/2026-01-02T08-00-00Z.csv',
      '00:00:00,SESSION_START,1.5.0 pc\n\t00:00:05 ,\tQUEST_STATUS ,Q1 accepted\t\n00:00:06,QUEST_STATUS,Q1\tCOMPLETED\n',
    );
    await ingest(ctx.db, { paths: [log], cwd: ctx.dir }, recorder());
    expect((await outcome(log)).events).toEqual([
      [2, 'p7', 'Q1', 'accepted', '2026-01-02 08:00:05', '2026-01-02T08-00-00Z', '1.5.0', 'pc'],
      [3, 'p7', 'Q1', 'completed', '2026-01-02 08:00:06', '2026-01-02T08-00-00Z', '1.5.0', 'pc'],
    ]);

    const mapped = write('mapped.csv', 't;p;q;s;r\n2026-01-02 08:00:00;m1;Q1;\tQ_TAKEN ;\tEU\u00a0\n');
    const source = {
      format: 'mapped' as const,
      reader: 'csv' as const,
      options: { delim: ';' },
      fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's' },
      status_map: { Q_TAKEN: 'accepted' as const },
      dimensions: { region: 'r' },
    };
    const config = normalizeConfig({ sources: { s: source } }, ctx.dir);
    await ingest(ctx.db, { paths: [mapped], config, cwd: ctx.dir, source: 's' }, recorder());
    expect((await outcome(mapped)).events).toEqual([
      [2, 'm1', 'Q1', 'accepted', '2026-01-02 08:00:00', null, null, null],
    ]);
    const values = await ctx.db.all<{ value: string }>(
      `SELECT d.value FROM event_dimensions d JOIN files f USING (file_id) WHERE f.path = $path`,
      { path: mapped },
    );
    expect(values).toEqual([{ value: 'EU' }]);
  });

  it('a catalogue’s quest ids as ingest stores them', async () => {
    const path = write('catalogue.csv', 'id,name,chain\n\tQ1\u00a0,One,\tmain\nQ2\t,Two,main\n');
    await loadCatalogue(ctx.db, path);
    const rows = await ctx.db.all<{ quest_id: string; chain: string }>(
      'SELECT quest_id, chain FROM catalogue ORDER BY quest_id',
    );
    expect(rows).toEqual([
      { quest_id: 'Q1', chain: 'main' },
      { quest_id: 'Q2', chain: 'main' },
    ]);
  });
});

describe('a byte order mark at a line’s start (files joined with cat)', () => {
  // Each file alone loads (the reader drops a file's own mark); joined, the second file's mark was in its first line:
  // "invalid JSON" for NDJSON, "unparsable time" for CSV and seed logs. Joined or not, the same events.
  const BOM = '\ufeff';
  const line = (i: number) =>
    JSON.stringify({ ts: `2026-01-02 08:00:0${i}`, player_id: `b${i}`, quest_id: 'Q1', status: 'start' });
  it.each([
    ['joined.ndjson', `${BOM}${line(1)}\n${BOM}${line(2)}\n`, 1],
    [
      'joined.csv',
      `${BOM}ts,player_id,quest_id,status\n2026-01-02 08:00:01,b1,Q1,start\n${BOM}2026-01-02 08:00:02,b2,Q1,start\n`,
      2,
    ],
  ])('%s loads every line', async (name, text, first) => {
    const path = write(name, text);
    await ingest(ctx.db, { paths: [path], cwd: ctx.dir }, recorder());
    expect(await outcome(path)).toEqual({
      events: [
        [first, 'b1', 'Q1', 'accepted', '2026-01-02 08:00:01', null, null, null],
        [first + 1, 'b2', 'Q1', 'accepted', '2026-01-02 08:00:02', null, null, null],
      ],
      rejects: [],
    });
  });

  it('in a seed log', async () => {
    mkdirSync(join(ctx.dir, 'logs/b9'), { recursive: true });
    const log = write(
      'logs/b9/2026-01-02T08-00-00Z.csv',
      `00:00:01,QUEST_STATUS,Q1 ACCEPTED\n${BOM}00:00:02,QUEST_STATUS,Q1 COMPLETED\n`,
    );
    await ingest(ctx.db, { paths: [log], cwd: ctx.dir }, recorder());
    expect((await outcome(log)).events.map((e) => [e[0], e[3], e[4]])).toEqual([
      [1, 'accepted', '2026-01-02 08:00:01'],
      [2, 'completed', '2026-01-02 08:00:02'],
    ]);
  });
});

describe('whitespace around a roster’s ids', () => {
  it('matches the ids ingest stored', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    writeFileSync(
      join(dir, 'e.ndjson'),
      '{"ts":"2026-01-01 10:00:00","player_id":"p1","quest_id":"Q1","status":"start"}\n',
    );
    writeFileSync(join(dir, 'roster.csv'), 'player_id\n\tp1\u00a0\n');
    await ingest(db, { paths: [join(dir, 'e.ndjson')] }, recorder());
    await computeSnapshots(db, { roster: join(dir, 'roster.csv') }, recorder());
    expect(await db.all('SELECT quest_id, players, accepted FROM snapshots ORDER BY quest_id')).toEqual([
      { quest_id: 'Q1', players: 1, accepted: 1 },
    ]);
    db.close();
  });
});

/** A SQL string literal of any text (chr() for control characters, which a literal in a statement must not hold). */
function sqlText(v: string): string {
  if (v === '') return "''";
  return [...v]
    .map((c) => (c < ' ' || c > '~' ? `chr(${c.codePointAt(0)})` : `'${c.replaceAll("'", "''")}'`))
    .join(' || ');
}
