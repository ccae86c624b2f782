// `questlog.config.json`, read, validated and normalised once: every other module gets a typed `Config` and never
// re-checks a value's type. Unknown keys and wrong types are errors naming the key (a misspelled "sorces" must not
// publish an empty report with exit 0).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { errorMessage, UserError } from './domain/errors.js';
import { configMessages as msg, segmentMessages } from './domain/messages.js';
import { DIMENSIONS } from './domain/types.js';

/** A named source of logs: a built-in format or preset, or a mapping of a team's own export (see README). */
export interface SourceConfig {
  /** 'seed' | 'events' | 'gameanalytics' | 'mapped' */
  format?: string;
  /** A shipped mapping, e.g. 'waves' (OpenGameData Wave Combinator). */
  preset?: string;
  /** Files or globs, relative to the config file. */
  paths?: string[];
  /** false: `questlog nightly` leaves this source alone (ingest it by hand with --source). */
  nightly?: boolean;
  /** Mapped sources: reader, its options, field expressions, status values, row filter (see src/ingest/formats.ts). */
  reader?: string;
  options?: Record<string, string | number | boolean>;
  fields?: Record<string, string>;
  status_map?: Record<string, string>;
  filter?: string;
}

/** One notebook report the nightly publishes: `notebooks.publish[]`. */
export interface NotebookReportConfig {
  notebook: string;
  params?: Record<string, string>;
  name?: string;
}

export interface Config {
  /** Folder the config was read from; relative paths in it resolve against this. */
  root: string;
  /** The database file, absolute (resolved against `root`) when it came from the config file. */
  db?: string;
  /** IANA zone that defines a snapshot day's end (default UTC). */
  timezone?: string;
  catalogue?: string;
  roster?: string;
  sources: Record<string, SourceConfig>;
  reports?: { out?: string; title?: string };
  notebooks?: { publish?: NotebookReportConfig[]; out?: string; python?: string; kernel?: string; hideCode?: boolean };
  /** Dimensions published per quest (default build, platform, cohort; [] publishes none). */
  segments?: string[];
  /** Published output hides rows about 1 to min_players - 1 players (default 5; 0 turns it off). */
  privacy?: { min_players?: number };
}

const CONFIG_FILE = 'questlog.config.json';

// --- the shape, written once: each key's type; records and arrays say what they hold ---

type Spec =
  | 'string'
  | 'boolean'
  | 'number'
  | 'scalar'
  | { array: Spec }
  | { record: Spec }
  | { object: Record<string, Spec>; required?: string[] };

const STRINGS: Spec = { record: 'string' };

const SOURCE: Spec = {
  object: {
    format: 'string',
    preset: 'string',
    paths: { array: 'string' },
    nightly: 'boolean',
    reader: 'string',
    options: { record: 'scalar' },
    fields: STRINGS,
    status_map: STRINGS,
    filter: 'string',
  },
};

const CONFIG: Spec = {
  object: {
    $schema: 'string',
    db: 'string',
    timezone: 'string',
    catalogue: 'string',
    roster: 'string',
    sources: { record: SOURCE },
    reports: { object: { out: 'string', title: 'string' } },
    notebooks: {
      object: {
        publish: {
          array: { object: { notebook: 'string', params: STRINGS, name: 'string' }, required: ['notebook'] },
        },
        out: 'string',
        python: 'string',
        kernel: 'string',
        hideCode: 'boolean',
      },
    },
    segments: { array: 'string' },
    privacy: { object: { min_players: 'number' } },
  },
};

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function expected(spec: Spec): string {
  if (typeof spec === 'string') return spec === 'scalar' ? 'a string, number or boolean' : `a ${spec}`;
  if ('array' in spec) return `an array of ${expected(spec.array).replace(/^an? /, '')}s`;
  return 'an object';
}

/** Checks `value` against `spec`; throws naming the dotted key path (`sources.mygame.paths[0]`). */
function check(value: unknown, spec: Spec, path: string, file: string): void {
  const fail = () => {
    throw new UserError(msg.wrongType(file, path, expected(spec), kind(value)));
  };
  if (spec === 'string' || spec === 'boolean' || spec === 'number') {
    if (typeof value !== spec) fail();
    return;
  }
  if (spec === 'scalar') {
    if (!['string', 'number', 'boolean'].includes(typeof value)) fail();
    return;
  }
  if ('array' in spec) {
    if (!Array.isArray(value)) fail();
    (value as unknown[]).forEach((v, i) => {
      check(v, spec.array, `${path}[${i}]`, file);
    });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail();
  const obj = value as Record<string, unknown>;
  if ('record' in spec) {
    for (const [k, v] of Object.entries(obj)) check(v, spec.record, `${path}.${k}`, file);
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    const sub = spec.object[k];
    if (!sub)
      throw new UserError(msg.unknownKey(file, path ? `${path}.${k}` : k, nearest(k, Object.keys(spec.object))));
    check(v, sub, path ? `${path}.${k}` : k, file);
  }
  for (const k of spec.required ?? []) {
    if (!(k in obj)) throw new UserError(msg.missingKey(file, path ? `${path}.${k}` : k));
  }
}

/** The known key closest to a misspelling (edit distance ≤ 2), for the error's hint. */
function nearest(key: string, known: string[]): string | undefined {
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = d[0] ?? 0;
      d[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = d[j] ?? 0;
        d[j] = Math.min(cur + 1, (d[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return d[b.length] ?? 0;
  };
  return known.filter((k) => !k.startsWith('$')).find((k) => dist(key.toLowerCase(), k.toLowerCase()) <= 2);
}

/** Validates and normalises a parsed config object; `file` names it in errors, `root` anchors relative paths. */
export function normalizeConfig(raw: unknown, root: string, file = CONFIG_FILE): Config {
  check(raw, CONFIG, '', file);
  checkSegments(raw as { segments?: string[]; privacy?: { min_players?: number } }, file);
  const obj = raw as Omit<Config, 'root' | 'sources'> & { sources?: Record<string, SourceConfig>; $schema?: string };
  const { $schema: _schema, ...rest } = obj;
  return {
    ...rest,
    root,
    // The README promises paths relative to the config file; the database is one of them.
    ...(obj.db !== undefined ? { db: displayPath(resolve(root, obj.db)) } : {}),
    sources: obj.sources ?? {},
  };
}

/** Values the shape cannot say: known dimensions, a whole floor. */
function checkSegments(raw: { segments?: string[]; privacy?: { min_players?: number } }, file: string): void {
  for (const [i, d] of (raw.segments ?? []).entries()) {
    if (!(DIMENSIONS as readonly string[]).includes(d)) {
      throw new UserError(`${file}: "segments[${i}]": ${segmentMessages.unknownDimension(d, DIMENSIONS)}`);
    }
  }
  const k = raw.privacy?.min_players;
  if (k !== undefined && !(Number.isInteger(k) && k >= 0))
    throw new UserError(`${file}: ${segmentMessages.badFloor(k)}`);
}

/** A path as the user would type it from here: relative when under the current folder, else absolute. */
function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Reads `questlog.config.json` from `dir` (default cwd); a missing file is an empty config, a broken one an error. */
export function loadConfig(dir: string = process.cwd(), file?: string): Config {
  const path = resolve(dir, file ?? CONFIG_FILE);
  if (!existsSync(path)) {
    if (file) throw new UserError(msg.missingFile(path));
    return { root: dir, sources: {} };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(msg.notJson(path, errorMessage(err)));
  }
  return normalizeConfig(raw, dirname(path), path);
}

/** The `notebooks` settings with their defaults applied and `out` resolved against the config's folder. */
export function notebookSettings(config: Config) {
  const nb = config.notebooks ?? {};
  return {
    publish: nb.publish ?? [],
    out: nb.out ? configPath(config, nb.out) : undefined,
    python: nb.python,
    kernel: nb.kernel,
    hideCode: nb.hideCode,
  };
}

/** Resolves a path from the config against the config's folder. */
export function configPath(config: Config, p: string): string {
  return resolve(config.root, p);
}
