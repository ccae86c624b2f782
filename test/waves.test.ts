// The real public WAVES log, loaded unchanged through its preset, checked against a second, independent count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { recorder } from '../src/domain/effects.js';
import { ingest } from '../src/ingest/ingest.js';
import { freshDb, haveFile, haveTool, SHARED } from './helpers.js';

const FILE = join(SHARED, 'data/real/waves-2023-02-sample.tsv');
const present = haveTool(haveFile(FILE), 'the WAVES sample log', `place it at ${FILE} (see its README)`);
const MAPPED: Record<string, string> = { 'BEGIN.0': 'accepted', 'COMPLETE.0': 'completed', 'FAIL.0': 'failed' };

/**
 * The second method: plain TypeScript over the raw text. Every line has exactly 14 tab-separated fields (asserted),
 * so splitting on tabs is exact here; event_data is one CSV-quoted field whose JSON is read with JSON.parse.
 */
function countByHand(text: string) {
  const lines = text.split('\n').filter((l) => l !== '');
  const header = (lines[0] ?? '').split('\t');
  const col = (name: string) => header.indexOf(name);
  const counts = new Map<string, number>();
  const sessions = new Set<string>();
  for (const line of lines.slice(1)) {
    const f = line.split('\t');
    expect(f).toHaveLength(14);
    const session = f[col('session_id')] ?? '';
    sessions.add(session);
    const status = MAPPED[f[col('event_name')] ?? ''];
    if (!status) continue;
    const quoted = f[col('event_data')] ?? '';
    const json = quoted.startsWith('"') ? quoted.slice(1, -1).replaceAll('""', '"') : quoted;
    const level = String((JSON.parse(json) as { level: number }).level);
    const key = `${level}|${status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts].map(([k, n]) => {
    const [quest_id, status] = k.split('|');
    return { quest_id, status, n };
  });
  rows.sort((a, b) => Number(a.quest_id) - Number(b.quest_id) || (a.status ?? '').localeCompare(b.status ?? ''));
  return { rows, sessions: sessions.size, lines: lines.length };
}

describe.runIf(present)('WAVES preset on the real OpenGameData sample', () => {
  it('loads the file unchanged and agrees with an independent count per level and status', async () => {
    const db = await freshDb();
    const config: Config = { root: SHARED, sources: { waves: { preset: 'waves', paths: [FILE] } } };
    const s = await ingest(db, { source: 'waves', config }, recorder());
    const expected = countByHand(readFileSync(FILE, 'utf8'));

    // 665 BEGIN.0 + 566 COMPLETE.0 + 1,247 FAIL.0 per the sample's README; header, SUCCEED.0 and CUSTOM.* are ignored.
    expect(s.files[0]).toMatchObject({ status: 'loaded', format: 'mapped', lines_read: 10_001, rejected: 0 });
    expect(s.files[0]).toMatchObject({ loaded: 665 + 566 + 1247, ignored: 10_001 - 2478 });
    expect(expected.lines).toBe(10_001);

    const got = await db.all(
      `SELECT quest_id, status::VARCHAR AS status, count(*)::INTEGER AS n FROM events
       GROUP BY quest_id, status ORDER BY quest_id::INTEGER, status`,
    );
    expect(got).toEqual(expected.rows);
    expect(await db.one('SELECT count(DISTINCT player_id)::INTEGER AS n FROM file_players')).toEqual({
      n: expected.sessions,
    });
    expect(expected.sessions).toBe(49);
    // Times come from the `timestamp` column, with their milliseconds.
    expect(
      await db.one(`SELECT strftime(min(ts), '%Y-%m-%d %H:%M:%S.%g') AS first, count(*)::INTEGER AS n FROM events`),
    ).toEqual({ first: '2023-02-01 16:16:44.589', n: 2478 });
    db.close();
  });
});
