import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { LIMIT_DEFAULTS, type Limits } from '../config-limits.js';
import { errorMessage, InputError } from '../domain/errors.js';
import { inputMessages } from '../domain/input-messages.js';
import { catalogueMessages as msg } from '../domain/messages.js';
import { type Db, ident, literal, readerPath, runScript, sqlFile } from '../engine/db.js';
import { headerProblem } from './formats.js';

/** Accepted spellings of each catalogue column (case-insensitive); the first found wins. */
const COLUMNS = {
  quest_id: ['id', 'quest_id'],
  name: ['name'],
  chain: ['chain', 'zone'],
  sort_order: ['order', 'sort_order'],
} as const;

/**
 * Replaces the quest catalogue with a CSV (header row) or JSON (array of objects, or NDJSON) file with the columns
 * id, name, and optionally chain (or zone) and order. Any bad row rejects the whole file; the old catalogue stays.
 */
export async function loadCatalogue(
  db: Db,
  path: string,
  limits: Limits = LIMIT_DEFAULTS,
): Promise<{ quests: number }> {
  if (!existsSync(path)) throw new InputError(path, msg.missing);
  if (statSync(path).isDirectory()) throw new InputError(path, msg.isFolder);
  const ext = extname(path.replace(/\.gz$/, '')).toLowerCase();
  const json = ['.json', '.ndjson', '.jsonl'].includes(ext);
  if (!json && !['.csv', '.tsv'].includes(ext)) {
    throw new InputError(path, msg.unsupported(ext), { hint: msg.unsupportedHint });
  }
  if (!json) {
    const first = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
    const problem = headerProblem(first, ext === '.tsv' ? '\t' : ',');
    if (problem) throw new InputError(path, problem, { line: 1 });
  }
  const reader = json
    ? `read_json(${literal(readerPath(path))})`
    : `read_csv(${literal(readerPath(path))}, header = true, all_varchar = true)`;
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE catalogue_raw AS SELECT * FROM ${reader}`);
  } catch (err) {
    throw new InputError(path, msg.unreadable(errorMessage(err)), { cause: err });
  }
  await runScript(db, sqlFile('ingest/macros'));
  const described = await db.all<{ column_name: string; column_type: string }>(sqlFile('catalogue/raw_columns'));
  const present = described.map((c) => c.column_name);
  const pick = (names: readonly string[]) => present.find((c) => names.includes(c.toLowerCase()));
  const column = (key: keyof typeof COLUMNS, required: boolean): string => {
    const found = pick(COLUMNS[key]);
    const type = described.find((c) => c.column_name === found)?.column_type ?? '';
    if (found && /^(STRUCT|MAP|UNION)\(|\[\d*\]$|^JSON$/.test(type)) {
      throw new InputError(path, inputMessages.nestedCatalogueColumn(found, type));
    }
    // Quest ids as ingest stores them: NFC, trimmed by ingest's whitespace rule (README "Ingest rules").
    if (found && key === 'quest_id') return `nullif(ql_trim_ws(nfc_normalize(CAST(${ident(found)} AS VARCHAR))), '')`;
    if (found) return `nullif(ql_trim_ws(CAST(${ident(found)} AS VARCHAR)), '')`;
    if (required) throw new InputError(path, msg.missingColumn(COLUMNS[key][0], present));
    return 'NULL::VARCHAR';
  };
  // Header is line 1 of a CSV; JSON has no useful line numbers, so its rows are numbered as entries from 1.
  const firstLine = json ? 1 : 2;
  // Column names differ per file, so this one statement is assembled here; everything after it reads catalogue_staged.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE catalogue_staged AS
     SELECT rowid + ${firstLine} AS line, ${column('quest_id', true)} AS quest_id, ${column('name', true)} AS name,
            ${column('chain', false)} AS chain, ${column('sort_order', false)} AS sort_order
     FROM catalogue_raw`,
  );
  const problems = await db.all<{ line: number; reason: string }>(sqlFile('catalogue/problems'), {
    max_id: limits.max_id_length,
  });
  const first = problems[0];
  if (first) {
    const more = problems.length - 1;
    if (json) throw new InputError(path, msg.badJsonEntry(first.line, first.reason, more));
    throw new InputError(path, msg.badEntry(first.reason, more), { line: Number(first.line) });
  }
  return db.transaction(async () => {
    await runScript(db, sqlFile('catalogue/load'));
    const n = await db.one<{ n: number }>(sqlFile('catalogue/count'));
    return { quests: n?.n ?? 0 };
  });
}
