// The statement that stages one file on the exact tabular path (mapped sources, and canonical CSV/Parquet that cannot
// take the fast path): each row's canonical fields, outcome and reason, and the values of the source's extra
// dimensions, built from the mapping. Rows stay in DuckDB; src/sql/ingest/store.sql and dimensions.sql move them.
import { ingestMessages as msg } from '../domain/messages.js';
import { literal } from '../engine/db.js';
import type { Mapping } from './presets.js';

/** Lines longer than this are quarantined rather than parsed. */
export const LONG_LINE = 1 << 20;

/**
 * The stage for a mapped file. Field expressions come from the project's config (trusted, like SQL files); each is
 * wrapped in TRY so a value that does not fit rejects its line instead of failing the file.
 */
export function stageSql(
  m: Mapping,
  fields: Mapping['fields'],
  headerLines: number,
  tsTyped?: string,
  continued = false,
): string {
  const f = (name: keyof Mapping['fields']) => {
    const e = fields[name];
    return e ? `TRY(CAST((${e}) AS VARCHAR))` : 'NULL::VARCHAR';
  };
  // The filter is evaluated once, wrapped in a struct: TRY makes the struct NULL when the filter fails on the row, and
  // its field NULL when the filter is NULL. A failing filter rejects the row with a reason: counting it as ignored
  // would let a broken filter drop every row with exit 0.
  const verdict = m.filter ? `TRY({'v': CAST((${m.filter}) AS BOOLEAN)})` : `{'v': true}`;
  const dims = dimensionSql(m.dimensions ?? {});
  const text = m.reader !== 'parquet';
  const cont = continued ? ' LEFT JOIN ql_cont k ON k.line = r.line' : '';
  const from = text
    ? `ql_raw r LEFT JOIN t ON t.ql_line = r.line${m.reader === 'csv' ? ` LEFT JOIN ql_reader_rejects x ON x.line = r.line${cont}` : ''}`
    : 't';
  const line = text ? 'r.line' : 't.ql_line';
  const jsonBad =
    m.reader === 'json'
      ? `WHEN t.j IS NULL THEN 'invalid JSON'
    WHEN ql_duplicate_key(json_keys(t.j)) IS NOT NULL THEN 'duplicate key ''' || ql_duplicate_key(json_keys(t.j)) || ''''
    WHEN ql_nested_text('player_id', t.player_id) IS NOT NULL THEN ql_nested_text('player_id', t.player_id)
    WHEN ql_nested_text('quest_id', t.quest_id) IS NOT NULL THEN ql_nested_text('quest_id', t.quest_id)`
      : '';
  const readerBad = m.reader === 'csv' ? 'WHEN x.reason IS NOT NULL THEN x.reason' : '';
  // A comment line (the reader's `comment` option) is skipped by the reader: ignored, as a blank line.
  const mark = m.reader === 'csv' ? m.options?.comment : undefined;
  const commentLine = typeof mark === 'string' && mark !== '' ? `starts_with(ltrim(r.raw), ${literal(mark)})` : '';
  const comment = commentLine ? ` OR ${commentLine}` : '';
  const problem = 'ql_problem(t.player_id, t.quest_id, t.status_text, t.status, t.ts_text, t.ts)';
  return `
CREATE OR REPLACE TEMP TABLE ql_stage AS
WITH s0 AS (
  SELECT ql_line, ${m.reader === 'json' ? 'j' : 'NULL::JSON AS j'},
    ${f('ts')} AS ts_text, ql_key(${f('player_id')}) AS player_id, ql_key(${f('quest_id')}) AS quest_id,
    ${f('status')} AS status_text, ql_id(${f('session_id')}) AS session_id, ql_id(${f('build')}) AS build,
    ql_id(${f('platform')}) AS platform, ${verdict} AS verdict, ${tsTyped ? `CAST(${tsTyped} AS TIMESTAMP)` : 'NULL::TIMESTAMP'} AS ts_typed${dims.column}
  FROM ql_src
), t AS (
  SELECT s0.*, coalesce(verdict.v, false) AS keep, verdict IS NULL AS filter_failed,
    ${tsTyped ? 'ts_typed' : 'ql_ts(ts_text)'} AS ts, coalesce(sm.status, ql_status(status_text)) AS status
  FROM s0 LEFT JOIN ql_status_map sm ON sm.value = ql_trim(s0.status_text)
), c AS (
  SELECT ${line} AS line, ${text ? 'r.raw' : 'NULL::VARCHAR AS raw'}, t.*, CASE
    ${text ? `WHEN r.line <= ${headerLines} THEN NULL WHEN trim(coalesce(r.raw, '')) = '' THEN NULL` : ''}
    ${continued ? 'WHEN k.start IS NOT NULL THEN NULL' : ''}
    ${commentLine ? `WHEN ${commentLine} THEN NULL` : ''}
    ${readerBad}
    ${text ? `WHEN length(r.raw) > ${LONG_LINE} THEN 'line too long (' || length(r.raw) || ' characters)'` : ''}
    ${jsonBad}
    WHEN t.filter_failed THEN 'filter could not be evaluated on this row'
    WHEN NOT t.keep THEN NULL
    ELSE ${dims.failed ? `coalesce(${problem}, ${dims.failed})` : problem} END AS reason,
    ${text ? `r.line <= ${headerLines} OR trim(coalesce(r.raw, '')) = ''` : 'false'}${continued ? ' OR k.start IS NOT NULL' : ''}${comment} AS blank
  FROM ${from}
)
SELECT $file_id::INTEGER AS file_id, line, CASE WHEN reason IS NOT NULL THEN raw END AS raw,
  CASE WHEN blank THEN 'ignored' WHEN reason IS NOT NULL THEN 'rejected' WHEN NOT keep THEN 'ignored' ELSE 'event' END
    AS outcome,
  reason, ts, player_id, quest_id, status, session_id, build, platform,
  player_id AS seen_player, ts AS seen_ts${dims.column ? ', dims' : ''}
FROM c`;
}

/**
 * A source's extra dimensions in the stage: one list column `dims`, each dimension's value in the mapping's order
 * (src/sql/ingest/dimensions.sql stores the events' ones), and the reason for a row where one fails. A NULL value is
 * '' inside TRY, so the list holds NULL only where the expression failed on the row; values are trimmed (ql_trim), and '' is no
 * value (as ql_id does for build and platform; trimmed here, the INSERT cost ~20% less CPU: bench/results/issue14/
 * NOTES.md). The trim stays outside TRY: ql_id's nullif names its argument twice, and DuckDB hoists such a repeated
 * expression out of TRY, so one bad row failed the file. A failing dimension rejects the row, as a failing filter
 * does: a broken expression would otherwise file every event under '(none)' with exit 0. Without dimensions: no
 * column, no work.
 */
function dimensionSql(dimensions: Record<string, string>): { column: string; failed?: string } {
  const entries = Object.entries(dimensions);
  if (entries.length === 0) return { column: '' };
  const values = entries.map(([, e]) => `ql_trim(TRY(coalesce(CAST((${e}) AS VARCHAR), '')))`);
  const failed = entries.map(([name], i) => `WHEN t.dims[${i + 1}] IS NULL THEN ${literal(msg.dimensionFailed(name))}`);
  return { column: `, [${values.join(', ')}] AS dims`, failed: `CASE ${failed.join(' ')} END` };
}
