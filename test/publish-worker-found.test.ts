// What a render worker is told of a recycled build folder (worker-found.ts): every entry it may write, none of the
// history's month files (which the main thread keeps or writes), and the same map back on the worker's side.
import { describe, expect, it } from 'vitest';
import type { Found } from '../src/publish/site-files.js';
import { packFound, unpackFound } from '../src/publish/worker-found.js';

const root = '/srv/.site.new-1-abc';
const q = `${root}/api/v1/quests`;

describe('packFound', () => {
  it('leaves out the month folders and their files, keeps everything else', () => {
    const found: Found = new Map([
      [`${root}/api`, 'dir'],
      [`${root}/api/v1`, 'dir'],
      [`${root}/api/v1/quests`, 'dir'],
      [`${q}/Q1`, 'dir'],
      [`${q}/Q1/history`, 'dir'],
      [`${q}/Q1/history/2026-10.json`, 'file'],
      [`${q}/Q1/history/2026-10.json.gz`, 'file'],
      [`${q}/Q1/history.json`, 'file'],
      [`${q}/Q1/history.json.gz`, 'file'],
      [`${q}/Q1.json`, 'file'],
      // A quest whose file id is `history`: its own files stay, its month folder goes.
      [`${q}/history.json`, 'file'],
      [`${q}/history`, 'dir'],
      [`${q}/history/history.json`, 'file'],
      [`${q}/history/history`, 'dir'],
      [`${q}/history/history/2026-10.json`, 'file'],
      [`${q}/Q2/historyx`, 'dir'],
      [`${root}/quests/Q1/history`, 'dir'],
      [`${root}/quests/Q1.html`, 'file'],
    ]);
    const packed = packFound(found, root);
    expect(packed.dirs.split('\0')).toEqual([
      `${root}/api`,
      `${root}/api/v1`,
      `${root}/api/v1/quests`,
      `${q}/Q1`,
      `${q}/history`,
      `${q}/Q2/historyx`,
      `${root}/quests/Q1/history`,
    ]);
    expect(packed.files.split('\0')).toEqual([
      `${q}/Q1/history.json`,
      `${q}/Q1/history.json.gz`,
      `${q}/Q1.json`,
      `${q}/history.json`,
      `${q}/history/history.json`,
      `${root}/quests/Q1.html`,
    ]);
    const back = unpackFound(packed);
    expect([...back].sort()).toEqual([...found].filter(([p]) => back.has(p)).sort());
    expect(back.size).toBe(13);
  });

  it('packs an empty folder as nothing', () => {
    expect(packFound(new Map(), root)).toEqual({ files: '', dirs: '' });
    expect(unpackFound({ files: '', dirs: '' })).toEqual(new Map());
  });
});
