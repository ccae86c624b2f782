// DuckDB plumbing shared by the questlog and floor contenders, so both run under exactly the same settings.

/** Settings the library does not take as open options (e.g. preserve_insertion_order). */
export async function applySettings(db, settings) {
  if (settings.preserve_insertion_order !== undefined) {
    await db.run(`SET preserve_insertion_order = ${settings.preserve_insertion_order ? 'true' : 'false'}`);
  }
}

const FIELDS = [
  'quest_id',
  'players',
  'accepted',
  'declined',
  'completed',
  'abandoned',
  'failed',
  'not_encountered',
  'mean_seconds',
  'min_seconds',
  'max_seconds',
  'median_seconds',
  'p90_seconds',
  'mean_attempts',
  'anomalies',
];

/** Snapshot rows (QuestStats or raw `snapshots` rows) as the canonical document every contender writes. */
export function canonicalFromSnapshot(rows) {
  const quests = rows
    .map((r) => Object.fromEntries(FIELDS.map((f) => [f, f === 'quest_id' ? String(r[f]) : numberOrNull(r[f])])))
    .sort((a, b) => (a.quest_id < b.quest_id ? -1 : a.quest_id > b.quest_id ? 1 : 0));
  return { players: quests[0]?.players ?? 0, quests };
}

function numberOrNull(v) {
  return v === null || v === undefined ? null : Number(v);
}
