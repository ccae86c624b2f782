// Real Jupyter, real tslab kernel: headless runs through the CLI as users run them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VEGALITE_MIME } from '../src/notebook/display.js';
import { cli, FIXTURES, ROOT, tempDir } from './helpers.js';
import { errorOutputs, haveJupyter, readNotebook, text, tinyDb } from './notebook-helpers.js';

const NB = join(FIXTURES, 'notebooks');
let ok = false;
beforeAll(async () => {
  ok = await haveJupyter();
}, 120_000);

describe('questlog notebook run', () => {
  it('injects parameters after the parameters cell, typed by their declarations', async ({ skip }) => {
    if (!ok) skip();
    const out = tempDir();
    const args = ['notebook', 'run', join(NB, 'params.ipynb'), '--out', out, '--name', 'p'];
    const r = cli([...args, '-p', 'quest_id=1234', '--param', 'days=3', '-p', 'verbose=true']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ notebook params\.ipynb: 4 cells in \d+ ms -> .*p\.ipynb, .*p\.html\n$/,
    );
    const cells = readNotebook(join(out, 'p.ipynb'), (p) => readFileSync(p, 'utf8'));
    expect(cells.map((c) => c.metadata.tags ?? [])).toEqual([[], ['parameters'], ['injected-parameters'], []]);
    expect(text(cells[2]?.source)).toBe(
      '// Parameters injected by questlog notebook run\nlet days = 3;\nlet quest_id = "1234";\nlet verbose = true;',
    );
    expect(text(cells[3]?.outputs?.[0]?.text)).toBe('{"quest_id":"1234","days":3,"verbose":true,"type":"number"}\n');
    expect(errorOutputs(cells)).toEqual([]);
    const html = readFileSync(join(out, 'p.html'), 'utf8');
    expect(html).toContain('{&#34;quest_id&#34;:&#34;1234&#34;,&#34;days&#34;:3');
  }, 120_000);

  it('fails on a failing cell with its number and error, exit 1, and keeps the executed notebook', async ({ skip }) => {
    if (!ok) skip();
    const out = tempDir();
    const r = cli(['notebook', 'run', join(NB, 'failing.ipynb'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `questlog: error: ${join(NB, 'failing.ipynb')}: cell 3 failed: Error: quest table is empty <on purpose>\n` +
        "  cell: throw new Error('quest table is empty <on purpose>');\n",
    );
    expect(r.stderr).toContain(`hint: the executed notebook with the error: ${join(out, 'failing.ipynb')}`);
    const cells = readNotebook(join(out, 'failing.ipynb'), (p) => readFileSync(p, 'utf8'));
    expect(text(cells[0]?.outputs?.[0]?.text)).toBe('first cell ran 2\n');
    expect(errorOutputs(cells)).toHaveLength(1);
    expect(cells[3]?.outputs).toEqual([]);
    expect(existsSync(join(out, 'failing.html'))).toBe(true);
  }, 120_000);

  it('runs on this checkout even when the machine-wide tslab kernelspec points at a checkout that is gone', async ({
    skip,
  }) => {
    if (!ok) skip();
    const stale = tempDir();
    mkdirSync(join(stale, 'kernels', 'tslab'), { recursive: true });
    writeFileSync(
      join(stale, 'kernels', 'tslab', 'kernel.json'),
      JSON.stringify({
        argv: ['/nonexistent/checkout/node_modules/tslab/bin/tslab', 'kernel'],
        language: 'typescript',
      }),
    );
    const out = tempDir();
    const r = cli(['notebook', 'run', join(NB, 'params.ipynb'), '--out', out], { env: { JUPYTER_PATH: stale } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);

  it('refuses a --timeout that is not a positive number (abc ran with no timeout at all)', () => {
    for (const raw of ['abc', '0', '-5']) {
      const r = cli(['notebook', 'run', join(NB, 'params.ipynb'), '--timeout', raw, '--out', tempDir()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`questlog: error: --timeout must be a positive number of seconds, got ${raw}\n`);
    }
  });

  it('refuses unknown parameters before starting a kernel', () => {
    const r = cli(['notebook', 'run', join(NB, 'params.ipynb'), '-p', 'nope=1', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'questlog: error: the notebook has no parameter nope\n  hint: its parameters: quest_id, days, verbose\n',
    );
  });

  it('runs the facade inside the kernel: escaped tables, charts as one vega-lite + HTML bundle', async ({ skip }) => {
    if (!ok) skip();
    const out = tempDir();
    const db = await tinyDb(tempDir());
    const r = cli(['--db', db, 'notebook', 'run', join(NB, 'facade.ipynb'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cells = readNotebook(join(out, 'facade.ipynb'), (p) => readFileSync(p, 'utf8'));
    expect(errorOutputs(cells)).toEqual([]);
    // Showing methods resolve to nothing, so tslab prints no second, plain copy of the result.
    expect(cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream')).toEqual([]);
    const table = cells[1]?.outputs?.[0]?.data ?? {};
    expect(text(table['text/html'])).toContain(
      '<tr><td>&#60;b&#62;x&#60;/b&#62;</td><td class="ql-num">42</td><td class="ql-num">2.5</td></tr>',
    );
    const chart = cells[2]?.outputs?.[0]?.data ?? {};
    expect(Object.keys(chart).sort()).toEqual([VEGALITE_MIME, 'text/html', 'text/plain'].sort());
    expect(text(chart['text/html'])).toContain('<svg');
    expect(readFileSync(join(out, 'facade.html'), 'utf8')).toMatch(/<svg[^>]*class="marks"/);
  }, 120_000);

  it("from a folder without a config, leaves the database to the notebook's own open(): its project's", async ({
    skip,
  }) => {
    if (!ok) skip();
    const project = tempDir();
    await tinyDb(project);
    writeFileSync(join(project, 'questlog.config.json'), JSON.stringify({ db: 'tiny.duckdb' }));
    mkdirSync(join(project, 'notebooks'));
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source });
    const nb = {
      cells: [
        cell(`import { open } from ${JSON.stringify(join(ROOT, 'dist/notebook.js'))};\nconst ql = await open();`),
        cell('console.log((await ql.rows`SELECT count(*) AS n FROM catalogue`)[0]?.n);'),
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(join(project, 'notebooks', 'count.ipynb'), JSON.stringify(nb));
    const out = tempDir();
    // Round 14: the CLI passed $QUESTLOG_DB=<cwd>/data/questlog.duckdb, so open() failed on a file nobody named.
    const r = cli(['notebook', 'run', join(project, 'notebooks', 'count.ipynb'), '--out', out], {
      cwd: tempDir(),
      env: { QUESTLOG_DB: '' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cells = readNotebook(join(out, 'count.ipynb'), (p) => readFileSync(p, 'utf8'));
    expect(text(cells[1]?.outputs?.[0]?.text)).toBe('2\n');
  }, 120_000);
});
