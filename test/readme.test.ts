// The README's promises, checked: the quick start, the CLI reference against the real CLI, and every log-format
// example actually loading as described.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { silent } from '../src/domain/effects.js';
import { ingest } from '../src/ingest/ingest.js';
import { cli, freshDb, ROOT, tempDir } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Block {
  heading: string;
  lang: string;
  text: string;
}

/** Fenced code blocks with the nearest heading above them. */
function blocks(): Block[] {
  const out: Block[] = [];
  let heading = '';
  const lines = README.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^#{1,4} /.test(line)) heading = line.replace(/^#+ /, '');
    const open = /^```(\w*)$/.exec(line);
    if (!open) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    out.push({ heading, lang: open[1] ?? '', text: `${body.join('\n')}\n` });
  }
  return out;
}

const under = (prefix: string) => blocks().filter((b) => b.heading.startsWith(prefix));

describe('README', () => {
  it('has exactly the two quick-start commands, and they are what package.json runs', () => {
    expect(under('Quick start').map((b) => b.text.trim())).toEqual(['npm ci && npm start', 'npm test']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/node dist\/cli\.js demo$/);
    expect(pkg.scripts.test).toMatch(/vitest run$/);
  });

  it('documents every CLI command, and only real ones', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    const verbs = help.stdout
      .slice(help.stdout.indexOf('Commands:'))
      .split('\n')
      .map((l) => /^ {2}([a-z][a-z-]*)/.exec(l)?.[1])
      .filter((v): v is string => v !== undefined && v !== 'help');
    expect(verbs.length).toBeGreaterThan(5);
    const reference = README.slice(
      README.indexOf('## CLI reference'),
      README.indexOf('\n## ', README.indexOf('## CLI reference') + 5),
    );
    const documented = [...new Set([...reference.matchAll(/`questlog ([a-z][a-z-]*)/g)].map((m) => m[1] as string))];
    expect(documented.sort()).toEqual([...verbs].sort());
  });

  it('gives the cron line `nightly --help` gives, with the exit codes, and it runs in a checkout', () => {
    const [line] = under('Running it every night').map((b) => b.text.trim());
    const help = cli(['nightly', '--help']).stdout;
    expect(help).toContain(`$ ${line}`);
    // In a checkout there is no node_modules/.bin/questlog (a package's own bin is not linked): the built CLI is.
    const command = /&& (.+?) nightly/.exec(line ?? '')?.[1];
    expect(command).toBe('node dist/cli.js');
    expect(existsSync(join(ROOT, 'dist/cli.js'))).toBe(true);
    const codes = help.slice(help.indexOf('Exit codes:'));
    for (const code of [0, 1, 2, 3, 4, 5, 70, 75, 130]) expect(codes).toMatch(new RegExp(`\\b${code} [a-z]`));
  });

  it('help examples and the README name sample files and quests that exist', () => {
    const top = cli(['--help']).stdout;
    const verbs = [...top.slice(top.indexOf('Commands:')).matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1] as string);
    const helps = [...verbs, 'snapshots list', 'snapshots delete', 'notebook run', 'notebook setup']
      .filter((v) => v !== 'help')
      .map((v) => cli([...v.split(' '), '--help']).stdout);
    const text = [README, ...helps].join('\n');
    const files = [...text.matchAll(/\b(data\/sample\/[^\s`'"*]+\.(?:csv|json))\b/g)].map((m) => m[1] as string);
    expect(files.length).toBeGreaterThan(2);
    for (const f of new Set(files)) expect(existsSync(join(ROOT, f)), f).toBe(true);
    const catalogue = readFileSync(join(ROOT, 'data/sample/catalogue.csv'), 'utf8');
    const quests = [...text.matchAll(/quest_id=([A-Z]{3}\d{4})/g)].map((m) => m[1] as string);
    expect(quests.length).toBeGreaterThan(1);
    for (const q of new Set(quests)) expect(catalogue, q).toContain(`\n${q},`);
  });

  it('names only source files that exist (Architecture and elsewhere)', () => {
    const files = ['src', 'bench', 'test', 'scripts', 'templates'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`),
    );
    const named = [...README.matchAll(/`([\w./-]+\.(?:ts|sql|js|mjs|py))`/g)]
      .map((m) => m[1] as string)
      .filter((n) => !n.startsWith('ql.') && !n.includes('NNN'));
    expect(named.length).toBeGreaterThan(50);
    const missing = [...new Set(named)].filter((n) => !files.some((f) => f === n || f.endsWith(`/${n}`)));
    expect(missing).toEqual([]);
  });

  it('shows the shipped questlog.config.json', () => {
    const shown = under('Configuration').find((b) => b.lang === 'json');
    const shipped = JSON.parse(readFileSync(join(ROOT, 'questlog.config.json'), 'utf8'));
    expect(JSON.parse(shown?.text ?? '{}')).toEqual(shipped);
  });

  it('quotes a real sample file', () => {
    const [seed] = under('seed:');
    const quoted = seed?.text.trim().split('\n') ?? [];
    const file = readFileSync(join(ROOT, 'data/sample/logs/p0000/2026-11-20T19-17-47.csv'), 'utf8').split('\n');
    expect(quoted.length).toBeGreaterThan(5);
    for (const line of quoted) expect(file).toContain(line);
  });

  it('format examples load as described', async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      return path;
    };
    const [ndjson, csv] = under('events:');
    const [ga] = under('gameanalytics:');
    const [mappedConfig, mappedCsv] = under('Mapped sources');
    const mygame = (JSON.parse(mappedConfig?.text ?? '{}') as { sources: Config['sources'] }).sources;
    const config: Config = { root: dir, sources: mygame };
    write('exports/mygame/a.csv', mappedCsv?.text ?? '');
    const files = {
      ndjson: write('events.ndjson', ndjson?.text ?? ''),
      csv: write('events.csv', csv?.text ?? ''),
      ga: write('ga.ndjson', ga?.text ?? ''),
    };
    const counts = async (opts: Parameters<typeof ingest>[1]) => {
      const s = await ingest(db, { config, cwd: dir, ...opts }, silent);
      const { files_failed, loaded, rejected, ignored } = s.totals;
      return { files_failed, loaded, rejected, ignored };
    };
    expect(await counts({ paths: [files.ndjson] })).toEqual({ files_failed: 0, loaded: 2, rejected: 0, ignored: 0 });
    // A header line is a line read, counted as ignored.
    expect(await counts({ paths: [files.csv] })).toEqual({ files_failed: 0, loaded: 2, rejected: 0, ignored: 1 });
    expect(await counts({ paths: [files.ga] })).toEqual({ files_failed: 0, loaded: 1, rejected: 0, ignored: 1 });
    expect(await counts({ source: 'mygame' })).toEqual({ files_failed: 0, loaded: 2, rejected: 0, ignored: 2 });
    const events = await db.all<{ f: string; player_id: string; quest_id: string; status: string; ts: string }>(
      `SELECT regexp_extract(f.path, '[^/]+$') AS f, player_id, quest_id, status::VARCHAR AS status, ts
       FROM events JOIN files f USING (file_id) ORDER BY f, ts, status`,
    );
    expect(events).toEqual([
      { f: 'a.csv', player_id: 'acc-1', quest_id: 'FET0001', status: 'accepted', ts: '2026-11-20 19:05:00' },
      { f: 'a.csv', player_id: 'acc-1', quest_id: 'FET0001', status: 'completed', ts: '2026-11-20 19:35:00' },
      { f: 'events.csv', player_id: 'p0042', quest_id: 'FET0001', status: 'accepted', ts: '2026-11-20 19:05:00' },
      { f: 'events.csv', player_id: 'p0042', quest_id: 'FET0001', status: 'completed', ts: '2026-11-20 19:35:00' },
      { f: 'events.ndjson', player_id: 'p0042', quest_id: 'FET0001', status: 'accepted', ts: '2026-11-20 19:05:00' },
      { f: 'events.ndjson', player_id: 'p0042', quest_id: 'FET0001', status: 'completed', ts: '2026-11-20 19:35:00' },
      { f: 'ga.ndjson', player_id: 'u-17', quest_id: 'greenvale:herbs', status: 'accepted', ts: '2026-11-20 19:05:00' },
    ]);
    // The mapped example's dimensions as the README states them: line 2 both, line 4 tier only, ignored line 3 none.
    expect(await db.all('SELECT line::INTEGER AS line, dimension, value FROM event_dimensions ORDER BY ALL')).toEqual([
      { line: 2, dimension: 'region', value: 'eu-west' },
      { line: 2, dimension: 'tier', value: '1' },
      { line: 4, dimension: 'tier', value: '1' },
    ]);
    db.close();
  });
});
