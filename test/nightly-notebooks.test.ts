// The nightly with notebook reports configured: real Jupyter + tslab, rendered before the site and kept by publish.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nightlyMessages } from '../src/domain/messages.js';
import { notebookMessages } from '../src/domain/notebook-messages.js';
import { ANY, cli, FIXTURES, messagePattern } from './helpers.js';
import { haveJupyter } from './notebook-helpers.js';
import { fixtureProject } from './publish-helpers.js';

let ok = false;
beforeAll(async () => {
  ok = await haveJupyter();
}, 120_000);

function withNotebooks(project: string, report: Record<string, unknown>): void {
  const file = join(project, 'questlog.config.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.notebooks = { publish: [report] };
  writeFileSync(file, JSON.stringify(config));
}

describe('nightly with notebook reports', () => {
  it('publishes the executed notebook under reports/notebooks, and a later publish keeps it', async ({ skip }) => {
    if (!ok) skip();
    const project = fixtureProject();
    const notebook = join(FIXTURES, 'notebooks/params.ipynb');
    withNotebooks(project, { notebook, params: { quest_id: 'KIL0002', days: '3' }, name: 'params-KIL0002' });
    const r = cli(['nightly', '--as-of', '2026-11-21'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    const dir = join(project, 'site/notebooks');
    const html = readFileSync(join(dir, 'params-KIL0002.html'), 'utf8');
    // The injected parameter reached the kernel and its output is in the page.
    expect(html).toContain('{&#34;quest_id&#34;:&#34;KIL0002&#34;,&#34;days&#34;:3');
    expect(existsSync(join(dir, 'params-KIL0002.ipynb'))).toBe(true);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('params-KIL0002.html');
    expect(existsSync(join(project, 'site/api/v1/snapshot.json'))).toBe(true);

    const again = cli(['publish'], { cwd: project });
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(dir, 'params-KIL0002.html'))).toBe(true);
  }, 240_000);

  it('fails the nightly on a failing notebook and publishes nothing', async ({ skip }) => {
    if (!ok) skip();
    const project = fixtureProject();
    withNotebooks(project, { notebook: join(FIXTURES, 'notebooks/failing.ipynb') });
    const r = cli(['nightly', '--as-of', '2026-11-21'], { cwd: project });
    expect(r.code).not.toBe(0);
    const cell = notebookMessages.cellFailed(ANY, Number.NaN, ANY, ANY, ANY);
    expect(r.stderr).toMatch(messagePattern(nightlyMessages.failedAt('notebook reports', cell)));
    expect(existsSync(join(project, 'site/index.html'))).toBe(false);
    // The site was being built meanwhile (src/jobs/nightly.ts): its temp folder goes too.
    expect(readdirSync(project).filter((f) => f.startsWith('.site.'))).toEqual([]);
  }, 240_000);
});
