// The hostile-input corpus (issue 12): malformed inputs in every format, the config and the catalogue, as a hostile
// user or an unlucky operator would produce them. Every ingest case asserts the outcome per file (status, reason or
// rejects with their line and reason), the ledger invariant for every file, and that the data loaded before the case
// is untouched. Config and catalogue cases assert the message and that nothing changed. With test/bad-input.test.ts
// (21 cases) this is well over 60 distinct malformed inputs.
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig, normalizeConfig } from '../src/config.js';
import { LIMIT_DEFAULTS } from '../src/config-limits.js';
import { recorder } from '../src/domain/effects.js';
import { errorMessage } from '../src/domain/errors.js';
import { configLimitMessages, inputMessages as m } from '../src/domain/input-messages.js';
import { configMessages, type EXIT } from '../src/domain/messages.js';
import type { Db } from '../src/engine/db.js';
import { loadCatalogue } from '../src/ingest/catalogue.js';
import { type FileResult, type IngestSummary, ingest } from '../src/ingest/ingest.js';
import { freshDb, tempDir } from './helpers.js';

const dir = tempDir();
const RANGE = `outside the accepted range ${LIMIT_DEFAULTS.earliest} 00:00:00 .. ${LIMIT_DEFAULTS.latest} 00:00:00 (config "limits")`;
const ev = (o: Record<string, unknown>) => JSON.stringify({ ts: '2026-01-01 10:00:00', player_id: 'p1', ...o });
const ok = (q = 'Q1') => ev({ quest_id: q, status: 'start' });
const long = 'L'.repeat(300);

type Content = string | Buffer;
interface Want {
  status: FileResult['status'];
  loaded?: number;
  ignored?: number;
  /** [line, reason] of every rejected line. */
  rejects?: [number, string][];
  error?: string | RegExp;
}
interface Case {
  id: string;
  files: Record<string, Content>;
  /** Extra entries to create (links), relative to the case folder. */
  links?: Record<string, string>;
  /** Paths given to ingest (default: every file of the case). */
  paths?: string[];
  format?: string;
  /** A config with one source `s` (mapped sources). */
  source?: Record<string, unknown>;
  want: Record<string, Want> | { throws: string | RegExp };
  /** Further checks on the rows this case stored. */
  rows?: { sql: string; equals: unknown[] };
  /** The modification time of the case's files (ISO). */
  mtime?: string;
}

const seedName = '2026-01-01T10-00-00.csv';
const waves = (rows: string[], header = 'session_id\ttimestamp\tevent_name\tevent_data\tapp_version') =>
  `${[header, ...rows].join('\n')}\n`;
const wavesRow = (level: string, name = 'BEGIN.0') =>
  `s1\t2026-01-01 10:00:00\t${name}\t"${JSON.stringify({ level }).replaceAll('"', '""')}"\t1.0`;

const CASES: Case[] = [
  // --- seed session logs ---
  {
    id: 'seed-identical-players',
    files: {
      [`alice/${seedName}`]: '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n',
      [`bob/${seedName}`]: '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n',
    },
    want: {
      [`alice/${seedName}`]: { status: 'loaded', loaded: 1 },
      [`bob/${seedName}`]: { status: 'loaded', loaded: 1 },
    },
    rows: { sql: 'SELECT DISTINCT player_id FROM file_players', equals: ['alice', 'bob'] },
  },
  {
    id: 'seed-nul-in-quest',
    files: { [`p/${seedName}`]: '00:00:01,QUEST_STATUS,Q\u00001 ACCEPTED\n00:00:02,QUEST_STATUS,Q2 ACCEPTED\n' },
    want: {
      [`p/${seedName}`]: { status: 'loaded', loaded: 1, rejects: [[1, 'quest_id contains a control character']] },
    },
  },
  {
    id: 'seed-ansi-in-quest',
    files: { [`p/${seedName}`]: '00:00:01,QUEST_STATUS,\u001b[31mRED ACCEPTED\n' },
    want: {
      [`p/${seedName}`]: { status: 'loaded', loaded: 0, rejects: [[1, 'quest_id contains a control character']] },
    },
  },
  {
    id: 'seed-c1-csi-in-quest',
    files: { [`p/${seedName}`]: '00:00:01,QUEST_STATUS,Q\u009b2J ACCEPTED\n' },
    want: {
      [`p/${seedName}`]: { status: 'loaded', loaded: 0, rejects: [[1, 'quest_id contains a control character']] },
    },
  },
  {
    id: 'seed-del-in-quest',
    files: { [`p/${seedName}`]: '00:00:01,QUEST_STATUS,Q\u007f ACCEPTED\n' },
    want: {
      [`p/${seedName}`]: { status: 'loaded', loaded: 0, rejects: [[1, 'quest_id contains a control character']] },
    },
  },
  {
    id: 'seed-long-quest',
    files: { [`p/${seedName}`]: `00:00:01,QUEST_STATUS,${'Q'.repeat(1000)} ACCEPTED\n` },
    want: {
      [`p/${seedName}`]: {
        status: 'loaded',
        loaded: 0,
        rejects: [[1, 'quest_id is longer than 256 characters (1000)']],
      },
    },
  },
  {
    id: 'seed-nfd-and-nfc',
    files: {
      [`p/${seedName}`]:
        '00:00:01,QUEST_STATUS,Qu\u0065\u0302te ACCEPTED\n00:00:02,QUEST_STATUS,Qu\u00eate COMPLETED\n',
    },
    want: { [`p/${seedName}`]: { status: 'loaded', loaded: 2 } },
    rows: { sql: 'SELECT DISTINCT quest_id FROM events', equals: ['Qu\u00eate'] },
  },
  {
    id: 'seed-quoted-event-type',
    files: { [`p/${seedName}`]: '00:00:01,"QUEST_STATUS",Q1 ACCEPTED\n00:00:02,QUEST_STATUS,"Q1 COMPLETED"\n' },
    want: { [`p/${seedName}`]: { status: 'loaded', loaded: 2, ignored: 0 } },
  },
  {
    id: 'seed-name-with-offset',
    files: { 'p/2026-01-01T10-00-00+02-00.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: { 'p/2026-01-01T10-00-00+02-00.csv': { status: 'loaded', loaded: 1 } },
    rows: { sql: 'SELECT ts::VARCHAR FROM events', equals: ['2026-01-01 08:00:01'] },
  },
  {
    id: 'seed-name-with-z',
    files: { 'p/2026-01-01T10-00-00Z.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: { 'p/2026-01-01T10-00-00Z.csv': { status: 'loaded', loaded: 1 } },
    rows: { sql: 'SELECT ts::VARCHAR FROM events', equals: ['2026-01-01 10:00:01'] },
  },
  {
    // ISO 8601's basic format: such a session took the file's modification time, silently another day.
    id: 'seed-name-basic-format',
    files: { 'p/20260101T100000+0200.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: { 'p/20260101T100000+0200.csv': { status: 'loaded', loaded: 1 } },
    rows: { sql: 'SELECT ts::VARCHAR FROM events', equals: ['2026-01-01 08:00:01'] },
  },
  {
    id: 'seed-name-basic-format-impossible',
    files: { 'p/20260230t100000z.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: { 'p/20260230t100000z.csv': { status: 'failed', error: m.notARealStart('20260230t100000z') } },
  },
  {
    // A date alone starts the session at the file's mtime: one on another day (a copy without -p) placed every event
    // there with no word. The mtime is set by the case (below); on the named day or the next it loads.
    id: 'seed-name-date-only-other-day',
    files: { 'p/2026-01-02.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    mtime: '2020-05-05T05:05:05Z',
    want: {
      'p/2026-01-02.csv': {
        status: 'failed',
        error: m.dateOnlyStart('2026-01-02', '2020-05-05 05:05:05 UTC'),
      },
    },
  },
  {
    id: 'seed-name-date-only-next-day',
    files: { 'p/2026-01-02.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    mtime: '2026-01-03T00:30:00Z',
    want: { 'p/2026-01-02.csv': { status: 'loaded', loaded: 1 } },
    rows: { sql: 'SELECT ts::VARCHAR FROM events', equals: ['2026-01-03 00:30:01'] },
  },
  {
    id: 'seed-impossible-date',
    files: { 'p/2026-02-30T10-00-00.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: {
      'p/2026-02-30T10-00-00.csv': {
        status: 'failed',
        error: m.notARealStart('2026-02-30T10-00-00'),
      },
    },
  },
  {
    id: 'seed-impossible-offset',
    files: { 'p/2026-01-01T10-00-00+23-00.csv': '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: {
      'p/2026-01-01T10-00-00+23-00.csv': {
        status: 'failed',
        error: m.notARealOffset('+23-00'),
      },
    },
  },
  {
    id: 'seed-year-1900',
    files: { 'p/1900-01-01T00-00-00.csv': '00:00:00,SESSION_START,1.0\n00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: {
      'p/1900-01-01T00-00-00.csv': {
        status: 'loaded',
        loaded: 0,
        ignored: 1,
        rejects: [[2, `time 1900-01-01 00:00:01 is ${RANGE}`]],
      },
    },
    // A session from 1900 adds no player either (its ignored line is as out of range as the event).
    rows: { sql: 'SELECT player_id FROM file_players', equals: [] },
  },
  {
    id: 'seed-escape-in-player-folder',
    files: { [`bad\u001b[2Jplayer/${seedName}`]: '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    want: {
      [`bad\u001b[2Jplayer/${seedName}`]: {
        status: 'loaded',
        loaded: 0,
        rejects: [[1, 'player_id contains a control character']],
      },
    },
    rows: { sql: 'SELECT player_id FROM file_players', equals: [] },
  },
  {
    id: 'seed-dangling-link-in-folder',
    files: { [`p/${seedName}`]: '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    links: { 'p/2026-01-02T10-00-00.csv': '/nonexistent/questlog' },
    paths: ['.'],
    want: {
      'p/2026-01-02T10-00-00.csv': { status: 'failed', error: m.danglingLink('/nonexistent/questlog') },
      [`p/${seedName}`]: { status: 'loaded', loaded: 1 },
    },
  },
  {
    id: 'seed-looping-link-in-folder',
    files: { [`q/${seedName}`]: '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    links: { 'q/a.csv': 'b.csv', 'q/b.csv': 'a.csv' },
    paths: ['.'],
    want: {
      'q/a.csv': { status: 'failed', error: m.linkLoop },
      'q/b.csv': { status: 'failed', error: m.linkLoop },
      [`q/${seedName}`]: { status: 'loaded', loaded: 1 },
    },
  },
  {
    id: 'seed-dangling-link-through-glob',
    files: { [`r/${seedName}`]: '00:00:01,QUEST_STATUS,Q1 ACCEPTED\n' },
    links: { 'r/2026-01-02T10-00-00.csv': '/nonexistent/questlog' },
    paths: ['r/*.csv'],
    want: {
      'r/2026-01-02T10-00-00.csv': { status: 'failed', error: m.danglingLink('/nonexistent/questlog') },
      [`r/${seedName}`]: { status: 'loaded', loaded: 1 },
    },
  },
  {
    id: 'seed-missing-status',
    files: { [`p/${seedName}`]: '00:00:01,QUEST_STATUS,Q1\n' },
    want: {
      [`p/${seedName}`]: {
        status: 'loaded',
        loaded: 0,
        rejects: [[1, "malformed QUEST_STATUS message 'Q1' (expected <QUEST_ID> <STATUS>)"]],
      },
    },
  },
  // --- canonical events, NDJSON ---
  {
    id: 'ndjson-year-10000',
    files: { 'e.ndjson': `${ok()}\n${ev({ ts: '10000-01-01T00:00:00Z', quest_id: 'Q1', status: 'done' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 1, rejects: [[2, "unknown status 'done'"]] } },
  },
  {
    id: 'ndjson-year-10000-valid-status',
    files: { 'e.ndjson': `${ok()}\n${ev({ ts: '10000-01-01T00:00:00Z', quest_id: 'Q1', status: 'complete' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 1, rejects: [[2, `time 10000-01-01 00:00:00 is ${RANGE}`]] } },
  },
  {
    id: 'ndjson-year-1900',
    files: { 'e.ndjson': `${ev({ ts: '1900-01-01 00:00:00', quest_id: 'Q1', status: 'start' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, `time 1900-01-01 00:00:00 is ${RANGE}`]] } },
  },
  {
    id: 'ndjson-epoch-zero',
    files: { 'e.ndjson': `${ev({ ts: 0, quest_id: 'Q1', status: 'start' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, `time 1970-01-01 00:00:00 is ${RANGE}`]] } },
  },
  {
    id: 'ndjson-nested-quest-object',
    files: { 'e.ndjson': `${ok()}\n${ev({ quest_id: { id: 'Q1' }, status: 'start' })}\n` },
    want: {
      'e.ndjson': { status: 'loaded', loaded: 1, rejects: [[2, 'quest_id is a JSON object, not a text value']] },
    },
  },
  {
    id: 'ndjson-nested-player-array',
    files: { 'e.ndjson': `${ev({ player_id: ['p1'], quest_id: 'Q1', status: 'start' })}\n` },
    want: {
      'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'player_id is a JSON array, not a text value']] },
    },
  },
  {
    // Text ids that only start like JSON (a '{' with a combining mark on it, a '['): the fast path sends the file to
    // the exact path on the first byte, which tells text from nested values and loads them as they are.
    id: 'ndjson-text-ids-starting-with-brackets',
    files: {
      'e.ndjson': `${ev({ player_id: '{\u0301p', quest_id: 'Q1', status: 'start' })}\n${ev({ quest_id: '[Q2', status: 'start' })}\n`,
    },
    want: { 'e.ndjson': { status: 'loaded', loaded: 2 } },
    rows: { sql: 'SELECT player_id || quest_id FROM events', equals: ['p1[Q2', '{\u0301pQ1'] },
  },
  {
    id: 'ndjson-duplicate-key',
    files: {
      'e.ndjson': `${ok()}\n{"ts":"2026-01-01 10:00:00","player_id":"p1","quest_id":"Q1","quest_id":"Q2","status":"start"}\n`,
    },
    want: { 'e.ndjson': { status: 'loaded', loaded: 1, rejects: [[2, "duplicate key 'quest_id'"]] } },
  },
  {
    id: 'ndjson-nul-escape-in-player',
    files: { 'e.ndjson': `${ev({ player_id: 'p\u00001', quest_id: 'Q1', status: 'start' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'player_id contains a control character']] } },
  },
  {
    id: 'ndjson-ansi-escape-in-quest',
    files: { 'e.ndjson': `${ok()}\n${ev({ quest_id: '\u001b[2JQ1', status: 'start' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 1, rejects: [[2, 'quest_id contains a control character']] } },
  },
  {
    id: 'ndjson-newline-escape-in-quest',
    files: { 'e.ndjson': `${ev({ quest_id: 'Q1\nFAKE LINE', status: 'start' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'quest_id contains a control character']] } },
  },
  {
    id: 'ndjson-long-player',
    files: { 'e.ndjson': `${ev({ player_id: long, quest_id: 'Q1', status: 'start' })}\n` },
    want: {
      'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'player_id is longer than 256 characters (300)']] },
    },
  },
  {
    id: 'ndjson-nfd-and-nfc',
    files: { 'e.ndjson': `${ok('Qu\u0065\u0302te')}\n${ok('Qu\u00eate')}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 2 } },
    rows: { sql: 'SELECT DISTINCT quest_id FROM events', equals: ['Qu\u00eate'] },
  },
  {
    id: 'ndjson-array-line',
    files: { 'e.ndjson': `${ok()}\n["2026-01-01","p1","Q1","start"]\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 1, rejects: [[2, m.jsonArray]] } },
  },
  {
    // A file that is one JSON array, an object a line: its opening line says what to do; each line is judged alone,
    // so the last object (no comma after it) loads and the others are quarantined with their text.
    id: 'ndjson-pretty-array',
    files: { 'e.json': `[\n  ${ok()},\n  ${ok()}\n]\n` },
    want: {
      'e.json': {
        status: 'loaded',
        loaded: 1,
        rejects: [
          [1, m.jsonArray],
          [2, 'invalid JSON'],
          [4, 'invalid JSON'],
        ],
      },
    },
  },
  {
    id: 'ndjson-null-status',
    files: { 'e.ndjson': `${ev({ quest_id: 'Q1', status: null })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'missing status']] } },
  },
  {
    id: 'ndjson-far-future-with-offset',
    files: { 'e.ndjson': `${ev({ ts: '2150-06-01T12:00:00+02:00', quest_id: 'Q1', status: 'start' })}\n` },
    want: { 'e.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, `time 2150-06-01 10:00:00 is ${RANGE}`]] } },
  },
  // --- gzip ---
  {
    id: 'gzip-escape-in-quest',
    files: { 'e.ndjson.gz': gzipSync(`${ok()}\n${ev({ quest_id: 'Q\u001b', status: 'start' })}\n`) },
    want: { 'e.ndjson.gz': { status: 'loaded', loaded: 1, rejects: [[2, 'quest_id contains a control character']] } },
  },
  {
    id: 'gzip-csv-year-10000',
    files: {
      'e.csv.gz': gzipSync(
        'ts,player_id,quest_id,status\n2026-01-01 10:00:00,p1,Q1,start\n10000-01-01 00:00:00,p1,Q1,complete\n',
      ),
    },
    want: {
      'e.csv.gz': { status: 'loaded', loaded: 1, ignored: 1, rejects: [[3, `time 10000-01-01 00:00:00 is ${RANGE}`]] },
    },
  },
  // --- canonical events, CSV ---
  {
    id: 'csv-duplicate-header-column',
    files: { 'e.csv': 'ts,player_id,quest_id,status,quest_id\n2026-01-01 10:00:00,p1,Q1,start,Q2\n' },
    want: {
      'e.csv': { status: 'failed', error: `line 1: ${m.duplicateColumn('quest_id', 3, 5)}` },
    },
  },
  {
    id: 'csv-escape-in-player',
    files: {
      'e.csv':
        'ts,player_id,quest_id,status\n2026-01-01 10:00:00,p\u001b[0m,Q1,start\n2026-01-01 10:00:00,p1,Q1,start\n',
    },
    want: {
      'e.csv': { status: 'loaded', loaded: 1, ignored: 1, rejects: [[2, 'player_id contains a control character']] },
    },
  },
  {
    id: 'csv-long-quest',
    files: { 'e.csv': `ts,player_id,quest_id,status\n2026-01-01 10:00:00,p1,${long},start\n` },
    want: {
      'e.csv': {
        status: 'loaded',
        loaded: 0,
        ignored: 1,
        rejects: [[2, 'quest_id is longer than 256 characters (300)']],
      },
    },
  },
  {
    id: 'tsv-year-1900',
    files: { 'e.tsv': 'ts\tplayer_id\tquest_id\tstatus\n1900-01-01 10:00:00\tp1\tQ1\tstart\n' },
    want: {
      'e.tsv': { status: 'loaded', loaded: 0, ignored: 1, rejects: [[2, `time 1900-01-01 10:00:00 is ${RANGE}`]] },
    },
  },
  // --- canonical events, Parquet (written by DuckDB in beforeAll) ---
  {
    id: 'parquet-struct-quest',
    files: {},
    paths: ['struct.parquet'],
    want: {
      'struct.parquet': {
        status: 'failed',
        error: m.nestedColumn('quest_id', 'quest_id', 'STRUCT(id VARCHAR)'),
      },
    },
  },
  {
    id: 'parquet-list-player',
    files: {},
    paths: ['list.parquet'],
    want: {
      'list.parquet': {
        status: 'failed',
        error: m.nestedColumn('player_id', 'player_id', 'VARCHAR[]'),
      },
    },
  },
  {
    id: 'parquet-timestamp-1900',
    files: {},
    paths: ['old.parquet'],
    want: { 'old.parquet': { status: 'loaded', loaded: 1, rejects: [[2, `time 1900-01-01 00:00:00 is ${RANGE}`]] } },
  },
  {
    id: 'parquet-escape-in-player',
    files: {},
    paths: ['escape.parquet'],
    want: {
      'escape.parquet': { status: 'loaded', loaded: 1, rejects: [[2, 'player_id contains a control character']] },
    },
  },
  // --- GameAnalytics ---
  {
    id: 'ga-canonical-row-inside',
    files: {
      'g.ndjson': `{"category":"progression","event_id":"Start:w1","user_id":"u1","client_ts":1767261600}\n${ok()}\n`,
    },
    format: 'gameanalytics',
    want: {
      'g.ndjson': {
        status: 'loaded',
        loaded: 1,
        rejects: [[2, 'missing category: not a GameAnalytics event (a canonical event? load it from an events file)']],
      },
    },
  },
  {
    id: 'ga-duplicate-key',
    files: {
      'g.ndjson':
        '{"category":"progression","event_id":"Start:w1","event_id":"Complete:w1","user_id":"u1","client_ts":1767261600}\n',
    },
    format: 'gameanalytics',
    want: { 'g.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, "duplicate key 'event_id'"]] } },
  },
  {
    id: 'ga-nested-user',
    files: {
      'g.ndjson': '{"category":"progression","event_id":"Start:w1","user_id":{"id":"u1"},"client_ts":1767261600}\n',
    },
    format: 'gameanalytics',
    want: { 'g.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'user_id is a JSON object, not a text value']] } },
  },
  {
    id: 'ga-epoch-year-2286',
    files: { 'g.ndjson': '{"category":"progression","event_id":"Start:w1","user_id":"u1","client_ts":9999999999}\n' },
    format: 'gameanalytics',
    want: { 'g.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, `time 2286-11-20 17:46:39 is ${RANGE}`]] } },
  },
  {
    id: 'ga-escape-in-progression',
    files: {
      'g.ndjson': '{"category":"progression","event_id":"Start:w\\u001b[5m","user_id":"u1","client_ts":1767261600}\n',
    },
    format: 'gameanalytics',
    want: { 'g.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'quest_id contains a control character']] } },
  },
  // --- mapped sources ---
  {
    id: 'mapped-reader-xml',
    files: { 'm.xml': '<events/>' },
    source: { reader: 'xml', fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's' } },
    want: { throws: m.unknownReader('s', 'xml', ['csv', 'json', 'parquet']) },
  },
  {
    id: 'preset-misspelt',
    files: { 'w.tsv': 'session_id\n' },
    source: { preset: 'wave' },
    // Spelt out: the known presets are the point (the message function alone would pass without them).
    want: { throws: "source 's': unknown preset 'wave' (presets: waves)" },
  },
  {
    id: 'mapped-filter-escapes-parentheses',
    files: { 'm.csv': 't,p,q,s\n' },
    source: { reader: 'csv', fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's' }, filter: 'true) OR (1=1' },
    want: {
      throws: m.notOneExpression('s', 'filter', "a ')' closes more than it opened (at character 5)"),
    },
  },
  {
    id: 'mapped-filter-ends-statement',
    files: { 'm.csv': 't,p,q,s\n' },
    source: {
      reader: 'csv',
      fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's' },
      filter: 'true; DROP TABLE events',
    },
    want: { throws: m.notOneExpression('s', 'filter', "';' ends the statement") },
  },
  {
    id: 'mapped-field-comment',
    files: { 'm.csv': 't,p,q,s\n' },
    source: { reader: 'csv', fields: { ts: 't', player_id: 'p -- ', quest_id: 'q', status: 's' } },
    want: { throws: m.notOneExpression('s', 'fields.player_id', 'a comment') },
  },
  {
    id: 'mapped-field-unclosed-quote',
    files: { 'm.csv': 't,p,q,s\n' },
    source: { reader: 'csv', fields: { ts: 't', player_id: "'p", quest_id: 'q', status: 's' } },
    want: { throws: m.notOneExpression('s', 'fields.player_id', "unclosed '") },
  },
  {
    id: 'mapped-unknown-field',
    files: { 'm.csv': 't,p,q,s\n' },
    source: { reader: 'csv', fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's', colour: 'p' } },
    want: {
      throws: m.unknownField('s', 'colour', [
        'ts',
        'player_id',
        'quest_id',
        'status',
        'session_id',
        'build',
        'platform',
      ]),
    },
  },
  {
    id: 'mapped-filter-fails-at-run-time',
    files: { 'm.csv': 't,p,q,s\n2026-01-01 10:00:00,p1,Q1,start\n2026-01-01 10:00:00,p1,Q1,7\n' },
    source: {
      reader: 'csv',
      fields: { ts: 't', player_id: 'p', quest_id: 'q', status: "'start'" },
      filter: 'CAST(s AS INTEGER) > 0',
    },
    // Line 2's s is 'start': the filter's cast fails there; line 3's is 7 > 0.
    want: {
      'm.csv': { status: 'loaded', loaded: 1, ignored: 1, rejects: [[2, 'filter could not be evaluated on this row']] },
    },
  },
  {
    id: 'mapped-json-duplicate-key',
    files: { 'm.ndjson': '{"t":"2026-01-01 10:00:00","p":"p1","q":"Q1","q":"Q2","s":"start"}\n' },
    source: { reader: 'json', fields: { ts: "j->>'t'", player_id: "j->>'p'", quest_id: "j->>'q'", status: "j->>'s'" } },
    want: { 'm.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, "duplicate key 'q'"]] } },
  },
  {
    id: 'mapped-json-nested-player',
    files: { 'm.ndjson': '{"t":"2026-01-01 10:00:00","p":{"id":"p1"},"q":"Q1","s":"start"}\n' },
    source: { reader: 'json', fields: { ts: "j->>'t'", player_id: "j->>'p'", quest_id: "j->>'q'", status: "j->>'s'" } },
    want: {
      'm.ndjson': { status: 'loaded', loaded: 0, rejects: [[1, 'player_id is a JSON object, not a text value']] },
    },
  },
  {
    id: 'mapped-csv-duplicate-header',
    files: { 'm.csv': 't;p;q;s;p\n2026-01-01 10:00:00;p1;Q1;start;p2\n' },
    source: { reader: 'csv', options: { delim: ';' }, fields: { ts: 't', player_id: 'p', quest_id: 'q', status: 's' } },
    want: { 'm.csv': { status: 'failed', error: `line 1: ${m.duplicateColumn('p', 2, 5)}` } },
  },
  // --- the waves preset ---
  {
    id: 'waves-duplicate-header',
    files: { 'w.tsv': waves([wavesRow('1')], 'session_id\ttimestamp\tevent_name\tevent_data\tevent_name') },
    source: { preset: 'waves' },
    want: {
      'w.tsv': { status: 'failed', error: `line 1: ${m.duplicateColumn('event_name', 3, 5)}` },
    },
  },
  {
    id: 'waves-escape-in-level',
    files: { 'w.tsv': waves([wavesRow('1'), wavesRow('\u001b[31m')]) },
    source: { preset: 'waves' },
    want: {
      'w.tsv': { status: 'loaded', loaded: 1, ignored: 1, rejects: [[3, 'quest_id contains a control character']] },
    },
  },
];

let db: Db;
/** Rows loaded before the cases; every case must leave them as they were. */
let baseline: unknown;
const fingerprintBaseline = () =>
  db.all(
    `SELECT f.path, f.loaded::INTEGER AS loaded, (SELECT count(*) FROM events e WHERE e.file_id = f.file_id)::INTEGER AS ev,
       (SELECT sum(hash(e.player_id, e.quest_id, e.status, e.ts)) FROM events e WHERE e.file_id = f.file_id)::VARCHAR AS h
     FROM files f WHERE f.path LIKE '%/baseline/%' ORDER BY f.path`,
  );

interface Outcome {
  summary?: IngestSummary;
  error?: string;
  fileIds: number[];
}
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  db = await freshDb();
  const base = join(dir, 'baseline');
  mkdirSync(join(base, 'alice'), { recursive: true });
  writeFileSync(
    join(base, 'alice', seedName),
    '00:00:01,QUEST_STATUS,B1 ACCEPTED\n00:01:00,QUEST_STATUS,B1 COMPLETED\n',
  );
  writeFileSync(join(base, 'events.ndjson'), `${ok('B2')}\n${ev({ quest_id: 'B2', status: 'complete' })}\n`);
  await ingest(db, { paths: [base] }, recorder());
  baseline = await fingerprintBaseline();

  for (const c of CASES) {
    const root = join(dir, c.id);
    mkdirSync(root, { recursive: true });
    for (const [rel, content] of Object.entries(c.files)) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), content);
      if (c.mtime) utimesSync(join(root, rel), new Date(c.mtime), new Date(c.mtime));
    }
    for (const [rel, target] of Object.entries(c.links ?? {})) symlinkSync(target, join(root, rel));
    await parquetFor(c.id, root);
    const paths = (c.paths ?? Object.keys(c.files)).map((p) => join(root, p));
    const config: Config | undefined = c.source
      ? normalizeConfig({ sources: { s: { format: 'mapped', ...c.source } } }, root)
      : undefined;
    const before = await db.all<{ id: number }>('SELECT max(file_id)::INTEGER AS id FROM files');
    const outcome: Outcome = { fileIds: [] };
    try {
      outcome.summary = await ingest(
        db,
        { paths, config, cwd: root, format: c.format, source: c.source ? 's' : undefined },
        recorder(),
      );
    } catch (err) {
      outcome.error = errorMessage(err);
    }
    const ids = await db.all<{ id: number }>('SELECT file_id AS id FROM files WHERE file_id > $n ORDER BY 1', {
      n: before[0]?.id ?? 0,
    });
    outcome.fileIds = ids.map((r) => r.id);
    outcomes.set(c.id, outcome);
  }
});
afterAll(() => db?.close());

/** Parquet inputs, written by DuckDB: row 1 always loads, row 2 is the hostile one. */
async function parquetFor(id: string, root: string): Promise<void> {
  const rows: Record<string, string> = {
    'parquet-struct-quest': `SELECT TIMESTAMP '2026-01-01 10:00:00' AS ts, 'p1' AS player_id, {'id': 'Q1'} AS quest_id, 'start' AS status`,
    'parquet-list-player': `SELECT TIMESTAMP '2026-01-01 10:00:00' AS ts, ['p1'] AS player_id, 'Q1' AS quest_id, 'start' AS status`,
    'parquet-timestamp-1900': `SELECT * FROM (VALUES (TIMESTAMP '2026-01-01 10:00:00', 'p1', 'Q1', 'start'),
      (TIMESTAMP '1900-01-01 00:00:00', 'p1', 'Q1', 'complete')) t(ts, player_id, quest_id, status)`,
    'parquet-escape-in-player': `SELECT * FROM (VALUES (TIMESTAMP '2026-01-01 10:00:00', 'p1', 'Q1', 'start'),
      (TIMESTAMP '2026-01-01 11:00:00', 'p' || chr(27) || '[8m', 'Q1', 'complete')) t(ts, player_id, quest_id, status)`,
  };
  const file = { 'parquet-struct-quest': 'struct', 'parquet-list-player': 'list', 'parquet-timestamp-1900': 'old' }[id];
  const sql = rows[id];
  if (!sql) return;
  const name = file ?? 'escape';
  await db.run(`COPY (${sql}) TO '${join(root, `${name}.parquet`)}' (FORMAT parquet)`);
}

describe('hostile inputs: every case has a clear outcome, nothing lost, earlier data untouched', () => {
  it(`holds ${CASES.length} ingest cases (with bad-input.test.ts's 21 and the config and catalogue cases below: > 60)`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    const o = outcomes.get(id) as Outcome;
    if ('throws' in c.want) {
      expect(o.error).toBe(c.want.throws);
      expect(o.fileIds).toEqual([]);
    } else {
      expect(o.error).toBeUndefined();
      const root = join(dir, id);
      const byPath = new Map((o.summary?.files ?? []).map((f) => [join(root, f.path), f]));
      for (const [rel, want] of Object.entries(c.want)) {
        const got = byPath.get(join(root, rel));
        expect(got, rel).toBeDefined();
        expect(got?.status, rel).toBe(want.status);
        if (want.error !== undefined) expect(got?.error).toEqual(want.error);
        if (want.loaded !== undefined) expect(got?.loaded, rel).toBe(want.loaded);
        if (want.ignored !== undefined) expect(got?.ignored, rel).toBe(want.ignored);
        if (want.status === 'failed') {
          const n = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM files WHERE path = $p', {
            p: join(root, rel),
          });
          expect(n?.n).toBe(0);
          continue;
        }
        const rejects = await db.all<{ line: number; reason: string }>(
          `SELECT r.line::INTEGER AS line, r.reason FROM rejects r JOIN files f USING (file_id)
           WHERE f.path = $p ORDER BY r.line`,
          { p: join(root, rel) },
        );
        expect(
          rejects.map((r) => [r.line, r.reason]),
          rel,
        ).toEqual(want.rejects ?? []);
      }
    }
    if (c.rows) {
      const ids = o.fileIds.length ? o.fileIds : [-1];
      const sql = c.rows.sql.replace(/FROM (\w+)/, `FROM $1 WHERE file_id IN (${ids.join(', ')})`);
      const got = (await db.all<Record<string, unknown>>(`${sql} ORDER BY 1`)).map((r) => Object.values(r)[0]);
      expect(got).toEqual(c.rows.equals);
    }
  });

  it('nothing lost: for every file lines = loaded + rejected + ignored, and events and rejects agree with the ledger', async () => {
    const bad = await db.all(
      `SELECT f.path FROM files f
       WHERE f.lines_read <> f.loaded + f.rejected + f.ignored
          OR f.loaded <> (SELECT count(*) FROM events e WHERE e.file_id = f.file_id)
          OR f.rejected <> (SELECT count(*) FROM rejects r WHERE r.file_id = f.file_id)
       ORDER BY 1`,
    );
    expect(bad).toEqual([]);
    const stored = CASES.flatMap((c) =>
      'throws' in c.want ? [] : Object.values(c.want).filter((w) => w.status === 'loaded'),
    ).length;
    const files = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM files');
    expect(files?.n).toBe(stored + 2);
  });

  it('the data loaded before every case is untouched', async () => {
    expect(await fingerprintBaseline()).toEqual(baseline);
    expect((baseline as unknown[]).length).toBe(2);
  });
});

// --- the config: every mistake is an error naming the key, before anything runs ---

const CONFIG_CASES: [string, unknown, string][] = [
  ['db as a number', { db: 42 }, configMessages.wrongType('c.json', 'db', 'a string', 'a number')],
  [
    'paths as a string',
    { sources: { s: { format: 'seed', paths: 'x' } } },
    configMessages.wrongType('c.json', 'sources.s.paths', 'an array of strings', 'a string'),
  ],
  [
    'paths holding a number',
    { sources: { s: { format: 'seed', paths: [42] } } },
    configMessages.wrongType('c.json', 'sources.s.paths[0]', 'a string', 'a number'),
  ],
  ['misspelled sources', { sorces: {} }, configMessages.unknownKey('c.json', 'sorces', 'sources')],
  ['sources as null', { sources: null }, configMessages.wrongType('c.json', 'sources', 'an object', 'null')],
  [
    'nightly as a string',
    { sources: { s: { format: 'seed', nightly: 'false' } } },
    configMessages.wrongType('c.json', 'sources.s.nightly', 'a boolean', 'a string'),
  ],
  [
    'limits.max_id_length zero',
    { limits: { max_id_length: 0 } },
    configMessages.wrongType('c.json', 'limits.max_id_length', 'a positive integer', 'a number'),
  ],
  [
    'limits.earliest not a date',
    { limits: { earliest: 'yesterday' } },
    configMessages.wrongType('c.json', 'limits.earliest', 'a date YYYY-MM-DD[ HH:MM[:SS]] (UTC)', '"yesterday"'),
  ],
  [
    'limits.earliest impossible',
    { limits: { earliest: '2026-02-30' } },
    configMessages.wrongType('c.json', 'limits.earliest', 'a date YYYY-MM-DD[ HH:MM[:SS]] (UTC)', '"2026-02-30"'),
  ],
  [
    'limits range empty',
    { limits: { earliest: '2030-01-01', latest: '2020-01-01' } },
    configLimitMessages.emptyRange('c.json', '2030-01-01', '2020-01-01'),
  ],
  [
    'limits misspelled key',
    { limits: { max_id_lenght: 3 } },
    configMessages.unknownKey('c.json', 'limits.max_id_lenght', 'max_id_length'),
  ],
  [
    'backfill_days fractional',
    { limits: { backfill_days: 1.5 } },
    configMessages.wrongType('c.json', 'limits.backfill_days', 'a positive integer', 'a number'),
  ],
];

describe('hostile config', () => {
  it.each(CONFIG_CASES)('%s', (_name, raw, message) => {
    expect(() => normalizeConfig(raw, dir, 'c.json')).toThrow(message);
  });

  it('"db" resolves against the config file\'s folder, not the current one', () => {
    const folder = join(dir, 'cfg-elsewhere');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'questlog.config.json'), JSON.stringify({ db: 'data/q.duckdb' }));
    expect(loadConfig(folder).db).toBe(join(folder, 'data/q.duckdb'));
  });

  it('a folder named as the config file is said to be a folder (not "not valid JSON: EISDIR")', () => {
    const folder = join(dir, 'cfg-folder', 'questlog.config.json');
    mkdirSync(folder, { recursive: true });
    expect(() => loadConfig(dirname(folder))).toThrow(configMessages.isFolder(folder));
  });

  it('exit code for a bad config is the usage code', () => {
    const code: (typeof EXIT)['usage'] = 2;
    try {
      normalizeConfig({ db: 42 }, dir);
    } catch (err) {
      expect((err as { exitCode: number }).exitCode).toBe(code);
    }
  });
});

// --- the catalogue: a bad file is an error naming file and line; the catalogue before it stays ---

describe('hostile catalogue', () => {
  const cat = (name: string, content: string) => {
    const path = join(dir, 'catalogues', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  let cdb: Db;
  beforeAll(async () => {
    cdb = await freshDb();
    await loadCatalogue(cdb, cat('good.csv', 'id,name\nQ1,First\n'));
  });
  afterAll(() => cdb?.close());
  const catalogue = () => cdb.all('SELECT quest_id, name FROM catalogue ORDER BY quest_id');

  it.each([
    ['dup-header.csv', 'id,name,id\nQ1,First,Q2\n', `:1: ${m.duplicateColumn('id', 1, 3)}`],
    ['escape.csv', 'id,name\nQ\u001b[2J,Bad\n', ':2: id contains a control character'],
    ['long.csv', `id,name\n${'Q'.repeat(300)},Long\n`, ':2: id longer than 256 characters (300)'],
    ['nested.json', '[{"id": {"x": 1}, "name": "Nested"}]', `: ${m.nestedCatalogueColumn('id', 'STRUCT(x BIGINT)')}`],
    ['nul.csv', 'id,name\nQ\u00001,Nul\n', ':2: id contains a control character'],
  ])('%s is refused, the catalogue before it stays', async (name, content, message) => {
    const path = cat(name, content);
    await expect(loadCatalogue(cdb, path)).rejects.toThrow(`${path}${message}`);
    expect(await catalogue()).toEqual([{ quest_id: 'Q1', name: 'First' }]);
  });

  it('ids are stored in NFC, as ingest stores them', async () => {
    await loadCatalogue(cdb, cat('nfd.csv', 'id,name\nQu\u0065\u0302te,Quest\n'));
    expect(await catalogue()).toEqual([{ quest_id: 'Qu\u00eate', name: 'Quest' }]);
  });
});
