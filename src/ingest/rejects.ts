// The quarantine: lines that could not become events, with file, line, reason and the raw text.
import { type Db, sqlFile } from '../engine/db.js';

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
