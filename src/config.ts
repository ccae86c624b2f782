// `questlog.config.json`, read, validated and normalised once: every other module gets a typed `Config` and never
// re-checks a value's type. Unknown keys and wrong types are errors naming the key (a misspelled "sorces" must not
// publish an empty report with exit 0).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { alertRules } from './config-alerts.js';
import { checkSegments, knownDimensions } from './config-dimensions.js';
import { findConfigFile } from './config-find.js';
import { checkLimits, LIMIT_DEFAULTS, type Limits } from './config-limits.js';
import { check, type Spec } from './config-spec.js';
import { CONFIG_FILE, DEFAULT_DB } from './defaults.js';
import { knownZone } from './domain/dates.js';
import { errorMessage, UserError } from './domain/errors.js';
import { configMessages as msg } from './domain/messages.js';
import { segmentMessages } from './domain/segment-messages.js';
import type { AlertRule } from './domain/types.js';

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
  /** Mapped sources: extra segment dimensions, name → SQL expression like a field's (src/config-dimensions.ts). */
  dimensions?: Record<string, string>;
}

/** One notebook report the nightly publishes: `notebooks.publish[]`. */
export interface NotebookReportConfig {
  notebook: string;
  params?: Record<string, string>;
  name?: string;
}

/**
 * Where statistics are computed (`engine`): the local DuckDB file (default) or a ClickHouse cluster that holds the
 * events (see README, "Statistics on a ClickHouse cluster"). The ledger, quarantine and snapshots stay local either way.
 */
export interface EngineConfig {
  /** 'duckdb' (default) | 'clickhouse' */
  type: 'duckdb' | 'clickhouse';
  /** ClickHouse: HTTP url of the server questlog queries (any node of the cluster). */
  url?: string;
  /** ClickHouse: the database questlog creates its tables in (default "questlog"). */
  database?: string;
  /** ClickHouse: the cluster name in the servers' `remote_servers` (default "questlog"). */
  cluster?: string;
  /** ClickHouse: HTTP url of one server per shard: questlog creates and cleans its per-shard tables on each. */
  shards?: string[];
  /** ClickHouse: user (default "default"); the password comes from $QUESTLOG_CLICKHOUSE_PASSWORD, never the file. */
  user?: string;
}

const ENGINE_TYPES = ['duckdb', 'clickhouse'] as const;

export interface Config {
  /** Folder the config was read from (else the current one); relative paths, the default database included, resolve here. */
  root: string;
  /** The config file read, when there was one. */
  file?: string;
  /** The database file, absolute (resolved against `root`) when it came from the config file. */
  db?: string;
  /** IANA zone that defines a snapshot day's end (default UTC). */
  timezone?: string;
  catalogue?: string;
  roster?: string;
  sources: Record<string, SourceConfig>;
  /** `workers`: render workers for the quest pages (0 or 1: none; default one per core up to 4 from 2,000 quests). */
  reports?: { out?: string; title?: string; workers?: number };
  notebooks?: { publish?: NotebookReportConfig[]; out?: string; python?: string; kernel?: string; hideCode?: boolean };
  /** Dimensions published per quest (default build, platform, cohort and the sources' extra ones; [] publishes none). */
  segments?: string[];
  /** Published output hides rows about 1 to min_players - 1 players (default 5; 0 turns it off). */
  privacy?: { min_players?: number };
  engine?: EngineConfig;
  /** Accepted time range, id length and backfill size; `normalizeConfig` fills in the defaults. */
  limits?: Limits;
  /** How old the newest event may be before the nightly calls the data stale, and whether empty globs fail. */
  freshness?: FreshnessConfig;
  /** Rules the nightly checks each snapshot's changes against (README "Alerts"); defaults filled in. */
  alerts?: AlertRule[];
}

interface FreshnessConfig {
  /** Hours; default 36 (a daily export that is a day late is still fresh, two days late is not). */
  max_age_hours?: number;
  /** true: a configured glob that matches nothing fails the ingest (default: a warning). */
  strict_globs?: boolean;
}

export const DEFAULT_MAX_AGE_HOURS = 36;

// --- the shape, written once: each key's type; records and arrays say what they hold ---

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
    dimensions: STRINGS,
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
    reports: { object: { out: 'string', title: 'string', workers: 'count' } },
    limits: { object: { earliest: 'string', latest: 'string', max_id_length: 'count', backfill_days: 'count' } },
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
    engine: {
      object: {
        type: 'string',
        url: 'string',
        database: 'string',
        cluster: 'string',
        shards: { array: 'string' },
        user: 'string',
      },
      required: ['type'],
    },
    freshness: { object: { max_age_hours: 'number', strict_globs: 'boolean' } },
    alerts: {
      array: {
        object: { metric: 'string', direction: 'string', min_change: 'number', scope: 'string' },
        required: ['metric', 'direction'],
      },
    },
  },
};

/** Validates and normalises a parsed config object; `file` names it in errors, `root` anchors relative paths. */
export function normalizeConfig(raw: unknown, root: string, file = CONFIG_FILE): Config {
  check(raw, CONFIG, '', file);
  checkSegments(raw as Parameters<typeof checkSegments>[0], file);
  checkEngine(raw as { engine?: Record<string, unknown>; segments?: string[] }, file);
  // Checked before anything runs: an unknown zone failed every file an ingest read (exit 3), as if the logs were bad.
  const zone = (raw as { timezone?: string }).timezone;
  if (zone !== undefined && !knownZone(zone)) {
    throw new UserError(msg.badValue(file, 'timezone', msg.ianaZone, `"${zone}"`));
  }
  const obj = raw as Omit<Config, 'root' | 'sources' | 'limits'> & {
    sources?: Record<string, SourceConfig>;
    $schema?: string;
    limits?: Partial<Limits>;
  };
  const { $schema: _schema, alerts, ...rest } = obj;
  const rules = alertRules(alerts, file, knownDimensions(obj));
  return {
    ...rest,
    ...(rules ? { alerts: rules } : {}),
    root,
    limits: checkLimits(obj.limits ?? {}, file),
    // The README promises paths relative to the config file; the database is one of them.
    ...(obj.db !== undefined ? { db: displayPath(resolve(root, obj.db)) } : {}),
    sources: obj.sources ?? {},
  };
}

/** The engine's values beyond their types: a known type, and for ClickHouse the url and shards it cannot do without. */
function checkEngine(raw: { engine?: Record<string, unknown>; segments?: string[] }, file: string): void {
  const engine = raw.engine;
  if (!engine) return;
  if (!(ENGINE_TYPES as readonly unknown[]).includes(engine.type)) {
    throw new UserError(msg.badValue(file, 'engine.type', ENGINE_TYPES.join(' or '), String(engine.type)));
  }
  if (engine.type !== 'clickhouse') return;
  // The cluster computes no segment figures (README "Statistics on a ClickHouse cluster"): asking for them is an error
  // here, not an empty breakdown on the site.
  if ((raw.segments ?? []).length > 0) throw new UserError(segmentMessages.clickhouseConfig(file));
  if (engine.url === undefined) throw new UserError(msg.missingKey(file, 'engine.url'));
  const shards = (engine.shards as string[] | undefined) ?? [];
  if (shards.length === 0) throw new UserError(msg.missingKey(file, 'engine.shards'));
  for (const [key, url] of [['engine.url', engine.url], ...shards.map((u, i) => [`engine.shards[${i}]`, u])]) {
    if (!/^https?:\/\/[^/\s]+\/?$/.test(String(url))) {
      throw new UserError(msg.badValue(file, String(key), 'an http(s) url such as http://127.0.0.1:8123', String(url)));
    }
  }
}

/** A path as the user would type it from here: relative when under the current folder, else absolute. */
function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * Reads `file` (relative to `dir`), else the `questlog.config.json` in `dir` (default cwd) or the nearest folder above
 * it; none found is an empty config rooted at `dir`, a named file missing or a broken one an error.
 */
export function loadConfig(dir: string = process.cwd(), file?: string): Config {
  const path = file ? resolve(dir, file) : findConfigFile(dir);
  if (!path) return { root: resolve(dir), sources: {}, limits: LIMIT_DEFAULTS };
  if (!existsSync(path)) throw new UserError(msg.missingFile(path));
  if (statSync(path).isDirectory()) throw new UserError(msg.isFolder(path));
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(msg.notJson(path, errorMessage(err)));
  }
  return { ...normalizeConfig(raw, dirname(path), path), file: path };
}

/** The limits in force: the config's, else the defaults (a Config built in code may leave them out). */
export function limitsOf(config: Config | undefined): Limits {
  return config?.limits ?? LIMIT_DEFAULTS;
}

/**
 * The database every command and `open()` uses, by one precedence: the `--db` flag (or open()'s argument), then
 * $QUESTLOG_DB, then the config's "db", then data/questlog.duckdb in the config's folder.
 */
export function resolveDb(config: Config, flag?: string): string {
  return flag ?? (process.env.QUESTLOG_DB || undefined) ?? config.db ?? displayPath(resolve(config.root, DEFAULT_DB));
}

/**
 * The database a command was pointed at (flag, $QUESTLOG_DB or a config file found), else undefined: `notebook run`
 * then passes none, and the notebook's `open()` finds its project from the notebook's own folder.
 */
export function chosenDb(config: Config, flag?: string): string | undefined {
  return flag !== undefined || process.env.QUESTLOG_DB || config.file ? resolveDb(config, flag) : undefined;
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
