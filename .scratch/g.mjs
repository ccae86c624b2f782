import { readdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
console.log((await c.runAndReadAll("SELECT file FROM glob('/tmp/i12g/d/*.csv')")).getRowObjectsJson());
console.log((await c.runAndReadAll("SELECT file FROM glob('/tmp/i12g/**/*.csv')")).getRowObjectsJson());
console.log(readdirSync('/tmp/i12g', { recursive: true, encoding: 'utf8' }));
const path = await import('node:path');
console.log(typeof path.matchesGlob);
