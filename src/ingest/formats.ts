// Which files an ingest covers and what format each is in: discovery and sniffing (hashing: fingerprint.ts).

import { createReadStream } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { type Config, configPath, type SourceConfig } from '../config.js';
import { addDays, sqlTimestamp, today } from '../domain/dates.js';
import { errorMessage, InputError, UserError } from '../domain/errors.js';
import { inputMessages } from '../domain/input-messages.js';
import { ingestMessages as msg } from '../domain/messages.js';
import { checkMapping } from './mapping-check.js';
import { type Mapping, PRESETS } from './presets.js';

export const FORMATS = ['seed', 'events', 'gameanalytics', 'mapped'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FileFormat {
  format: FormatName;
  mapping?: Mapping;
}

/** Extension without a trailing `.gz`, lower-cased. */
export function baseExt(path: string): string {
  const p = path.toLowerCase().endsWith('.gz') ? path.slice(0, -3) : path;
  return extname(p).toLowerCase();
}

/** Whether a path is a glob pattern (DuckDB's glob expands it). */
export function isGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** The configured source: its own mapping, or a shipped preset with the source's overrides on top. */
export function sourceFormat(name: string, config: Config): FileFormat {
  const src: SourceConfig | undefined = config.sources[name];
  if (!src) {
    const known = Object.keys(config.sources).sort().join(', ') || 'none';
    throw new UserError(msg.unknownSource(name, known), { hint: msg.unknownSourceHint });
  }
  if (src.preset !== undefined) {
    const preset = PRESETS[src.preset];
    if (!preset) throw new UserError(msg.unknownPreset(name, src.preset, Object.keys(PRESETS).sort()));
    return { format: 'mapped', mapping: checkMapping(name, { ...preset, ...pickMapping(src) }) };
  }
  const format = (src.format ?? 'mapped') as FormatName;
  if (!FORMATS.includes(format)) throw new UserError(msg.sourceFormat(name, format));
  if (format !== 'mapped') return { format };
  const m = pickMapping(src);
  if (!m.reader || !m.fields) throw new UserError(msg.mappedNeeds(name));
  for (const f of ['ts', 'player_id', 'quest_id', 'status'] as const) {
    if (!m.fields[f]) throw new UserError(msg.fieldRequired(name, f));
  }
  return { format: 'mapped', mapping: checkMapping(name, m as Mapping) };
}

function pickMapping(src: SourceConfig): Partial<Mapping> {
  const out: Partial<Mapping> = {};
  if (src.reader !== undefined) out.reader = src.reader as Mapping['reader'];
  if (src.options !== undefined) out.options = src.options as Mapping['options'];
  if (src.fields !== undefined) out.fields = src.fields as Mapping['fields'];
  if (src.status_map !== undefined) out.status_map = src.status_map as Mapping['status_map'];
  if (src.filter !== undefined) out.filter = src.filter as string;
  // Only when there are some: the mapping is part of each file's identity, and `{}` would reload every file.
  if (Object.keys(src.dimensions ?? {}).length > 0) out.dimensions = src.dimensions;
  return out;
}

/** Source paths from the config, for `ingest --source NAME` without paths (the nightly). */
export function sourcePaths(name: string, config: Config): string[] {
  return (config.sources[name]?.paths ?? []).map((p) => configPath(config, p));
}

/** Format of one file: forced, from the source, or from its extension (CSV and JSON are sniffed). */
export async function detectFormat(path: string, forced: FileFormat | undefined): Promise<FileFormat> {
  if (forced) return forced;
  const ext = baseExt(path);
  if (ext === '.parquet') return { format: 'events' };
  if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') {
    const first = await firstLine(path);
    // GameAnalytics rows always carry a category and a user_id; canonical events have player_id instead.
    const ga = /"category"\s*:/.test(first) && /"user_id"\s*:/.test(first) && !/"player_id"\s*:/.test(first);
    return { format: ga ? 'gameanalytics' : 'events' };
  }
  if (ext === '.csv' || ext === '.tsv' || ext === '.log' || ext === '.txt') {
    const first = (await firstLine(path)).replace(/^\uFEFF/, '');
    // Seed logs have no header: the first line starts with an offset (a blank file has nothing to sniff; seed needs
    // no header, so it reads cleanly).
    const seed = first.trim() === '' || /^\s*\d{1,3}:\d{2}:\d{2}/.test(first) || ext === '.log' || ext === '.txt';
    if (seed) return { format: 'seed' };
    return { format: 'events' };
  }
  throw new InputError(path, msg.unknownExtension(ext), { cli: ['giveFormat'] });
}

/**
 * A header that names a column twice is an error naming both positions: the reader would keep one of them (DuckDB
 * renames the second `name_1`) and the mapping would read the first without a word.
 */
export async function checkHeader(path: string, format: FileFormat): Promise<void> {
  const ext = baseExt(path);
  let delim = ext === '.tsv' ? '\t' : ',';
  let skip = 0;
  if (format.format === 'mapped' && format.mapping?.reader === 'csv') {
    const o = format.mapping.options ?? {};
    if (o.header === false || o.header === 'false') return;
    delim = String(o.delim ?? o.sep ?? delim);
    skip = Number(o.skip ?? 0);
  } else if (format.format !== 'events' || (ext !== '.csv' && ext !== '.tsv')) {
    return;
  }
  const problem = headerProblem((await headLines(path))[skip] ?? '', delim);
  if (problem) throw new InputError(path, problem, { line: skip + 1 });
}

/** Why a CSV header line cannot be trusted (a column named twice), or undefined. */
export function headerProblem(line: string, delim: string): string | undefined {
  const header = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (!header) return undefined;
  const names = header.split(delim).map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
  const seen = new Map<string, number>();
  for (const [i, n] of names.entries()) {
    const first = seen.get(n.toLowerCase());
    if (first !== undefined) return inputMessages.duplicateColumn(n, first + 1, i + 1);
    seen.set(n.toLowerCase(), i);
  }
  return undefined;
}

/** The first non-blank line (decompressed), for sniffing; at most 64 KiB are read. */
async function firstLine(path: string): Promise<string> {
  return (await headLines(path)).find((l) => l.trim() !== '') ?? '';
}

/** The lines of the file's first 64 KiB (decompressed). */
async function headLines(path: string): Promise<string[]> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString('utf8');
      cb(text.length > 65536 ? new Error('enough') : null);
    },
  });
  const middle = path.toLowerCase().endsWith('.gz') ? createGunzip() : new PassThrough();
  try {
    await pipeline(createReadStream(path, { end: 1 << 20 }), middle, sink);
  } catch {
    // Sniffing reads a prefix only; the real read reports broken files properly.
  }
  return text.split(/\r?\n/);
}

/** Seed logs: which player a session file belongs to. `parent` (default), `stem`, or `/regex/` (first group). */
export function seedPlayer(path: string, rule = 'parent'): string {
  // NFC as every other id (macOS file systems hand out names in NFD).
  if (rule === 'parent') return basename(dirname(path)).normalize('NFC');
  if (rule === 'stem') return stem(path).normalize('NFC');
  const hit = playerRegex(rule)?.exec(path.replaceAll('\\', '/'));
  if (!hit?.[1]) throw new InputError(path, msg.playerNoMatch(rule));
  return hit[1].normalize('NFC');
}

/** A `--player` rule's regex (none for parent and stem); anything else is a usage error, checked before any file. */
export function playerRegex(rule: string): RegExp | undefined {
  if (rule === 'parent' || rule === 'stem') return undefined;
  const m = /^\/(.+)\/$/.exec(rule);
  if (!m?.[1]) throw new UserError(msg.badPlayerRule(rule));
  try {
    return new RegExp(m[1]);
  } catch (err) {
    throw new UserError(inputMessages.badPlayerRegex(rule, errorMessage(err)));
  }
}

export function stem(path: string): string {
  return basename(path)
    .replace(/\.gz$/i, '')
    .replace(/\.[^.]+$/, '');
}

const EXTENDED_START =
  /(\d{4})-(\d{2})-(\d{2})[T_ ](\d{2})[-:](\d{2})[-:](\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?:[-:]?\d{2})?)?(?![\d])/i;
/** ISO 8601's basic format, `20260102T080000Z`: without it such a session silently took the file's mtime. */
const BASIC_START = /(?<!\d)(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?:\d{2})?)?(?!\d)/i;

/**
 * Session start from an ISO-like file name (extended `2026-01-02T08-00-00` or basic `20260102T080000`): 'YYYY-MM-DD HH:MM:SS', in UTC when the name carries a zone (`Z`, `+02-00`,
 * `+0200`, `+02:00`), else local to the configured zone; undefined when the name holds no date-time. A name that
 * looks like one but is no real instant (2026-02-30, 25:00) is an error: silently using the file's mtime instead
 * would place every event of the session on another day.
 */
export function startFromName(path: string): { start: string; utc: boolean } | undefined {
  const name = stem(path);
  const m = EXTENDED_START.exec(name) ?? BASIC_START.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new InputError(path, inputMessages.notARealStart(m[0]), { hint: inputMessages.notARealStartHint });
  }
  const zone = m[7];
  if (zone === undefined) return { start: sqlTimestamp(t), utc: false };
  const off = /^([+-])(\d{2})[-:]?(\d{2})?$/.exec(zone);
  const minutes = off ? (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3] ?? 0)) : 0;
  if (Math.abs(minutes) > 14 * 60) throw new InputError(path, inputMessages.notARealOffset(zone));
  return { start: sqlTimestamp(new Date(t.getTime() - minutes * 60_000)), utc: true };
}

/**
 * A session named by its date alone (`2026-01-02.csv`) starts at the file's mtime, as a name without a date does; but
 * when that mtime is on neither the named day nor the next (a session may end after midnight), the events would be
 * placed on another day with no word (a copy without -p, a restore): the file fails instead.
 */
export function checkDateOnly(path: string, mtime: Date, timezone: string): void {
  const date = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/.exec(stem(path))?.[1];
  if (date === undefined) return;
  const day = today(mtime, timezone);
  if (day === date || day === safeNextDay(date)) return;
  throw new InputError(path, inputMessages.dateOnlyStart(date, `${sqlTimestamp(mtime)} UTC`), {
    hint: inputMessages.notARealStartHint,
  });
}

/** The day after a 'YYYY-MM-DD' that may be no real date (2026-13-01, 2026-02-30): undefined then. */
function safeNextDay(date: string): string | undefined {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? undefined : addDays(date, 1);
}
