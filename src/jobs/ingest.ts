// `questlog ingest`, `questlog rejects` and `questlog catalogue`: the loading verbs around the ingest room.
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { type Effects, timed } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { EXIT, ingestMessages, statsMessages } from '../domain/messages.js';
import { loadCatalogue } from '../ingest/catalogue.js';
import { ingest } from '../ingest/ingest.js';
import { listRejects, type RejectRow } from '../ingest/rejects.js';
import type { IngestOptions, IngestSummary } from '../ingest/results.js';
import { withDb } from './run.js';

/** The CLI verb: ingests into the database at `db`; exits 3 when any file failed (the others are loaded). */
export async function ingestCommand(opts: IngestOptions & { db: string }, effects: Effects): Promise<IngestSummary> {
  return withDb(opts.db, async (db) => {
    const summary = await ingest(db, { ...opts, config: opts.config ?? loadConfig(opts.cwd) }, effects);
    if (summary.totals.files_failed > 0) {
      const bad = summary.files.filter((f) => f.status === 'failed');
      throw new UserError(ingestMessages.filesFailed(bad, summary.files.length), {
        hint: ingestMessages.filesFailedHint,
        exitCode: EXIT.input,
      });
    }
    return summary;
  });
}

/** The CLI verb: prints rejects as `file:line: reason` followed by the raw text. */
export async function rejectsCommand(
  opts: { db: string; file?: string; limit?: number; cwd?: string },
  effects: Effects,
): Promise<RejectRow[]> {
  return withDb(
    opts.db,
    async (db) => {
      const file = opts.file === undefined ? undefined : resolve(opts.cwd ?? '.', opts.file);
      const rows = await listRejects(db, { file, limit: opts.limit });
      for (const r of rows) effects.log(ingestMessages.rejectLine(r.file, r.line, r.reason, r.raw));
      if (rows.length === 0) effects.log(ingestMessages.noRejects);
      return rows;
    },
    { readOnly: true },
  );
}

/** `questlog catalogue FILE`: loads the catalogue into the database at `db`. */
export async function catalogueCommand(opts: { db: string; file: string }, effects: Effects): Promise<number> {
  return withDb(opts.db, async (db) => {
    const [{ quests }, ms] = await timed(() => loadCatalogue(db, opts.file));
    effects.log(statsMessages.catalogueLoaded(opts.file, quests, ms));
    return quests;
  });
}
