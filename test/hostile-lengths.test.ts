// A value or header of hundreds of kilobytes: the raw text of a rejected line was clipped, but the reason quoted the
// whole value (a 200 KB time made a 200 KB reason per line, stored and printed by `questlog rejects`), and a file's
// runaway first line was printed whole as the header it "found". Quoted file text is clipped; the raw text keeps more.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recorder } from '../src/domain/effects.js';
import { ingestMessages } from '../src/domain/messages.js';
import { ingest } from '../src/ingest/ingest.js';
import { sharedDb } from './helpers.js';

const HUGE = 200_000;
const ctx = sharedDb();

async function reasons(file: string) {
  const rows = await ctx.db.all<{ line: number; reason: string }>(
    `SELECT r.line::INTEGER AS line, r.reason FROM rejects r JOIN files f USING (file_id) WHERE f.path = $p ORDER BY 1`,
    { p: join(ctx.dir, file) },
  );
  return rows.map((r) => [r.line, r.reason]);
}

describe('values quoted in reasons', () => {
  it('events: a huge time or status is quoted clipped to 100 characters', async () => {
    const text = `ts,player_id,quest_id,status\n${'T'.repeat(HUGE)},p,Q1,start\n2026-01-01 10:00:00,p,Q1,${'S'.repeat(HUGE)}\n`;
    writeFileSync(join(ctx.dir, 'e.csv'), text);
    await ingest(ctx.db, { paths: [join(ctx.dir, 'e.csv')], cwd: ctx.dir }, recorder());
    expect(await reasons('e.csv')).toEqual([
      [2, `unparsable time '${'T'.repeat(100)}…'`],
      [3, `unknown status '${'S'.repeat(100)}…'`],
    ]);
  });

  it('seed: a huge offset or status is quoted clipped too', async () => {
    const text = `${'9'.repeat(HUGE)},QUEST_STATUS,Q1 ACCEPTED\n00:00:02,QUEST_STATUS,Q1 ${'X'.repeat(HUGE)}\n`;
    writeFileSync(join(ctx.dir, '2026-01-01T10-00-00.csv'), text);
    await ingest(
      ctx.db,
      { paths: [join(ctx.dir, '2026-01-01T10-00-00.csv')], cwd: ctx.dir, format: 'seed' },
      recorder(),
    );
    expect(await reasons('2026-01-01T10-00-00.csv')).toEqual([
      [1, `unparsable time '${'9'.repeat(100)}…' (expected HH:MM:SS)`],
      [2, `unknown status '${'X'.repeat(100)}…'`],
    ]);
  });

  it('a file whose first line is 500 KB of text names what it found in at most 200 characters', async () => {
    writeFileSync(join(ctx.dir, 'wide.csv'), `${'a'.repeat(500_000)},b,c,d\n1,2,3,4\n`);
    const s = await ingest(ctx.db, { paths: [join(ctx.dir, 'wide.csv')], cwd: ctx.dir }, recorder());
    const core = ['ts', 'player_id', 'quest_id', 'status'];
    expect(s.files[0]?.error).toBe(ingestMessages.missingColumns(core, `${'a'.repeat(200)}…`));
  });
});
