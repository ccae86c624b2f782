// Contender 3: the original approach. SQLite through better-sqlite3, events saved one row at a time as Django's
// `Event.objects.create()` would (one transaction per file), per-player state derived in application code, then the
// original management command's six queries per quest. Prepared statements are reused, which is kinder than an ORM.
import { createReadStream, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { BUCKETS, canonicalStatus, epochMs, quantileCont, RANK, report, stopwatch } from './common.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const lap = stopwatch();
rmSync(spec.db, { force: true });
rmSync(`${spec.db}-journal`, { force: true });
const db = new Database(spec.db);

// The Django models: Event (FK indexes on player and quest) and PlayerQuest (the derived state).
db.exec(`
  CREATE TABLE event (id INTEGER PRIMARY KEY AUTOINCREMENT, player_id TEXT NOT NULL, quest_id TEXT NOT NULL,
    status TEXT NOT NULL, ts TEXT NOT NULL, session_id TEXT, build TEXT, platform TEXT);
  CREATE INDEX event_player_id ON event (player_id);
  CREATE INDEX event_quest_id ON event (quest_id);
  CREATE TABLE player_quest (id INTEGER PRIMARY KEY AUTOINCREMENT, player_id TEXT NOT NULL, quest_id TEXT NOT NULL,
    status TEXT NOT NULL, completion_seconds REAL, attempts INTEGER NOT NULL, anomaly INTEGER NOT NULL);
  CREATE INDEX player_quest_quest_id ON player_quest (quest_id);
`);

const insertEvent = db.prepare(
  'INSERT INTO event (player_id, quest_id, status, ts, session_id, build, platform) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
let rows = 0;
for (const path of spec.inputs) {
  const input = createReadStream(path);
  const lines = createInterface({
    input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Infinity,
  });
  db.exec('BEGIN');
  for await (const line of lines) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    rows++;
    const status = canonicalStatus(e.status);
    if (status === undefined) continue;
    // DateTimeField storage: ISO text in UTC.
    const ts = new Date(epochMs(e.ts)).toISOString();
    insertEvent.run(e.player_id, e.quest_id, status, ts, e.session_id ?? null, e.build ?? null, e.platform ?? null);
  }
  db.exec('COMMIT');
}
lap('load');

// Application code walks each quest's events (player, then time order) and saves one PlayerQuest per pair.
const insertState = db.prepare(
  'INSERT INTO player_quest (player_id, quest_id, status, completion_seconds, attempts, anomaly) VALUES (?, ?, ?, ?, ?, ?)',
);
const questIds = db.prepare('SELECT DISTINCT quest_id FROM event ORDER BY quest_id').pluck().all();
const questEvents = db.prepare(
  `SELECT DISTINCT player_id, status, ts FROM event WHERE quest_id = ?
   ORDER BY player_id, ts, CASE status ${BUCKETS.map((b) => `WHEN '${b}' THEN ${RANK[b]}`).join(' ')} END`,
);
db.exec('BEGIN');
for (const questId of questIds) {
  let pair = null;
  const save = () => {
    if (pair === null) return;
    const { completedAt, lastAccept } = pair;
    const seconds = completedAt !== null && lastAccept !== null ? (completedAt - lastAccept) / 1000 : null;
    const anomaly = completedAt !== null && lastAccept === null ? 1 : 0;
    insertState.run(pair.player, questId, pair.status, seconds, pair.attempts, anomaly);
  };
  for (const e of questEvents.all(questId)) {
    if (pair === null || pair.player !== e.player_id) {
      save();
      pair = { player: e.player_id, status: '', lastAccept: null, attempts: 0, completedAt: null };
    }
    if (pair.completedAt !== null) continue; // completed is absorbing
    pair.status = e.status;
    const t = Date.parse(e.ts);
    if (e.status === 'accepted') {
      pair.lastAccept = t;
      pair.attempts++;
    } else if (e.status === 'completed') pair.completedAt = t;
  }
  save();
}
db.exec('COMMIT');
lap('state');

// The management command: players, then six queries per quest.
const players = db.prepare('SELECT count(DISTINCT player_id) AS n FROM event').get().n;
const countBucket = db.prepare('SELECT count(*) FROM player_quest WHERE quest_id = ? AND status = ?').pluck();
const completions = db.prepare(
  `SELECT completion_seconds AS seconds, attempts, anomaly FROM player_quest
   WHERE quest_id = ? AND status = 'completed' ORDER BY completion_seconds`,
);
const quests = [];
for (const questId of questIds) {
  const counts = Object.fromEntries(BUCKETS.map((b) => [b, countBucket.get(questId, b)]));
  const done = completions.all(questId);
  const secs = done.filter((d) => d.seconds !== null).map((d) => d.seconds);
  const encountered = BUCKETS.reduce((n, b) => n + counts[b], 0);
  quests.push({
    quest_id: questId,
    players,
    ...counts,
    not_encountered: players - encountered,
    mean_seconds: secs.length ? secs.reduce((a, b) => a + b, 0) / secs.length : null,
    min_seconds: secs.length ? secs[0] : null,
    max_seconds: secs.length ? secs[secs.length - 1] : null,
    median_seconds: quantileCont(secs, 0.5),
    p90_seconds: quantileCont(secs, 0.9),
    mean_attempts: done.length ? done.reduce((a, d) => a + d.attempts, 0) / done.length : null,
    anomalies: done.reduce((a, d) => a + d.anomaly, 0),
  });
}
await writeFile(spec.out, JSON.stringify({ players, quests }));
lap('stats');
db.close();
report(lap, { rows });
