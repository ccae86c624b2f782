import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { publishMessages } from '../src/domain/messages.js';
import type { QuestStats } from '../src/domain/types.js';
import { Db } from '../src/engine/db.js';
import { questDocument, type SiteData } from '../src/publish/api.js';
import { ChartRenderer, renumberIds } from '../src/publish/chart-render.js';
import { histogramChart, questStatusChart } from '../src/publish/charts.js';
import { decodeFileId, encodeFileId, fileIds } from '../src/publish/file-ids.js';
import { compactJson, isoDuration, round, stableJson } from '../src/publish/json.js';
import { publish, writeSite } from '../src/publish/publish.js';
import { chainsOf } from '../src/publish/report.js';
import { NOW, ODD_ID, SITE, XSS_IMG, XSS_SCRIPT } from './fixtures/publish/site.js';
import { tempDir } from './helpers.js';
import { tinyDb } from './notebook-helpers.js';
import { expectGolden, validateApi, walk } from './publish-helpers.js';

const effects = () => ({ ...recorder(), now: () => NOW });

async function publishFixture(out: string, data: SiteData = SITE) {
  return writeSite(data, { out }, effects());
}

describe('file ids', () => {
  it('escape everything but letters, digits, _ and -, reversibly', () => {
    expect(encodeFileId('FET0001')).toBe('FET0001');
    expect(encodeFileId('a/b')).toBe('a~2Fb');
    expect(encodeFileId('..')).toBe('~2E~2E');
    expect(encodeFileId('x y~')).toBe('x~20y~7E');
    expect(encodeFileId('é')).toBe('~C3~A9');
    for (const id of ['FET0001', ODD_ID, XSS_IMG, XSS_SCRIPT, '~h1234', 'a~2Fb', '☃', ' ']) {
      expect(decodeFileId(encodeFileId(id))).toBe(id);
    }
  });

  it('hash ids that are empty, too long or reserved device names', () => {
    expect(encodeFileId('')).toMatch(/^~h[0-9a-f]{20}$/);
    expect(encodeFileId('x'.repeat(500))).toMatch(/^~h[0-9a-f]{20}$/);
    expect(encodeFileId('CON')).toMatch(/^~h/);
    expect(decodeFileId(encodeFileId('CON'))).toBeUndefined();
  });

  it('hash ids that would collide on a case-insensitive file system', () => {
    const ids = fileIds(['Q1', 'q1', 'Q2']);
    expect(ids.get('Q2')).toBe('Q2');
    expect(ids.get('Q1')).toMatch(/^~h/);
    expect(ids.get('q1')).toMatch(/^~h/);
    expect(ids.get('Q1')).not.toBe(ids.get('q1'));
  });
});

describe('the index chain filter', () => {
  it('lists each chain once, numbers in names by value ("Act 2" before "Act 10"), quests without a chain left out', () => {
    const quests = ['Act 10', 'Act 2', null, 'Act 1', 'Act 2', 'Bog'].map((chain) => ({ q: { chain } as QuestStats }));
    expect(chainsOf(quests)).toEqual(['Act 1', 'Act 2', 'Act 10', 'Bog']);
  });
});

describe('JSON documents', () => {
  it('format durations as ISO 8601', () => {
    expect([0, 59, 60, 95.5, 1800, 3600, 5400, 6000, 90061].map(isoDuration)).toEqual([
      'PT0S',
      'PT59S',
      'PT1M',
      'PT1M35.5S',
      'PT30M',
      'PT1H',
      'PT1H30M',
      'PT1H40M',
      'PT25H1M1S',
    ]);
    expect(isoDuration(null)).toBeNull();
  });

  it('round the same whichever order a figure was summed in, exact halves included', () => {
    // 0.15625 is 5/32: one backfill's running product gave it exactly, another 0.15624999999999994 (a few ulps
    // below); both must publish 15.63 (Math.round alone gave 15.62 for the second).
    expect(round(0.15625 * 100, 2)).toBe(15.63);
    expect(round(0.15624999999999994 * 100, 2)).toBe(15.63);
    expect(round(0.1 + 0.2, 2)).toBe(0.3);
    expect(round(2.675, 2)).toBe(2.68); // 2.67499999999999982236431605997495353221893310546875 in binary
    expect(round(1.004, 2)).toBe(1);
    expect(round(-0.001, 2)).toBe(0);
    expect(round(123456789.125, 2)).toBe(123456789.13);
    expect(round(Number.NaN, 2)).toBeNull();
  });

  it('keep the original web API fields for a quest', () => {
    const herbs = SITE.snapshot.quests[0];
    if (!herbs) throw new Error('fixture');
    const doc = questDocument(SITE, herbs, 'FET0001');
    expect(doc).toMatchObject({
      accepted: 0,
      rejected: 1,
      completed: 3,
      not_encountered: 0,
      abandoned: 1,
      failed: 0,
      average_completion: 4200,
      shortest_completion: 1800,
      longest_completion: 7200,
      median_completion: 3600,
      p90_completion: 6480,
      average_completion_iso: 'PT1H10M',
      p90_completion_iso: 'PT1H48M',
      mean_attempts: 1.333,
      status: [
        { label: 'Accepted', data: 0 },
        { label: 'Rejected', data: 1 },
        { label: 'Completed', data: 3 },
        { label: 'Not Encountered', data: 0 },
      ],
      links: { json: 'quests/FET0001.json', history: 'quests/FET0001/history.json', html: '../../quests/FET0001.html' },
    });
  });

  it('sort keys and escape JSON embedded in pages', () => {
    expect(stableJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    // Objects of one shape share their key order; a key holding the shape separator is no such shape.
    expect(stableJson([{ 'b\u0001a': 1 }, { b: 1, a: 2 }, { 10: 0, 9: 0, x: 0 }])).toBe(
      '[\n  {\n    "b\\u0001a": 1\n  },\n  {\n    "a": 2,\n    "b": 1\n  },\n  {\n    "9": 0,\n    "10": 0,\n    "x": 0\n  }\n]\n',
    );
    // Objects already in order are used as they are; indexes come first whatever they sort after.
    expect(
      stableJson([
        { '!': 1, 2: 0 },
        { b: 1, 3: 0, a: 2 },
      ]),
    ).toBe('[\n  {\n    "2": 0,\n    "!": 1\n  },\n  {\n    "3": 0,\n    "a": 2,\n    "b": 1\n  }\n]\n');
  });
});

describe('charts', () => {
  it('render each spec to the same SVG whatever was rendered before (views are reused)', async () => {
    const [a, b] = SITE.snapshot.quests;
    if (!a || !b) throw new Error('fixture');
    const reused = new ChartRenderer();
    const first = await reused.svg(questStatusChart(a).spec, 'status-clip');
    await reused.svg(questStatusChart({ ...b, completed: 400, not_encountered: 2 }).spec, 'status-clip');
    const again = await reused.svg(questStatusChart(a).spec, 'status-clip');
    const fresh = new ChartRenderer();
    expect(again).toBe(first);
    expect(await fresh.svg(questStatusChart(a).spec, 'status-clip')).toBe(first);
    expect(first).toMatch(/^<svg /);
    reused.close();
    fresh.close();
  });

  it('lays each chart out around its own labels, as a fresh view would (a reused view once kept its first layout)', async () => {
    // Histograms whose y labels grow from one digit to five, drawn in turn by one renderer.
    const charts = [3, 40_000, 7, 900, 12_345, 5].map((top, i) =>
      histogramChart([
        { quest_id: `Q${i}`, bin_start: 0, bin_end: 60, players: top },
        { quest_id: `Q${i}`, bin_start: 60, bin_end: 120, players: Math.ceil(top / 3) },
      ]),
    );
    const reused = new ChartRenderer();
    const drawn: string[] = [];
    for (const c of charts) drawn.push(await reused.svg(c.spec, 'histogram-clip'));
    reused.close();
    for (const [i, c] of charts.entries()) {
      const fresh = new ChartRenderer();
      expect(await fresh.svg(c.spec, 'histogram-clip'), `chart ${i}`).toBe(drawn[i]);
      fresh.close();
    }
    expect(new Set(drawn.map((svg) => /width="(\d+)"/.exec(svg)?.[1])).size).toBeGreaterThan(1);
  });

  it('renumber clip ids per chart so charts on one page never share one', () => {
    expect(renumberIds('<clipPath id="clip17"/><g clip-path="url(#clip17)"/><clipPath id="clip3"/>', 'h')).toBe(
      '<clipPath id="h-1"/><g clip-path="url(#h-1)"/><clipPath id="h-2"/>',
    );
  });
});

describe('publish (fixture site)', () => {
  it('writes the golden JSON, HTML and chart specs, every API file valid against its schema', async () => {
    const out = join(tempDir(), 'site');
    const summary = await publishFixture(out);
    expect(summary).toMatchObject({ out, snapshotDate: '2026-11-21', quests: 4 });
    expect(summary.files).toBe(walk(out).length);
    expectGolden(out, 'publish-fixture');
    // snapshot + quest index + manifest + history months + 4 quests x (quest + history) + chains: November, the open
    // month, has no month file
    expect(validateApi(out)).toBe(13);
    // Every JSON file written is compact (no whitespace outside strings), its keys sorted, with a final newline; the
    // JSON Schemas are copied as they are.
    const json = walk(out).filter((f) => f.endsWith('.json') && !f.startsWith('api/v1/schema/'));
    expect(json).toHaveLength(20);
    for (const f of json) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text, f).toBe(compactJson(JSON.parse(text)));
    }
    for (const f of [
      'assets/vega.min.js',
      'assets/vega-embed.min.js',
      'assets/vega-interpreter.js',
      'assets/style.css',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it('gives identical bytes on a re-run and writes nothing outside the output folder', async () => {
    const dir = tempDir();
    const out = join(dir, 'site');
    await publishFixture(out);
    const first = new Map(walk(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    await publishFixture(out);
    expect(walk(out)).toEqual([...first.keys()]);
    for (const [f, text] of first) expect(readFileSync(join(out, f), 'utf8'), f).toBe(text);
    // Beside it only the previous site, kept until the next publish (a rollback is one rename).
    expect(walk(dir).filter((f) => !f.startsWith('site/') && !f.startsWith('.site.old/'))).toEqual([]);
    expect(walk(join(dir, '.site.old'))).toEqual([...first.keys()]);
    await publishFixture(out);
    expect(readdirSync(dir).sort()).toEqual(['.site.old', 'site']);
  });

  it('builds in the site before the previous one: every publish equals a fresh one, files of gone quests too', async () => {
    const [first, ...rest] = SITE.snapshot.quests;
    if (!first) throw new Error('fixture');
    const variants: SiteData[] = [
      SITE,
      { ...SITE, snapshot: { ...SITE.snapshot, quests: [{ ...first, completed: first.completed + 7 }] } },
      { ...SITE, title: 'A longer title than the one before, so every page grows' },
      { ...SITE, snapshot: { ...SITE.snapshot, quests: rest } },
      // built where the long-title site was: every page shrinks in place
      { ...SITE, title: 'Q' },
    ];
    const dir = tempDir();
    const out = join(dir, 'site');
    for (const data of variants) {
      await publishFixture(out, data);
      const fresh = join(tempDir(), 'site');
      await publishFixture(fresh, data);
      expect(walk(out)).toEqual(walk(fresh));
      for (const f of walk(fresh))
        expect(readFileSync(join(out, f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(existsSync(join(dir, '.site.old')) ? ['.site.old', 'site'] : ['site']);
    }
  });

  it('escapes hostile quest names everywhere in the HTML', async () => {
    const out = join(tempDir(), 'site');
    await publishFixture(out);
    const pages = walk(out).filter((f) => f.endsWith('.html'));
    // index, API page, 4 quests
    expect(pages).toHaveLength(6);
    for (const f of pages) {
      const html = readFileSync(join(out, f), 'utf8');
      expect(html, f).not.toContain('<img src=x');
      expect(html, f).not.toContain('<script>alert');
      expect(html.match(/<script\b/g)?.length, f).toBe(html.match(/<\/script>/g)?.length);
      expect(html, f).toContain('<meta http-equiv="Content-Security-Policy"');
    }
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(index).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
  });

  it('keeps the notebook reports inside the site, or swaps in new ones with it', async () => {
    const dir = tempDir();
    const out = join(dir, 'site');
    await publishFixture(out);
    mkdirSync(join(out, 'notebooks'));
    writeFileSync(join(out, 'notebooks/index.html'), 'old reports');
    await publishFixture(out);
    expect(readFileSync(join(out, 'notebooks/index.html'), 'utf8')).toBe('old reports');
    const stage = join(out, '.notebooks.new-1');
    mkdirSync(stage);
    writeFileSync(join(stage, 'index.html'), 'new reports');
    await writeSite(SITE, { out, include: { notebooks: stage } }, effects());
    expect(readFileSync(join(out, 'notebooks/index.html'), 'utf8')).toBe('new reports');
    expect(existsSync(stage)).toBe(false);
  });

  it('fails on notebook reports that failed while it worked, and keeps the previous site', async () => {
    const dir = tempDir();
    const db = await Db.open(await tinyDb(dir));
    const out = join(dir, 'site');
    await publish(db, { out }, effects());
    const before = new Map(walk(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      // Fails while the publish waits on its queries, long before it looks at the reports at the swap.
      const include = new Promise<Record<string, string>>((_, fail) =>
        setTimeout(() => fail(new Error('notebook reports broke')), 0),
      );
      await expect(publish(db, { out, include }, effects())).rejects.toThrow('notebook reports broke');
    } finally {
      process.off('unhandledRejection', record);
      db.close();
    }
    expect(unhandled).toEqual([]);
    expect(new Map(walk(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]))).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('site'))).toEqual(['site']);
  });

  it('fails on a read after the snapshot, its build folder begun meanwhile removed and its workers stopped', async () => {
    const dir = tempDir();
    const db = await Db.open(await tinyDb(dir));
    const out = join(dir, 'site');
    try {
      await publish(db, { out }, effects());
      await publish(db, { out }, effects());
      const before = new Map(walk(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
      expect(readdirSync(dir).filter((f) => f.includes('site'))).toEqual(['.site.old', 'site']);
      // The survival read comes after the snapshot's, once the recycled folder is taken and the workers are loading.
      await db.run('ALTER TABLE survival RENAME TO survival_gone');
      await expect(publish(db, { out, workers: 2 }, effects())).rejects.toThrow(/survival/);
      expect(new Map(walk(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]))).toEqual(before);
      // Removed like any failed build's folder: the next publish builds a new one.
      expect(readdirSync(dir).filter((f) => f.includes('site'))).toEqual(['site']);
      await db.run('ALTER TABLE survival_gone RENAME TO survival');
      await publish(db, { out, workers: 2 }, effects());
      expect(new Map(walk(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]))).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('refuses to replace a folder that is not a questlog site', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'thesis.tex'), 'precious');
    await expect(writeSite(SITE, { out: dir }, effects())).rejects.toThrow(publishMessages.notASite(dir));
    expect(readdirSync(dir)).toEqual(['thesis.tex']);
  });
});
