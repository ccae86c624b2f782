// Round 9 (segx14b): what the segment pass costs with 0, 1 or 2 extra dimensions, A/B against a base build.
//   node bench/results/issue14/extras-ab.mjs --db FILE --prepare PARQUET_DIR   (once: ingest, state, event_dimensions)
//   node bench/results/issue14/extras-ab.mjs --db FILE --reps N --mode backfill|nightly --run PKG:DIMS [--run ...]
// --prepare ingests the Parquet files into a NEW database FILE, refreshes the state and fills event_dimensions with two
// extra dimensions from events: `tier` = a hash bucket of the player (8 values; the same on all their events) and `zone`
// = a hash bucket of the event's place (5 values; differs between a player's events, so pair and own values differ).
// Each run is a child process (builds alternate in the order given, flipped every rep): it opens FILE with that
// package's library and computes the snapshots (mode backfill: every day; nightly: the day after the last event, the
// kept sums' path) with `dimensions` = DIMS (comma list, '' for none: the base ignores it), and prints the log line's
// segments ms (wall) and the process CPU (user+sys) of the statements in src/sql/segments/ (covers.sql aside, which
// the figures ask) and of the whole snapshot call.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    prepare: { type: 'string' },
    reps: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'nightly' },
    run: { type: 'string', multiple: true },
    child: { type: 'string' },
  },
});

const lib = (pkg, name) => import(pathToFileURL(join(pkg, 'dist', `${name}.js`)).href);

function sqlNames(dir, names = new Map(), prefix = '') {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sqlNames(p, names, `${prefix}${f}/`);
    else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), `${prefix}${f.slice(0, -4)}`);
  }
  return names;
}

const cpuMs = (c) => (c.user + c.system) / 1000;

async function child({ pkg, db: path, dims, mode }) {
  const [{ Db }, { computeSnapshots }] = await Promise.all(['engine/db', 'engine/snapshot'].map((n) => lib(pkg, n)));
  const names = sqlNames(join(pkg, 'src/sql'));
  let seg = 0;
  for (const method of ['run', 'all']) {
    const orig = Db.prototype[method];
    Db.prototype[method] = async function (sql, params) {
      const key = names.get(sql) ?? '';
      const counted = (key.startsWith('segments/') && key !== 'segments/covers') || /^DROP \w+ temp\.segment_/.test(sql);
      const c0 = process.cpuUsage();
      try {
        return await orig.call(this, sql, params);
      } finally {
        if (counted) seg += cpuMs(process.cpuUsage(c0));
      }
    };
  }
  const db = await Db.open(path, { threads: 2, memoryLimit: '4GB' });
  const last = (await db.one("SELECT (max(ts)::DATE + 1)::VARCHAR AS d FROM events")).d;
  const opts = mode === 'backfill' ? { backfill: true } : { asOf: last, force: true };
  const lines = [];
  const c0 = process.cpuUsage();
  const t0 = Date.now();
  await computeSnapshots(db, { ...opts, dimensions: dims ? dims.split(',') : [] }, { log: (l) => lines.push(l) });
  const all = cpuMs(process.cpuUsage(c0));
  const wall = Date.now() - t0;
  const line = lines.find((l) => l.startsWith('snapshots:')) ?? '';
  const rows = (await db.one('SELECT count(*)::INTEGER AS n FROM segment_snapshots')).n;
  db.close();
  const segWall = Number(/segments (\d+) ms/.exec(line)?.[1] ?? Number.NaN);
  console.log(JSON.stringify({ segWall, segCpu: Math.round(seg), snapCpu: Math.round(all), wall, rows }));
}

async function prepare() {
  const pkg = join(import.meta.dirname, '../../..');
  const [{ Db }, { ingest }, { migrate }, { refreshState }] = await Promise.all(
    ['engine/db', 'ingest/ingest', 'engine/migrate', 'engine/state'].map((n) => lib(pkg, n)),
  );
  const db = await Db.open(args.db, { threads: 2, memoryLimit: '4GB' });
  await migrate(db);
  const files = readdirSync(args.prepare).map((f) => join(args.prepare, f));
  await ingest(db, { paths: files, format: 'events' }, { log: () => {} });
  await refreshState(db, { log: () => {} });
  await db.run(`INSERT INTO event_dimensions
    SELECT file_id, line, 'tier', 't' || (hash(player_id) % 8)::VARCHAR FROM events
    UNION ALL
    SELECT file_id, line, 'zone', 'z' || (hash(file_id, line) % 5)::VARCHAR FROM events`);
  console.log(JSON.stringify(await db.all('SELECT dimension, count(*)::INTEGER AS n FROM event_dimensions GROUP BY 1 ORDER BY 1')));
  db.close();
}

if (args.child) await child(JSON.parse(args.child));
else if (args.prepare) await prepare();
else {
  const runs = args.run.map((r) => {
    const [pkg, dims = ''] = r.split(':');
    return { pkg, dims };
  });
  for (let rep = 0; rep < Number(args.reps); rep++) {
    const order = rep % 2 === 0 ? runs : [...runs].reverse();
    for (const r of order) {
      const load = loadavg()[0].toFixed(1);
      const spec = JSON.stringify({ pkg: r.pkg, db: args.db, dims: r.dims, mode: args.mode });
      const out = execFileSync(process.execPath, [import.meta.filename, '--child', spec], { encoding: 'utf8' }).trim();
      console.log(JSON.stringify({ rep: rep + 1, mode: args.mode, pkg: r.pkg, dims: r.dims, load, ...JSON.parse(out) }));
    }
  }
}
