// Round 9 (dims14a): main's raw-lines read (src/sql/ingest/raw_lines.sql, 64 KiB max_line_size as lineBuffer gives
// for short lines) on one text file, with other line-buffer settings: on a 30 or 59 MB CSV the first fails with "The
// Parallel CSV Reader currently does not support a full read on this file" (a 16 MB one reads). node raw-lines-probe.mjs FILE
import { DuckDBInstance } from '@duckdb/node-api';

const db = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
const p = process.argv[2];
for (const [ml, extra] of [[65536, ''], [65536, ", new_line = '\\n'"], [1 << 22, ''], [65536, ', buffer_size = 33554432']]) {
  const s = `SELECT count(*) FROM read_csv(['${p}'], columns = {'raw': 'VARCHAR'}, delim = E'\\x01\\x02\\x03\\x04', quote = '',
    escape = '', header = false, auto_detect = false, ${extra ? '' : "new_line = '\\r\\n', "}strict_mode = false,
    max_line_size = ${ml}, filename = true${extra})`;
  try {
    console.log(ml, extra || "new_line '\\r\\n'", (await db.runAndReadAll(s)).getRows()[0]);
  } catch (e) {
    console.log(ml, extra || "new_line '\\r\\n'", 'ERR', String(e).split('\n')[0]);
  }
}
