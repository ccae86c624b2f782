// node hash.mjs PKG DB DATE: sha256 of what publish reads for survival (getSurvival and getSurvivalCurve of DATE, as
// JSON), and the row counts.
import { createHash } from 'node:crypto';
const [pkg, path, date] = process.argv.slice(2);
const { Db } = await import(`${pkg}/dist/engine/db.js`);
const { getSurvival, getSurvivalCurve } = await import(`${pkg}/dist/engine/survival.js`);
const db = await Db.open(path, { readOnly: true });
const s = await getSurvival(db, date);
const c = await getSurvivalCurve(db, date);
const h = (x) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
console.log(`${path}: survival ${s.length} rows ${h(s)}, curve ${c.length} points ${h(c)}`);
db.close();
