// DuckDB 1.5.6 readers probed for a row number (file_row_number, rowid, row_number option) on the 1M NDJSON files.
import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const f = '/work/ingest13g/1m/plain/ndjson/events-001.ndjson';
const tries = [
  `SELECT version()`,
  `SELECT file_row_number FROM read_ndjson('${f}') LIMIT 2`,
  `SELECT file_row_number FROM read_json('${f}') LIMIT 2`,
  `SELECT file_row_number FROM read_csv('${f}', columns={'j':'VARCHAR'}, delim='\\x01', quote='', escape='', header=false) LIMIT 2`,
  `SELECT file_index, filename FROM read_csv('${f}', columns={'j':'VARCHAR'}, delim='\\x01', quote='', escape='', header=false) LIMIT 2`,
  `SELECT * FROM read_text('${f}') LIMIT 0`,
  `SELECT parameters FROM duckdb_functions() WHERE function_name='read_ndjson' LIMIT 1`,
  `SELECT parameters FROM duckdb_functions() WHERE function_name='read_csv' LIMIT 1`,
  `SELECT * FROM read_ndjson('${f}', columns={ts:'VARCHAR'}, row_number=true) LIMIT 2`,
  `SELECT rowid FROM read_ndjson('${f}') LIMIT 2`,
  `SELECT file_row_number FROM read_ndjson_objects('${f}') LIMIT 2`,
  `SELECT * FROM duckdb_settings() WHERE name ILIKE '%order%' OR name ILIKE '%json%'`,
];
for (const q of tries) {
  try { const r = await c.runAndReadAll(q); console.log('OK', q.slice(0,90), JSON.stringify(r.getRowObjectsJson()).slice(0,1500)); }
  catch (e) { console.log('ERR', q.slice(0,90), String(e.message).slice(0,200)); }
}
