// File names an unlucky operator produces: wildcard characters (`a[1].csv` beside `a1.csv`: DuckDB's readers glob
// every path, so the first read the second), names that are not UTF-8, named pipes and devices (a read that never
// ends), and globs that cannot match. Each file loads as itself or fails with its reason; the others still load.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { inputMessages as m } from '../src/domain/input-messages.js';
import { ingestMessages } from '../src/domain/messages.js';
import { loadCatalogue } from '../src/ingest/catalogue.js';
import { changedSince, fingerprint } from '../src/ingest/fingerprint.js';
import { type IngestSummary, ingest } from '../src/ingest/ingest.js';
import { sharedDb } from './helpers.js';

const csv = (player: string) => `ts,player_id,quest_id,status\n2026-01-01 10:00:00,${player},Q1,start\n`;
const ndjson = (player: string) =>
  `${JSON.stringify({ ts: '2026-01-01 10:00:00', player_id: player, quest_id: 'Q1', status: 'start' })}\n`;
const seed = (quest: string) => `00:00:01,QUEST_STATUS,${quest} ACCEPTED\n`;

const ctx = sharedDb();

/** Writes `files` under a fresh folder `name` of the test's folder; returns that folder. */
function folder(name: string, files: Record<string, string>): string {
  const root = join(ctx.dir, name);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

const run = (paths: string[], cwd: string, more: Partial<Parameters<typeof ingest>[1]> = {}) =>
  ingest(ctx.db, { paths, cwd, ...more }, recorder());

/** Each file of the summary (relative to `root`) with its status and the players its events hold. */
async function players(root: string, s: IngestSummary) {
  const rows = await ctx.db.all<{ path: string; players: string }>(
    `SELECT f.path, string_agg(DISTINCT e.player_id, ',' ORDER BY e.player_id) AS players
     FROM files f JOIN events e USING (file_id) WHERE starts_with(f.path, $root) GROUP BY f.path ORDER BY f.path`,
    { root: `${root}/` },
  );
  return {
    status: Object.fromEntries(s.files.map((f) => [f.path, f.status])),
    players: Object.fromEntries(rows.map((r) => [r.path.slice(root.length + 1), r.players])),
  };
}

describe('wildcard characters in file names', () => {
  it('every format reads its own file, not the one its name matches as a glob', async () => {
    const root = folder('wild', {
      'a[1].csv': csv('pA'),
      'a1.csv': csv('pB'),
      'n*.ndjson': ndjson('pC'),
      'nX.ndjson': ndjson('pD'),
      'q?.tsv': csv('pE').replaceAll(',', '\t'),
      'qX.tsv': csv('pF').replaceAll(',', '\t'),
      'logs/s[1]/2026-01-01T10-00-00.csv': seed('Q1'),
      'logs/s1/2026-01-01T10-00-00.csv': seed('Q2'),
    });
    await ctx.db.run(`COPY (SELECT TIMESTAMP '2026-01-01 10:00:00' AS ts, 'pG' AS player_id, 'Q1' AS quest_id,
      'start' AS status) TO '${join(root, 'p[1].parquet')}' (FORMAT parquet)`);
    await ctx.db.run(`COPY (SELECT TIMESTAMP '2026-01-01 10:00:00' AS ts, 'pH' AS player_id, 'Q1' AS quest_id,
      'start' AS status) TO '${join(root, 'p1.parquet')}' (FORMAT parquet)`);
    const got = await players(root, await run([root], root));
    expect(got.players).toEqual({
      'a1.csv': 'pB',
      'a[1].csv': 'pA',
      'logs/s1/2026-01-01T10-00-00.csv': 's1',
      'logs/s[1]/2026-01-01T10-00-00.csv': 's[1]',
      'n*.ndjson': 'pC',
      'nX.ndjson': 'pD',
      'p1.parquet': 'pH',
      'p[1].parquet': 'pG',
      'q?.tsv': 'pE',
      'qX.tsv': 'pF',
    });
    const seeded = await ctx.db.all<{ player_id: string; quest_id: string }>(
      `SELECT e.player_id, e.quest_id FROM events e JOIN files f USING (file_id)
       WHERE starts_with(f.path, $p) ORDER BY 1`,
      { p: join(root, 'logs/') },
    );
    expect(seeded).toEqual([
      { player_id: 's1', quest_id: 'Q2' },
      { player_id: 's[1]', quest_id: 'Q1' },
    ]);
  });

  it('a mapped source reads its own file', async () => {
    const root = folder('wild-mapped', { 'm[1].csv': 'who;q;what\nmA;Q1;go\n', 'm1.csv': 'who;q;what\nmB;Q1;go\n' });
    const config = normalizeConfig(
      {
        sources: {
          s: {
            format: 'mapped',
            reader: 'csv',
            options: { delim: ';', header: true },
            fields: { ts: "'2026-01-01 10:00:00'", player_id: 'who', quest_id: 'q', status: "'start'" },
          },
        },
      },
      root,
    );
    const got = await players(root, await run([root], root, { config, source: 's' }));
    expect(got.players).toEqual({ 'm1.csv': 'mB', 'm[1].csv': 'mA' });
  });

  it('a path given by its name is that file, even with a wildcard character in it', async () => {
    const root = folder('wild-named', { 'b[1].csv': csv('bA'), 'b1.csv': csv('bB') });
    const got = await players(root, await run(['b[1].csv'], root));
    expect(got).toEqual({ status: { 'b[1].csv': 'loaded' }, players: { 'b[1].csv': 'bA' } });
  });

  it('the catalogue is read from its own file', async () => {
    const root = folder('wild-cat', { 'c[1].csv': 'id,name\nQ1,Right\n', 'c1.csv': 'id,name\nQ1,Wrong\n' });
    await loadCatalogue(ctx.db, join(root, 'c[1].csv'));
    expect(await ctx.db.all('SELECT quest_id, name FROM catalogue ORDER BY 1')).toEqual([
      { quest_id: 'Q1', name: 'Right' },
    ]);
  });

  it('a glob with a class no name can match ([z-a]) matches nothing, as DuckDB says', async () => {
    const root = folder('wild-class', { 'z.csv': csv('z') });
    const s = await run(['[z-a]*.csv'], root);
    expect(s.files.map((f) => [f.path, f.status, f.error])).toEqual([['[z-a]*.csv', 'failed', ingestMessages.noMatch]]);
  });
});

describe('names that are not UTF-8', () => {
  it('are named with their reason, in a folder and through a glob; the other files load', async () => {
    const root = folder('bytes', { 'ok.csv': csv('u1') });
    const bad = Buffer.concat([Buffer.from(`${root}/bad`), Buffer.from([0xff]), Buffer.from('.csv')]);
    writeFileSync(bad, csv('u2'));
    const shown = 'bad\ufffd.csv';
    for (const paths of [[root], [join(root, '*.csv')]]) {
      const s = await run(paths, root);
      expect(
        s.files.map((f) => [f.path.split('/').at(-1), f.status, f.error]),
        paths[0],
      ).toEqual([
        [shown, 'failed', m.nameNotUtf8],
        ['ok.csv', paths[0] === root ? 'loaded' : 'skipped', undefined],
      ]);
    }
  });
});

describe('paths that are not regular files', () => {
  it('a named pipe and a device are refused with what they are, never read (which would never end)', async () => {
    const root = folder('special', { 'ok.csv': csv('f1') });
    execFileSync('mkfifo', [join(root, 'pipe.csv')]);
    const s = await run(['pipe.csv', '/dev/zero', 'ok.csv'], root);
    const got = s.files.map((f) => [f.path.split('/').at(-1), f.status, f.error]);
    expect(got.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['ok.csv', 'loaded', undefined],
      ['pipe.csv', 'failed', m.notAFile('a named pipe')],
      ['zero', 'failed', m.notAFile('a device')],
    ]);
  });
});

describe('a --player rule that is no rule', () => {
  it('is a usage error before any file loads (it was an internal error, or each file failing)', async () => {
    const root = folder('player-rule', { 'p1/2026-01-01T10-00-00.csv': seed('Q1') });
    const before = await ctx.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM files');
    // The engine's own wording of why '[' does not compile.
    const body = '[';
    let reason = '';
    try {
      new RegExp(body);
    } catch (err) {
      reason = (err as Error).message;
    }
    await expect(run([root], root, { format: 'seed', player: '/[/' })).rejects.toThrow(m.badPlayerRegex('/[/', reason));
    await expect(run([root], root, { format: 'seed', player: 'nope' })).rejects.toThrow(
      ingestMessages.badPlayerRule('nope'),
    );
    expect(await ctx.db.one('SELECT count(*)::INTEGER AS n FROM files')).toEqual(before);
  });
});

describe('a file that changes between its check and its read (a log still being written)', () => {
  it('fails with that reason, not the reader complaint its new lines cause', async () => {
    const root = folder('growing', { 'g.csv': csv('g1') });
    const path = join(root, 'g.csv');
    const f = { path, ...(await fingerprint(path)) };
    expect(changedSince(f)).toBeUndefined();
    appendFileSync(path, '2026-01-01 10:00:01,g2,Q1,start\n');
    expect(changedSince(f)).toBe(m.changedWhileRead(f.bytes, f.bytes + 32));
  });
});

describe('a project folder ingested whole (`ingest .`)', () => {
  it("reads its logs, not questlog's own config file and published sites", async () => {
    const site = {
      'api/v1/snapshot.json': '{"snapshot_date":"2026-01-01"}\n',
      'api/v1/quests/Q1.json': '{"quest_id":"Q1"}\n',
    };
    const root = folder('project', {
      'logs/a.csv': csv('pProject'),
      'questlog.config.json': '{"sources":{}}\n',
      ...Object.fromEntries(Object.entries(site).map(([k, v]) => [`reports/${k}`, v])),
      // The recycled copy a publish keeps beside the live site.
      ...Object.fromEntries(Object.entries(site).map(([k, v]) => [`.reports.old/${k}`, v])),
      // Any other JSON is still read as events (and here quarantined as such).
      'notes/config.json': '{"x":1}\n',
    });
    const s = await run([root], root);
    expect(s.files.map((f) => f.path)).toEqual(['logs/a.csv', 'notes/config.json']);
    expect((await players(root, s)).players).toEqual({ 'logs/a.csv': 'pProject' });
    // Named on the command line, the config file is read like any file.
    const named = await run([join(root, 'questlog.config.json')], root);
    expect(named.files.map((f) => f.path)).toEqual(['questlog.config.json']);
  });
});
