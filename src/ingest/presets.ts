// Shipped mappings for public log formats; a source in questlog.config.json names one with "preset".

/** A tabular or JSON export mapped onto the canonical event fields by DuckDB SQL expressions (see README). */
export interface Mapping {
  reader: 'csv' | 'json' | 'parquet';
  /** read_csv / read_parquet options, e.g. { "delim": "\t", "header": true }. */
  options?: Record<string, string | number | boolean>;
  /** Canonical field -> SQL expression over the file's columns (for JSON readers: over the object `j`). */
  fields: { ts: string; player_id: string; quest_id: string; status: string } & Partial<
    Record<'session_id' | 'build' | 'platform', string>
  >;
  /** Exact source value -> canonical status; values not listed fall back to the built-in synonyms. */
  status_map?: Record<string, string>;
  /** Rows where this is not true are counted as ignored (their player still counts as seen). */
  filter?: string;
  /** Extra segment dimensions: name -> SQL expression like a field's; each event's value goes to event_dimensions. */
  dimensions?: Record<string, string>;
}

/**
 * OpenGameData "Wave Combinator" (WAVES) export: TSV with a header; `event_data` is a JSON object holding `level`.
 * The session is the player (`user_id` is empty in public exports) and each level is a quest.
 *
 * Event semantics, from Field Day Lab's WAVES game code (gameplayScene.js, `log_level_*`):
 * - BEGIN.0: a level is opened (from the menu, or by moving on after finishing one)          -> accepted
 * - COMPLETE.0: the player pressed "next" while the waves matched, i.e. finished the level   -> completed
 * - FAIL.0: the match indicator switched from matched to not matched                           -> failed
 * - SUCCEED.0: the match indicator switched from not matched to matched. It fires every time a
 *   slider brings the waves within tolerance, many times per level, and says nothing about
 *   finishing: COMPLETE.0 is the finish. Counting it as completed would credit players who
 *   never pressed "next"; counting it as accepted would reset attempts. So it is ignored.
 * FAIL.0 is the same kind of per-attempt toggle as SUCCEED.0, and the game also emits one right
 * after BEGIN.0 of the next level when the previous level ended matched; the mapping keeps
 * FAIL.0 -> failed as decided for this project, so "failed" for WAVES means "lost a match and
 * did not finish" (a level later completed still counts as completed).
 * CUSTOM.* (slider moves, menu clicks, questions) are ignored; their session still counts as a seen player.
 */
const waves: Mapping = {
  reader: 'csv',
  options: { delim: '\t', header: true, quote: '"', escape: '"' },
  fields: {
    ts: '"timestamp"',
    player_id: 'session_id',
    quest_id: "json_extract_string(event_data, '$.level')",
    status: 'event_name',
    session_id: 'session_id',
    build: 'app_version',
  },
  status_map: { 'BEGIN.0': 'accepted', 'COMPLETE.0': 'completed', 'FAIL.0': 'failed' },
  filter: "event_name IN ('BEGIN.0', 'COMPLETE.0', 'FAIL.0')",
};

export const PRESETS: Record<string, Mapping> = { waves };
