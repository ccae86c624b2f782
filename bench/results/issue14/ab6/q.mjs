import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const c = await inst.connect();
for (const q of process.argv.slice(3)) { const r = await c.runAndReadAll(q); console.log(JSON.stringify(r.getRowObjects(), (k, v) => (typeof v === 'bigint' ? Number(v) : v))); }
