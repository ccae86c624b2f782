// `questlog ingest`, `questlog rejects` and `questlog catalogue`: the loading verbs around the ingest room.
import { resolve } from 'node:path';
import { type Config, loadConfig } from '../config.js';
import { type Effects, emit, timed } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { EXIT, ingestMessages, statsMessages } from '../domain/messages.js';
import { engineFor } from '../engine/engine.js';
import { type RunCounts, recordRun } from '../engine/runs.js';
import { loadCatalogue } from '../ingest/catalogue.js';
import { ingest } from '../ingest/ingest.js';
import { listRejects, type RejectRow } from '../ingest/rejects.js';
import type { IngestOptions, IngestSummary } from '../ingest/results.js';
import { type OutputFormat, type Record_, render } from './format.js';
import { withDb } from './run.js';

/** The CLI verb: ingests into the database at `db` (a recorded run); exits 3 when any file failed. */
export async function ingestCommand(opts: IngestOptions & { db: string }, effects: Effects): Promise<IngestSummary> {
  return withDb(opts.db, (db) =>
    recordRun(db, 'ingest', effects, async (counts) => {
      const config = opts.config ?? loadConfig(opts.cwd);
      const summary = await ingest(db, { ...opts, source: onlySource(opts, config), config }, effects);
      Object.assign(counts, ingestCounts(summary));
      // The engine's copy of the events follows the ledger: loaded files shipped, replaced ones removed (DuckDB: none).
      await engineFor(config).syncEvents(db, effects);
      if (summary.totals.files_failed > 0) {
        const bad = summary.files.filter((f) => f.status === 'failed');
        throw new UserError(ingestMessages.filesFailed(bad, summary.files.length), {
          hint: ingestMessages.filesFailedHint,
          exitCode: EXIT.input,
        });
      }
      return summary;
    }),
  );
}

/**
 * `--source`, or with nothing named (no paths, source or format) the config's one source: `questlog ingest` in a project
 * with one source loads it, as `nightly` would. With several the user must say which (the error says so).
 */
function onlySource(opts: IngestOptions, config: Config): string | undefined {
  if (opts.source !== undefined || (opts.paths?.length ?? 0) > 0 || opts.format !== undefined) return opts.source;
  const names = Object.keys(config.sources);
  return names.length === 1 ? names[0] : undefined;
}

/** An ingest's totals as a run's counts. */
export function ingestCounts(s: IngestSummary): RunCounts {
  const t = s.totals;
  return {
    files_loaded: t.files_loaded + t.files_replaced,
    files_skipped: t.files_skipped,
    files_failed: t.files_failed,
    events_loaded: t.loaded,
    lines_rejected: t.rejected,
  };
}

/** The CLI verb: prints rejects as `file:line: reason` followed by the raw text (or as JSON or CSV). */
export async function rejectsCommand(
  opts: { db: string; file?: string; limit?: number; cwd?: string; format?: OutputFormat },
  effects: Effects,
): Promise<RejectRow[]> {
  return withDb(
    opts.db,
    async (db) => {
      const file = opts.file === undefined ? undefined : resolve(opts.cwd ?? '.', opts.file);
      const rows = await listRejects(db, { file, limit: opts.limit });
      const text = () =>
        rows.length === 0
          ? [ingestMessages.noRejects]
          : rows.map((r) => ingestMessages.rejectLine(r.file, r.line, r.reason, r.raw));
      emit(
        effects,
        render(opts.format ?? 'table', rows as unknown as Record_[], ['file', 'line', 'reason', 'raw'], text),
      );
      return rows;
    },
    { readOnly: true },
  );
}

/** `questlog catalogue FILE`: loads the catalogue into the database at `db` (a recorded run). */
export async function catalogueCommand(opts: { db: string; file: string }, effects: Effects): Promise<number> {
  return withDb(opts.db, (db) =>
    recordRun(db, 'catalogue', effects, async () => {
      const [{ quests }, ms] = await timed(() => loadCatalogue(db, opts.file));
      effects.log(statsMessages.catalogueLoaded(opts.file, quests, ms));
      return quests;
    }),
  );
}
