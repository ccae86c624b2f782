// Result rows as JSON-safe objects: the values and key order of DuckDB's getRowObjectsJson, built faster. Publish reads
// ~450,000 history rows of 30 columns at 5,000 quests: getRowObjectsJson took 8.2 s of CPU for them, 6 of which went
// to setting 30 properties one by one on each new object; a row built as one object literal takes 2 s in all.
// Rows are built a chunk (2,048 rows) at a time as the chunks are fetched: the columns of one chunk die young, where
// a whole result's columns (4.6 million values for publish's 155,000-row history window) lived until the last row was
// built, and the scavenger copied them (issue 16 NOTES, round 12).
import {
  type DuckDBDataChunk,
  DuckDBDateValue,
  type DuckDBResult,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type Json,
  JsonDuckDBValueConverter,
} from '@duckdb/node-api';

type Rows = Record<string, Json>[];

/** Types whose raw value is already the JSON value (a JS boolean, number or string). */
const AS_IS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.VARCHAR,
]);

/** How a column's values become JSON: as is, as a float (a finite number or its name), as a date, else the library's. */
interface Column {
  asIs: boolean;
  float: boolean;
  type: DuckDBType;
  /** A date column holds few distinct dates (a publish's history window: 155,000 rows), each converted once. */
  dates: Map<number, Json> | undefined;
}

function columnOf(result: DuckDBResult, c: number): Column {
  const typeId = result.columnTypeId(c);
  return {
    asIs: AS_IS.has(typeId),
    float: typeId === DuckDBTypeId.DOUBLE || typeId === DuckDBTypeId.FLOAT,
    type: result.columnType(c),
    dates: typeId === DuckDBTypeId.DATE ? new Map<number, Json>() : undefined,
  };
}

/** One chunk's column as JSON values, into `out` (reused from chunk to chunk). */
function jsonColumn(chunk: DuckDBDataChunk, c: number, col: Column, out: Json[]): void {
  const vector = chunk.getColumnVector(c);
  const { asIs, float, dates, type } = col;
  for (let r = 0; r < chunk.rowCount; r++) {
    const v: DuckDBValue = vector.getItem(r);
    if (v === null || asIs) out[r] = v as Json;
    else if (float) out[r] = Number.isFinite(v) ? (v as number) : String(v);
    else if (dates && v instanceof DuckDBDateValue) {
      let d = dates.get(v.days);
      if (d === undefined) {
        d = JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter);
        dates.set(v.days, d);
      }
      out[r] = d;
    } else out[r] = JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter);
  }
}

type MakeRow = (columns: Json[][], r: number) => Record<string, Json>;

/** Row builders by column names: a result's shape is compiled once per process. */
const builders = new Map<string, MakeRow>();

/**
 * A function returning one row as an object literal with the columns as keys, in order: V8 gives every row the same
 * shape at once. Names are written as JSON strings, so any name is a plain key; `__proto__` (which a literal would
 * take as the prototype) gets no builder.
 */
function builder(names: string[]): MakeRow | undefined {
  if (names.includes('__proto__')) return undefined;
  const key = JSON.stringify(names);
  let make = builders.get(key);
  if (!make) {
    const fields = names.map((n, i) => `${JSON.stringify(n)}: c[${i}][r]`).join(', ');
    make = new Function('c', 'r', `return { ${fields} };`) as MakeRow;
    builders.set(key, make);
  }
  return make;
}

/** Every row of `result`, fetched and built a chunk at a time. */
export async function rowObjectsJson(result: DuckDBResult): Promise<Rows> {
  const names = result.deduplicatedColumnNames();
  const make = builder(names);
  if (!make) return (await result.getRowObjectsJson()) as Rows;
  const columns = names.map((_, c) => columnOf(result, c));
  const values: Json[][] = names.map(() => []);
  const rows: Rows = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (let c = 0; c < names.length; c++) jsonColumn(chunk, c, columns[c] as Column, values[c] as Json[]);
    for (let r = 0; r < chunk.rowCount; r++) rows.push(make(values, r));
  }
  return rows;
}
