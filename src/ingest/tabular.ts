// Tabular inputs (CSV/TSV with a header, Parquet, mapped JSON): DuckDB reads the columns, a mapping turns them into
// canonical event fields, and every record keeps its physical line (Parquet: its row number).

import { errorMessage, InputError, UserError } from '../domain/errors.js';
import { mappingMessages } from '../domain/input-messages.js';
import { ingestMessages as msg } from '../domain/messages.js';
import { STATUSES, type Status } from '../domain/types.js';
import { type Db, literal, type Params, readerPath, runScript, sqlFile } from '../engine/db.js';
import { readCsv } from './csv-records.js';
import { NESTED, refuseNested } from './nested.js';
import type { Mapping } from './presets.js';
import { LONG_LINE, stageSql } from './stage-sql.js';

interface TabularEnv {
  /** Canonical events: the four core columns must exist; optional ones are used when present. */
  required: boolean;
  rawLines(db: Db, path: string): Promise<void>;
  read<T>(path: string, fn: () => Promise<T>): Promise<T>;
  maxLine: number;
}

const CSV_OPTIONS = new Set(['delim', 'sep', 'quote', 'escape', 'header', 'skip', 'comment', 'nullstr']);
const CORE = ['ts', 'player_id', 'quest_id', 'status'] as const;
const OPTIONAL = ['session_id', 'build', 'platform'] as const;

/** Stages one file into ql_stage under ledger id `fileId`. */
export async function stageTabular(db: Db, path: string, m: Mapping, env: TabularEnv, fileId = 1): Promise<void> {
  await statusMap(db, m.status_map ?? {});
  let headerLines = 0;
  let continued = false;
  if (m.reader === 'parquet') {
    await env.read(path, () => db.run(sqlFile('ingest/src_parquet'), { path: readerPath(path) }));
  } else if (m.reader === 'json') {
    await env.rawLines(db, path);
    await db.run(sqlFile('ingest/src_json'));
  } else {
    await env.rawLines(db, path);
    const opts = csvOptions(m.options ?? {});
    headerLines = (opts.header === 'false' ? 0 : 1) + Number(opts.skip ?? 0);
    continued = await readCsv(db, path, opts, env, headerLines);
  }
  const fields = env.required ? await presentFields(db, path, m) : m.fields;
  await refuseNested(db, path, fields);
  const sql = stageSql(m, fields, headerLines, await typedTs(db, fields), continued);
  await env.read(path, async () => {
    try {
      await db.run(sql, { file_id: fileId });
    } catch (err) {
      throw (await mappingError(db, path, m, fields, err)) ?? err;
    }
  });
  if (m.reader === 'parquet') await db.run(sqlFile('ingest/parquet_rejects_raw'));
  if (continued) await runScript(db, sqlFile('ingest/continued_rejects'), { reason: msg.partOfRecord('%d') });
}

/**
 * A mapping expression DuckDB cannot bind (a wrong function, a column of the wrong type) fails the whole statement
 * with a message pointing at a line of the generated SQL. Each expression is bound alone to name the one at fault;
 * the error carries no line number, as no line of the file is to blame.
 */
async function mappingError(
  db: Db,
  path: string,
  m: Mapping,
  fields: Mapping['fields'],
  err: unknown,
): Promise<InputError | undefined> {
  const exprs: [string, string, string][] = Object.entries(fields)
    .filter(([, e]) => e)
    .map(([k, e]) => [`fields.${k}`, e as string, 'VARCHAR']);
  if (m.filter) exprs.push(['filter', m.filter, 'BOOLEAN']);
  for (const [k, e] of Object.entries(m.dimensions ?? {})) exprs.push([`dimensions.${k}`, e, 'VARCHAR']);
  for (const [key, expr, type] of exprs) {
    try {
      await db.run(`SELECT TRY(CAST((${expr}) AS ${type})) FROM ql_src LIMIT 0`);
    } catch (bad) {
      const reason = (errorMessage(bad).split('\n')[0] ?? '').replace(/^[A-Za-z ]+Error: /, '');
      return new InputError(path, await mappingReason(db, key, expr, reason, m.reader), { cause: err });
    }
  }
  return undefined;
}

/**
 * Why an expression cannot be bound, said plainly for the two common slips: a column the file does not have (DuckDB's
 * "Referenced column … not found", with the CSV advice about text after it), and a column named like a keyword.
 */
async function mappingReason(db: Db, key: string, expr: string, reason: string, reader: string): Promise<string> {
  const column = /^Referenced column "(.*)" not found/.exec(reason)?.[1];
  if (column !== undefined) {
    const cols = (await db.all<{ column_name: string }>(sqlFile('ingest/src_columns'))).map((r) => r.column_name);
    return mappingMessages.noColumn(key, expr, column, cols.filter((c) => c !== 'ql_line').join(', ') || 'none');
  }
  const near = /^syntax error at or near (.*)$/.exec(reason)?.[1];
  if (near !== undefined && /^"?[A-Za-z_]+"?$/.test(near)) return mappingMessages.keyword(key, expr, near);
  return msg.mappingField(key, expr, reason, reader);
}

/**
 * For canonical events the columns are fixed: required ones must exist, optional ones may be missing. Names match
 * whatever their case (`Player_ID`), as SQL binds them and as the fast path's multi-file read already matched them: a
 * file named its columns so loaded beside a lower-case file and failed alone.
 */
async function presentFields(db: Db, path: string, m: Mapping): Promise<Mapping['fields']> {
  const cols = (await db.all<{ column_name: string }>(sqlFile('ingest/src_columns'))).map((r) => r.column_name);
  const lower = new Set(cols.map((c) => c.toLowerCase()));
  const missing = CORE.filter((c) => !lower.has(c));
  if (missing.length) {
    const found = cols.filter((c) => c !== 'ql_line').join(', ') || 'none';
    throw new InputError(path, msg.missingColumns(missing, found), { hint: msg.missingColumnsHint });
  }
  const out: Record<string, string> = { ...m.fields };
  for (const o of OPTIONAL) if (!lower.has(o)) delete out[o];
  return out as Mapping['fields'];
}

/** Parquet timestamps need no parsing: an expression for ts when the mapped ts is a plain TIMESTAMP(TZ) column. */
async function typedTs(db: Db, fields: Mapping['fields']): Promise<string | undefined> {
  const col = /^"([^"]+)"$/.exec(fields.ts)?.[1];
  if (!col) return undefined;
  const cols = await db.all<{ column_name: string; column_type: string }>(sqlFile('ingest/src_columns'));
  const type = cols.find((c) => c.column_name.toLowerCase() === col.toLowerCase())?.column_type;
  // TIMESTAMPTZ becomes the instant in UTC: the session zone is UTC (Db.open).
  return type === 'TIMESTAMP' || type === 'TIMESTAMP WITH TIME ZONE' ? fields.ts : undefined;
}

async function statusMap(db: Db, map: Record<string, string>): Promise<void> {
  await db.run(sqlFile('ingest/status_map'));
  for (const [value, status] of Object.entries(map)) {
    if (!STATUSES.includes(status as Status)) {
      throw new UserError(msg.badStatusMap(value, status, STATUSES));
    }
    await db.run(sqlFile('ingest/status_map_value'), { value, status });
  }
}

/** Reader options from the config, rendered as SQL values; names are whitelisted because they are spliced in. */
function csvOptions(options: Record<string, string | number | boolean>): Record<string, string> {
  const out: Record<string, string> = {
    header: 'true',
    delim: literal(','),
    quote: literal('"'),
    escape: literal('"'),
  };
  for (const [k, v] of Object.entries(options)) {
    const key = k === 'sep' ? 'delim' : k;
    if (!CSV_OPTIONS.has(k)) throw new UserError(msg.badReaderOption(k, [...CSV_OPTIONS]));
    out[key] = typeof v === 'string' ? literal(v) : String(v);
  }
  return out;
}

/**
 * Fast path for canonical events in CSV/TSV (with a header) or Parquet: DuckDB's typed readers over all of a batch's
 * files, parsed and checked in the read, with no raw-line staging. Parquet rows (numbered by file_row_number) go
 * straight into events and ql_first holds each file's row count from its footer; CSV rows are staged in ql_read, in
 * read order, for their line numbers, and ql_first says which files are clean. Only files that turn out clean stay
 * (ingest sends the rest, and any batch the reader refuses, to the exact per-file path). CSV rows are numbered by
 * read order after the header, which is true only without blank lines (such files never come here) and without
 * quoted line breaks (then rows + header != lines, and the file is not clean); the header counts as an ignored line.
 * Returns false when the batch cannot take this path at all (a core column missing from every file, or Parquet files
 * that disagree on the type of a column it reads: see parquet_mixed_types.sql).
 */
export async function stageFastTabular(
  db: Db,
  reader: 'csv' | 'parquet',
  paths: Params[string],
  delim: string,
): Promise<boolean> {
  const from =
    reader === 'parquet'
      ? 'read_parquet($paths, file_row_number = true, union_by_name = true)'
      : `read_csv($paths, header = true, all_varchar = true, union_by_name = true,
           delim = ${literal(delim)}, quote = '"', escape = '"', max_line_size = $max_line)`;
  const params: Params = reader === 'parquet' ? { paths } : { paths, max_line: LONG_LINE };
  if (reader === 'parquet' && (await db.all(sqlFile('ingest/parquet_mixed_types'), params)).length > 0) return false;
  const described = await db.all<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM ${from.replace('file_row_number = true, ', '')}`,
    params,
  );
  // Names in any case, as presentFields matches them (the multi-file read merges them so anyway).
  const types = new Map(described.map((c) => [c.column_name.toLowerCase(), c.column_type]));
  if (CORE.some((c) => !types.has(c))) return false;
  // Nested ids are refused on the exact path, which names the column.
  if (['player_id', 'quest_id'].some((c) => NESTED.test(types.get(c) ?? ''))) return false;
  // TRY costs ~1 s of CPU per million rows, so text columns are taken as they are.
  const text = (c: string) =>
    !types.has(c) ? 'NULL::VARCHAR' : types.get(c) === 'VARCHAR' ? `"${c}"` : `TRY(CAST("${c}" AS VARCHAR))`;
  const tsType = types.get('ts');
  // Parquet timestamps need no parsing; text is parsed by ql_ts as on every other path.
  const typed = tsType === 'TIMESTAMP' || tsType === 'TIMESTAMP WITH TIME ZONE';
  const parsed = `WITH x AS (
       SELECT file_index::INTEGER AS idx, ${reader === 'parquet' ? 'file_row_number + 1' : 'NULL::BIGINT'} AS line,
         ${text('ts')} AS ts_text, ql_key(${text('player_id')}) AS player_id,
         ql_key(${text('quest_id')}) AS quest_id, ql_status(${text('status')}) AS status,
         ql_id(${text('session_id')}) AS session_id, ql_id(${text('build')}) AS build,
         ql_id(${text('platform')}) AS platform, ${typed ? 'CAST("ts" AS TIMESTAMP)' : 'NULL::TIMESTAMP'} AS ts_typed
       FROM ${from}
     ), y AS (SELECT * EXCLUDE (ts_typed, ts_text), ${typed ? 'ts_typed' : 'ql_ts(ts_text)'} AS ts FROM x)`;
  if (reader === 'parquet') {
    await db.run(sqlFile('ingest/parquet_rows'), { paths });
    // Only loadable rows go in: a file with any other row loads fewer rows than it holds, so it is not clean.
    await db.run(
      `INSERT INTO events
       ${parsed}
       SELECT b.file_id, y.line, y.ts, y.player_id, y.quest_id, y.status, y.session_id, y.build, y.platform
       FROM y JOIN ql_batch b USING (idx)
       WHERE ql_loadable(y.player_id, y.quest_id, y.status, y.ts)`,
      params,
    );
    return true;
  }
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ql_read AS
     ${parsed}
     SELECT idx, ts, player_id, quest_id, status, session_id, build, platform,
       ql_loadable(player_id, quest_id, status, ts) AS ok
     FROM y`,
    params,
  );
  await db.run(sqlFile('ingest/tabular_fast'));
  return true;
}
