// Notebook queries: SQL from a tagged template with every value bound, rows with numbers as numbers, a bounded view of a large result (streamed, counted, never all
// held), and exports of a result to CSV or Parquet written by DuckDB itself (rows never pass through JavaScript).
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';
import { sqlTimestamp } from '../domain/dates.js';
import { errorMessage, UserError } from '../domain/errors.js';
import { notebookMessages } from '../domain/notebook-messages.js';
import { copySql, type Db, type Params, type Row } from '../engine/db.js';

/** What a `${value}` in a notebook's SQL template may be. */
export type SqlValue = string | number | boolean | bigint | null | Date;

/** Turns a tagged template into SQL with `$p0..$pN` placeholders: values are always bound, never pasted. */
export function bindTemplate(strings: readonly string[], values: readonly SqlValue[]): { sql: string; params: Params } {
  const params: Params = {};
  let sql = strings[0] ?? '';
  values.forEach((value, i) => {
    if (value === undefined)
      throw new UserError(notebookMessages.undefinedValue(i), { hint: notebookMessages.undefinedValueHint });
    params[`p${i}`] = value instanceof Date ? sqlTimestamp(value) : value;
    sql += `$p${i}${strings[i + 1] ?? ''}`;
  });
  return { sql, params };
}

/** Types DuckDB's JSON rows give as strings (64-bit and wider integers, decimals): a notebook wants numbers. */
const WIDE = new Set<number>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

/**
 * Converts the wide numeric columns of JSON rows to numbers. An integer beyond 2^53 would lose digits as a number,
 * so it stays the exact string (such counts do not occur in questlog's tables; ids hashed into BIGINT might).
 */
function numbersOf(names: string[], types: DuckDBType[]): (row: Row) => Row {
  const wide = names.filter((_, i) => WIDE.has(types[i]?.typeId ?? -1));
  if (wide.length === 0) return (row) => row;
  return (row) => {
    for (const name of wide) {
      const v = row[name];
      if (typeof v !== 'string') continue;
      const n = Number(v);
      if (Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n))) row[name] = n;
    }
    return row;
  };
}

/** A query as a subquery: a trailing `;` would end the statement around it. */
function body(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}

/** Every row of a query, numbers as numbers. */
export async function queryRows<T = Row>(db: Db, sql: string, params: Params): Promise<T[]> {
  const reader = await db.connection.runAndReadAll(sql, params);
  const fix = numbersOf(reader.columnNames(), reader.columnTypes());
  return (reader.getRowObjectsJson() as Row[]).map(fix) as T[];
}

/**
 * The first `limit` rows of a query, streamed (a `SELECT * FROM events` is never held whole), and how many rows it
 * has in all: when there are more, DuckDB counts them (no row crosses into JavaScript for that).
 */
export async function queryHead(
  db: Db,
  sql: string,
  params: Params,
  limit: number,
): Promise<{ rows: Row[]; total: number; columns: string[] }> {
  const result = await db.connection.stream(sql, params);
  const columns = result.columnNames();
  const fix = numbersOf(columns, result.columnTypes());
  const rows: Row[] = [];
  let more = false;
  for await (const chunk of result.yieldRowObjectJson()) {
    for (const row of chunk) {
      if (rows.length < limit) rows.push(fix(row as Row));
      else more = true;
    }
    if (more) break;
  }
  if (!more) return { rows, total: rows.length, columns };
  const counted = await db.connection.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM (${body(sql)})`, params);
  return { rows, total: Number(counted.getRowsJson()[0]?.[0] ?? rows.length), columns };
}

export type ExportFormat = 'csv' | 'parquet';

/**
 * Writes a query's result to a file with DuckDB's COPY: to a temp name beside it, then renamed, so a reader never
 * sees half a file; a missing folder is created (`ql.toCSV('out/q.csv')` from a fresh notebook folder). Returns the
 * rows written.
 */
export async function exportQuery(
  db: Db,
  file: string,
  format: ExportFormat,
  sql: string,
  params: Params,
): Promise<{ path: string; rows: number }> {
  const path = resolve(file);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const options = format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet';
  const failed = (err: unknown) =>
    new UserError(notebookMessages.exportFailed(path, errorMessage(err)), { cause: err });
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw failed(err);
  }
  try {
    // The temp name is ours: whatever sits there (a link someone left) goes rather than being written through.
    rmSync(tmp, { force: true });
    const reader = await db.connection.runAndReadAll(copySql(sql, tmp, options), params);
    const written = Number(reader.getRowsJson()[0]?.[0] ?? 0);
    renameSync(tmp, path);
    return { path, rows: written };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw failed(err);
  }
}
