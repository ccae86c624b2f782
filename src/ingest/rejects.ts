// The quarantine: rejected lines with file, line, reason and raw text, for `questlog rejects`.
import { resolve } from 'node:path';
import { type Effects, emit } from '../domain/effects.js';
import { Db, sqlFile } from '../engine/db.js';
import { type OutputFormat, type Record_, render } from '../jobs/format.js';

export interface RejectRow {
  file: string;
  line: number | null;
  reason: string;
  raw: string | null;
}

export async function listRejects(db: Db, opts: { file?: string; limit?: number } = {}): Promise<RejectRow[]> {
  const rows = await db.all<RejectRow & { line: string | null }>(sqlFile('ingest/rejects_list'), {
    path: opts.file ?? null,
    limit: opts.limit ?? 100,
  });
  return rows.map((r) => ({ ...r, line: r.line === null ? null : Number(r.line) }));
}

/** The CLI verb: prints rejects as `file:line: reason` followed by the raw text (or as JSON or CSV). */
export async function rejectsCommand(
  opts: { db: string; file?: string; limit?: number; cwd?: string; format?: OutputFormat },
  effects: Effects,
): Promise<RejectRow[]> {
  const db = await Db.open(opts.db, { readOnly: true });
  try {
    const file = opts.file === undefined ? undefined : resolve(opts.cwd ?? '.', opts.file);
    const rows = await listRejects(db, { file, limit: opts.limit });
    const text = () =>
      rows.length === 0
        ? ['no rejected lines']
        : rows.flatMap((r) => [`${r.file}:${r.line ?? '?'}: ${r.reason}`, `  ${r.raw ?? ''}`]);
    emit(
      effects,
      render(opts.format ?? 'table', rows as unknown as Record_[], ['file', 'line', 'reason', 'raw'], text),
    );
    return rows;
  } finally {
    db.close();
  }
}
