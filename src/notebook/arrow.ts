// A query's result as an Apache Arrow table, typed from DuckDB's column types, for analysts' Arrow tools (arquero,
// Perspective, a Parquet or IPC writer). Result rows only: an export of a large result belongs to toParquet, which
// DuckDB writes without the rows passing through JavaScript.
import { type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';
import {
  Bool,
  type DataType,
  DateDay,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import type { Db, Params } from '../engine/db.js';

type Cell = string | number | boolean | null;
type Column = { type: DataType; value: (v: Cell) => unknown };

const asNumber = (v: Cell) => (v === null ? null : Number(v));
// DuckDB's JSON form of a 64-bit integer is its exact decimal string: BigInt keeps every digit.
const asBigInt = (v: Cell) => (v === null ? null : BigInt(v as string | number));
// DATE is 'YYYY-MM-DD'; TIMESTAMP 'YYYY-MM-DD HH:MM:SS[.ffffff]' without a zone: questlog stores UTC.
// Arrow's JavaScript builders take both as epoch milliseconds (a DATE's are whole days).
const asDate = (v: Cell) => (v === null ? null : Date.parse(`${v}T00:00:00Z`));
const asMs = (v: Cell) => (v === null ? null : Date.parse(`${String(v).replace(' ', 'T')}Z`));

/** The Arrow column for a DuckDB type; anything without a plain Arrow peer (lists, structs, intervals) as text. */
function columnOf(type: DuckDBType | undefined): Column {
  switch (type?.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { type: new Bool(), value: (v) => v };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return { type: new Int32(), value: asNumber };
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
      return { type: new Int64(), value: asBigInt };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
      return { type: new Float64(), value: asNumber };
    case DuckDBTypeId.DATE:
      return { type: new DateDay(), value: asDate };
    case DuckDBTypeId.TIMESTAMP:
      return { type: new TimestampMillisecond(), value: asMs };
    default:
      return { type: new Utf8(), value: (v) => (v === null || typeof v === 'string' ? v : JSON.stringify(v)) };
  }
}

/** Every row of a query as an Arrow table, one typed column per result column, in the query's order. */
export async function queryArrow(db: Db, sql: string, params: Params): Promise<Table> {
  const reader = await db.connection.runAndReadAll(sql, params);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader.getRowsJson() as Cell[][];
  const columns: Record<string, Vector> = {};
  names.forEach((name, i) => {
    const c = columnOf(types[i]);
    columns[name] = vectorFromArray(
      rows.map((r) => c.value(r[i] ?? null)),
      c.type,
    );
  });
  return new Table(columns);
}
