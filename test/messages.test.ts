// Messages live in src/domain/messages.ts; these tests pin how they reach a user: a library error carries a CLI hint
// as a key, only the CLI turns it into text, and every exit code comes from EXIT.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silent } from '../src/domain/effects.js';
import { UserError } from '../src/domain/errors.js';
import { cliHintText, cliMessages, dbMessages, EXIT, statsMessages } from '../src/domain/messages.js';
import { getSnapshot } from '../src/engine/read.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { cli, freshDb, tempDir } from './helpers.js';

describe('messages', () => {
  it('library errors carry a CLI hint as a key, not as text', async () => {
    const db = await freshDb();
    const err = await computeSnapshots(db, {}, silent).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(statsMessages.noEvents);
    expect((err as UserError).hint).toBeUndefined();
    expect((err as UserError).cli).toEqual(['ingestOrAsOf']);
    const missing = await getSnapshot(db, '2026-01-01').catch((e: unknown) => e);
    expect((missing as UserError).cli).toEqual(['statsFor', '2026-01-01']);
    expect(cliHintText((missing as UserError).cli as never)).toBe('run `questlog stats --as-of 2026-01-01`');
    // Callers without flags (notebooks, code) get their own wording; the CLI prints its own (below: a missing database).
    expect((missing as UserError).hint).toBe(statsMessages.noSnapshotHint('2026-01-01'));
    db.close();
  });

  it('the CLI prints the message, then the hint it resolves from the key, and exits with the EXIT code', async () => {
    const dir = tempDir();
    const db = join(dir, 'q.duckdb');
    (await freshDb(dir)).close();
    const empty = cli(['--db', join(dir, 'test.duckdb'), 'stats']);
    expect(empty.stderr).toBe(
      cliMessages.error(statsMessages.noEvents) + cliMessages.hint(cliHintText(['ingestOrAsOf'])),
    );
    expect(empty.code).toBe(EXIT.usage);
    const none = cli(['--db', db, 'status']);
    expect(none.stderr).toBe(
      cliMessages.error(dbMessages.missing(db)) + cliMessages.hint(cliHintText(['ingestFirst'])),
    );
    expect(none.code).toBe(EXIT.usage);
    expect(cliMessages.hint(cliHintText(['ingestFirst']))).toBe('  hint: run `questlog ingest` first\n');
  });
});
