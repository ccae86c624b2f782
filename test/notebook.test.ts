import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/domain/errors.js';
import { notebookMessages as msg } from '../src/domain/notebook-messages.js';
import { Db } from '../src/engine/db.js';
import { getSnapshot } from '../src/engine/read.js';
import { publishReadCopy, readCopyPath } from '../src/engine/readcopy.js';
import { formatValue, tableText, VEGALITE_MIME } from '../src/notebook/display.js';
import { declaredParameters, injectParameters, type NotebookDoc, parseParams } from '../src/notebook/params.js';
import {
  bindTemplate,
  defaultDatabase,
  formatDuration,
  formatInterval,
  formatPercent,
  type MimeBundle,
  open,
  statsRows,
  tableHtml,
} from '../src/notebook.js';
import { tempDir } from './helpers.js';
import { tinyDb } from './notebook-helpers.js';

const dir = tempDir('questlog-nb-');
const shown: MimeBundle[] = [];
const display = (b: MimeBundle) => shown.push(b);
afterEach(() => {
  shown.length = 0;
});

describe('tables', () => {
  it('escape every header and value', () => {
    const rows = [{ '<th>': '<img src=x onerror=alert(1)>', n: 3, x: null, f: 0.5 }];
    expect(tableHtml(rows)).toContain(
      '<thead><tr><th>&#60;th&#62;</th><th>n</th><th>x</th><th>f</th></tr></thead>\n<tbody>\n' +
        '<tr><td>&#60;img src&#61;x onerror&#61;alert(1)&#62;</td><td class="ql-num">3</td><td class="ql-null">NULL</td>' +
        '<td class="ql-num">0.5</td></tr>\n</tbody>',
    );
    expect(tableHtml(rows)).not.toContain('<img');
    expect(tableHtml([{ q: `</script><script>alert("x")</script>` }])).not.toContain('<script>');
  });

  it('format values, durations and rates for reading', () => {
    expect([
      formatValue(1834.5678),
      formatValue(0.82345),
      formatValue(61.3),
      formatValue(7),
      formatValue(null),
    ]).toEqual(['1834.6', '0.823', '61.3', '7', 'NULL']);
    expect([45, 1800, 1805, 7200, 7380, 90000, null].map((s) => String(formatDuration(s)))).toEqual([
      '45 s',
      '30 min 00 s',
      '30 min 05 s',
      '2 h 00 min',
      '2 h 03 min',
      '25 h 00 min',
      '',
    ]);
    expect([formatPercent(0.5), formatPercent(1 / 3), formatPercent(null)].map(String)).toEqual(['50.0%', '33.3%', '']);
    // A formatted figure prints as its text wherever it goes: templates, JSON, table text.
    expect(
      `${formatPercent(0.5)}|${JSON.stringify({ r: formatPercent(0.5) })}|${formatValue(formatPercent(0.5))}`,
    ).toBe('50.0%|{"r":"50.0%"}|50.0%');
  });

  it('show a plain-text twin and count rows beyond the limit', () => {
    const rows = [
      { a: 'x', b: 1 },
      { a: 'yy', b: 22 },
      { a: 'z', b: 3 },
    ];
    expect(tableText(rows, { limit: 2 })).toBe('a   b\nx   1\nyy  22\n(showing 2 of 3 rows)');
    expect(tableHtml(rows, { limit: 2 })).toContain('<p>showing 2 of 3 rows</p>');
  });

  it('right-align numbers and the figures the formatters made, never other text', () => {
    // Alignment is decided where a value is formatted: text that only looks like a figure (a SQL string, a label) is
    // text, so the format rules are written once, in the formatters.
    const figures = [
      formatPercent(0.91),
      formatInterval(0.878, 0.953),
      formatDuration(45),
      formatDuration(853),
      formatDuration(3840),
      formatDuration(183600),
      9942,
      0.5,
    ];
    const text = ['91.0%', '14 min 13 s', 'FET0001', '1.5.0 pc', '(all)', '2026-W48', '12 apples', '(none)', ''];
    const html = tableHtml([...figures, ...text].map((v) => ({ v })));
    const cells = [...html.matchAll(/<td( class="ql-num")?>([^<]*)<\/td>/g)].map((m) => [m[2], m[1] !== undefined]);
    expect(cells).toEqual([
      ['91.0%', true],
      ['87.8–95.3%', true],
      ['45 s', true],
      ['14 min 13 s', true],
      ['1 h 04 min', true],
      ['2 d 3 h', true],
      ['9942', true],
      ['0.5', true],
      ...text.map((t) => [t, false]),
    ]);
  });

  it('show every key of the rows as a column, also one only later rows have', () => {
    const rows = [{ quest: 'A', value: '(all)' }, { quest: 'A', build: '1.5' }, { quest: 'B' }];
    expect(tableText(rows)).toBe('quest  value  build\nA      (all)  NULL\nA      NULL   1.5\nB      NULL   NULL');
    expect(tableHtml(rows)).toContain('<th>quest</th><th>value</th><th>build</th>');
  });
});

describe('the sql tagged template', () => {
  it('binds values as parameters, never as SQL text', () => {
    const id = "x'; DROP TABLE events; --";
    expect(
      bindTemplate(
        ['SELECT * FROM events WHERE quest_id = ', ' AND ts < ', ''],
        [id, new Date('2026-11-28T09:00:00Z')],
      ),
    ).toEqual({
      sql: 'SELECT * FROM events WHERE quest_id = $p0 AND ts < $p1',
      params: { p0: id, p1: '2026-11-28 09:00:00' },
    });
    expect(() => bindTemplate(['SELECT ', ''], [undefined as unknown as string])).toThrow(/undefined/);
  });

  it('runs on a read-only connection and shows the rows as an escaped table', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    const evil = '<b>bold</b>';
    await ql.sql`SELECT ${evil} AS label, count(*)::INTEGER AS events FROM events WHERE quest_id = ${'FET0001'}`;
    expect(shown).toHaveLength(1);
    expect(shown[0]?.['text/html']).toContain('<td>&#60;b&#62;bold&#60;/b&#62;</td><td class="ql-num">3</td>');
    expect(shown[0]?.['text/plain']).toBe('label        events\n<b>bold</b>  3');
    expect(await ql.rows`SELECT player_id FROM events WHERE status = ${'declined'}`).toEqual([{ player_id: 'p2' }]);
    await expect(ql.rows`DELETE FROM events`).rejects.toThrow(/read-only/i);
    ql.close();
  });
});

describe('statistics and charts', () => {
  it('stats() shows the library snapshot, figures unchanged', async () => {
    const path = await tinyDb(tempDir());
    const ql = await open(path, { display });
    await ql.stats();
    const snap = await ql.snapshot();
    expect(snap.meta.snapshot_date).toBe('2026-11-28');
    // As printed: rates and durations are figures that print as their text.
    expect(JSON.parse(JSON.stringify(statsRows(snap.quests)))).toEqual([
      {
        quest_id: 'FET0001',
        name: 'Fetch <the> Herbs',
        players: 3,
        accepted: 0,
        declined: 1,
        completed: 1,
        abandoned: 0,
        failed: 0,
        not_encountered: 1,
        // Met by 2 of 3; completed by 1 of the 2. Wilson 1/2: centre 0.5 + z²/4 = 1.460365, half-width
        // 1.959964·sqrt(0.125 + 0.240091) = 1.184265, d = 1 + z²/2 = 2.920729: low 0.276100/d = 0.094531,
        // high 2.644630/d = 0.905469.
        reach_rate: '66.7%',
        conversion_rate: '50.0%',
        conversion_95: '9.5–90.5%',
        completion_rate: '33.3%',
        mean: '24 h 30 min',
        median: '24 h 30 min',
        p90: '24 h 30 min',
      },
      {
        quest_id: 'KIL0002',
        name: 'Clear the Wolf Den',
        players: 3,
        accepted: 0,
        declined: 0,
        completed: 0,
        abandoned: 0,
        failed: 0,
        not_encountered: 3,
        reach_rate: '0.0%',
        conversion_rate: '', // nobody met it
        conversion_95: '',
        completion_rate: '0.0%',
        mean: '',
        median: '',
        p90: '',
      },
    ]);
    const caption = 'Snapshot 2026-11-28: 3 players, 3 events, data through 2026-11-28 09:00:00';
    expect(shown[0]?.['text/html']).toBe(
      tableHtml(statsRows((await getSnapshot(ql.db, '2026-11-28')).quests), { caption, limit: 1000 }),
    );
    expect(shown[0]?.['text/html']).toContain('Fetch &#60;the&#62; Herbs');
    expect(await ql.snapshotDates()).toEqual(['2026-11-27', '2026-11-28']);
    ql.close();
  });

  it.each([
    ['buckets', {}],
    ['conversion', {}],
    ['completion', {}],
    ['times', {}],
    ['trend', {}],
    ['trend', { quest: 'FET0001' }],
    ['status', { quest: 'FET0001' }],
    ['funnel', { quest: 'FET0001' }],
    ['histogram', { quest: 'FET0001' }],
  ] as const)('chart %s %o is one bundle: vega-lite spec + inline SVG + text', async (kind, opts) => {
    const ql = await open(await tinyDb(tempDir()), { display });
    await ql.chart(kind, opts);
    expect(shown).toHaveLength(1);
    const b = shown[0] as MimeBundle;
    expect(Object.keys(b).sort()).toEqual([VEGALITE_MIME, 'text/html', 'text/plain'].sort());
    const spec = b[VEGALITE_MIME] as { $schema: string; data: { values: unknown[] } };
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(Array.isArray(spec.data.values)).toBe(true);
    expect(b['text/html']).toMatch(
      /^<figure class="ql-chart"><figcaption><strong>[^<]+<\/strong><\/figcaption><svg[\s\S]*<\/svg>/,
    );
    ql.close();
  });

  it('funnel counts players, met it, ever accepted, completed; names are escaped in the chart', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    const spec = (await ql.chartSpec('funnel', { quest: 'FET0001' })) as {
      data: { values: { step: string; players: number }[] };
    };
    expect(spec.data.values.map((v) => [v.step, v.players])).toEqual([
      ['Players', 3],
      ['Met it', 2],
      ['Ever accepted', 1],
      ['Completed', 1],
    ]);
    await ql.chart('funnel', { quest: 'FET0001' });
    expect(shown[0]?.['text/html']).toContain('<strong>Fetch &#60;the&#62; Herbs: funnel</strong>');
    await expect(ql.chart('funnel')).rejects.toThrow(msg.chartNeedsQuest('funnel'));
    await expect(ql.chart('funnel', { quest: 'NOPE' })).rejects.toThrow(msg.questNotInSnapshot('NOPE'));
    ql.close();
  });

  it('charts any vega-lite spec with inline data', async () => {
    const ql = await open(await tinyDb(tempDir()), { display });
    const spec = {
      title: 'Mine',
      data: { values: [{ a: 'A', b: 2 }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    };
    await ql.chart(spec);
    expect(shown[0]?.[VEGALITE_MIME]).toEqual({ ...spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' });
    expect(shown[0]?.['text/html']).toContain('<svg');
    expect(shown[0]?.['text/plain']).toBe('[chart: Mine]');
    ql.close();
  });
});

describe('which database open() reads', () => {
  const saved = process.env.QUESTLOG_DB;
  afterEach(() => {
    if (saved === undefined) delete process.env.QUESTLOG_DB;
    else process.env.QUESTLOG_DB = saved;
  });

  it('prefers the published read copy, falls back to the database, else says how to make one', async () => {
    const d = tempDir();
    process.env.QUESTLOG_DB = join(d, 'q.duckdb');
    expect(() => defaultDatabase(d)).toThrow(UserError);
    const path = await tinyDb(d);
    process.env.QUESTLOG_DB = path;
    expect(defaultDatabase(d)).toBe(path);
    const db = await Db.open(path);
    expect(await publishReadCopy(db)).toBe(readCopyPath(path));
    db.close();
    expect(readCopyPath(path)).toBe(join(d, 'tiny.read.duckdb'));
    expect(defaultDatabase(d)).toBe(join(d, 'tiny.read.duckdb'));
  });

  it('finds questlog.config.json above the notebook folder', () => {
    const d = tempDir();
    delete process.env.QUESTLOG_DB;
    writeFileSync(join(d, 'questlog.config.json'), JSON.stringify({ db: 'store/x.duckdb' }));
    expect(() => defaultDatabase(join(d, 'notebooks'))).toThrow(`no questlog database at ${join(d, 'store/x.duckdb')}`);
  });
});

describe('the read copy', () => {
  it('is swapped in by rename: an open reader keeps its snapshot, a new reader sees the new data', async () => {
    const path = await tinyDb(dir);
    const writer = await Db.open(path);
    const copy = await publishReadCopy(writer);
    const reader = await Db.open(copy, { readOnly: true });
    await writer.run(
      `INSERT INTO events VALUES (1, 9, TIMESTAMP '2026-11-28 11:00:00', 'p3', 'FET0001', 'accepted', NULL, NULL, NULL)`,
    );
    await publishReadCopy(writer);
    expect(existsSync(copy)).toBe(true);
    expect(await reader.all('SELECT count(*)::INTEGER AS n FROM events')).toEqual([{ n: 3 }]);
    const fresh = await Db.open(copy, { readOnly: true });
    expect(await fresh.all('SELECT count(*)::INTEGER AS n FROM events')).toEqual([{ n: 4 }]);
    fresh.close();
    reader.close();
    writer.close();
  });
});

describe('parameter injection', () => {
  const nb = (): NotebookDoc => ({
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {},
    cells: [
      { cell_type: 'markdown', source: '# t', metadata: {} },
      {
        cell_type: 'code',
        source: [
          "let quest_id = 'FET0001';\n",
          'let days = 7; // window\n',
          'const verbose: boolean = false;\n',
          'let date: string | undefined = undefined;',
        ],
        metadata: { tags: ['parameters'] },
        outputs: [],
      },
      { cell_type: 'code', source: 'console.log(quest_id)', metadata: {}, outputs: [] },
    ],
  });

  it('reads the declared parameters and their types', () => {
    expect([...declaredParameters(nb()).entries()]).toEqual([
      ['quest_id', { keyword: 'let', kind: 'string' }],
      ['days', { keyword: 'let', kind: 'number' }],
      ['verbose', { keyword: 'const', kind: 'boolean' }],
      ['date', { keyword: 'let', kind: 'string' }],
    ]);
  });

  it('adds a cell tagged injected-parameters after the parameters cell, typed by the declarations', () => {
    const out = injectParameters(nb(), { quest_id: '1234', days: '3', verbose: 'true', date: '2026-11-20' });
    expect(out.cells.map((c) => c.metadata.tags ?? [])).toEqual([[], ['parameters'], ['injected-parameters'], []]);
    expect(out.cells[2]?.source).toEqual([
      '// Parameters injected by questlog notebook run\n',
      'let date = "2026-11-20";\nlet days = 3;\nlet quest_id = "1234";\nconst verbose = true;',
    ]);
    // Re-running an executed notebook replaces the earlier injection instead of stacking another.
    const again = injectParameters(out, { days: '5' });
    expect(again.cells.filter((c) => c.metadata.tags?.includes('injected-parameters'))).toHaveLength(1);
    expect(again.cells[2]?.source).toEqual(['// Parameters injected by questlog notebook run\n', 'let days = 5;']);
  });

  it('refuses unknown names, ill-typed values and notebooks without a parameters cell', () => {
    expect(() => injectParameters(nb(), { nope: '1' })).toThrow(msg.noParameter('nope'));
    expect(() => injectParameters(nb(), { days: 'many' })).toThrow(msg.notANumber('days', 'many'));
    expect(() => injectParameters(nb(), { verbose: 'yes' })).toThrow(msg.notABoolean('verbose', 'yes'));
    const bare = { ...nb(), cells: [nb().cells[2] as NotebookDoc['cells'][number]] };
    expect(() => injectParameters(bare, { days: '1' })).toThrow(msg.noParametersCell);
    expect(parseParams(['a=1', 'b=x=y'])).toEqual({ a: '1', b: 'x=y' });
    expect(() => parseParams(['novalue'])).toThrow(msg.badParam('novalue'));
  });
});
