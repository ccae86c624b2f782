// What a demo data set is made of: its options, their defaults (the committed sample) and their checks.

import { demoMessages as msg } from '../domain/demo-messages.js';
import { UserError } from '../domain/errors.js';

export type DemoFormat = 'seed' | 'ndjson' | 'csv' | 'parquet';
export const DEMO_FORMATS: readonly DemoFormat[] = ['seed', 'ndjson', 'csv', 'parquet'];

export interface DemoOptions {
  /** Output folder: `catalogue.csv`, `logs/<player>/<session start>.csv` (seed), `<format>/events-NNN.<ext>`. */
  out: string;
  seed?: number;
  /** Default 200; derived from `events` when only that is given. */
  players?: number;
  /** Approximate number of events wanted; sets `players` when `players` is not given. */
  events?: number;
  /** Catalogue quests players can meet (default 20). */
  quests?: number;
  /** Quest ids in the logs that the catalogue does not list (default 2). */
  unknownQuests?: number;
  /** Catalogue quests nobody can meet yet (default 1). */
  unreleasedQuests?: number;
  /** Mean number of quests a player meets (default 8). */
  meanQuests?: number;
  /** Events per player-quest, drawn uniformly (default 1..2; the benchmark uses 5..20). */
  minEvents?: number;
  maxEvents?: number;
  /** Period covered, from `start` (UTC date, default 2026-11-09) for `days` days (default 14). */
  start?: string;
  days?: number;
  /** Quests per chain in the catalogue (default 5). */
  chainLength?: number;
  /** Players enter at many chains instead of all at the first (default: when there are more than 40 quests). */
  spread?: boolean;
  /** Share of players who log in but never meet a quest (default 0.03). */
  idle?: number;
  /** Default ['seed']. */
  formats?: DemoFormat[];
  /** Events files per format, split by player (default 1). */
  shards?: number;
  /** gzip the NDJSON and CSV events files (Parquet is always compressed). */
  gzip?: boolean;
  /** Write the last day separately (`events-lastday-*`) from the history (`events-history-*`), for incremental runs. */
  splitLastDay?: boolean;
}

export interface DemoSummary {
  out: string;
  players: number;
  quests: number;
  events: number;
  sessions: number;
  /** Paths relative to `out`, sorted. */
  files: string[];
  bytes: number;
  ms: number;
}

/** The committed sample: `questlog demo-data` with no options reproduces data/sample byte for byte. */
export const SAMPLE_OPTIONS = {
  seed: 7,
  players: 200,
  quests: 20,
  unknownQuests: 2,
  unreleasedQuests: 1,
  meanQuests: 8,
  minEvents: 1,
  maxEvents: 2,
  start: '2026-11-09',
  days: 14,
  chainLength: 5,
  idle: 0.03,
  formats: ['seed'] as DemoFormat[],
  shards: 1,
  gzip: false,
} as const;

export type Resolved = Required<Omit<DemoOptions, 'events'>>;

export function resolveOptions(opts: DemoOptions): Resolved {
  const base = { ...SAMPLE_OPTIONS, formats: [...SAMPLE_OPTIONS.formats] };
  const pick = <K extends keyof typeof base>(k: K): (typeof base)[K] => (opts[k] ?? base[k]) as (typeof base)[K];
  const quests = pick('quests');
  const minEvents = pick('minEvents');
  const maxEvents = Math.max(opts.maxEvents ?? Math.max(base.maxEvents, minEvents), minEvents);
  const meanQuests = pick('meanQuests');
  const idle = pick('idle');
  const r: Resolved = {
    out: opts.out,
    seed: pick('seed'),
    players: opts.players ?? base.players,
    quests,
    unknownQuests: pick('unknownQuests'),
    unreleasedQuests: pick('unreleasedQuests'),
    meanQuests,
    minEvents,
    maxEvents,
    start: pick('start'),
    days: pick('days'),
    chainLength: pick('chainLength'),
    spread: opts.spread ?? quests > 40,
    idle,
    formats: [...new Set(opts.formats ?? base.formats)],
    shards: pick('shards'),
    gzip: pick('gzip'),
    splitLastDay: opts.splitLastDay ?? false,
  };
  validate(r);
  return r;
}

function validate(o: Resolved): void {
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new UserError(msg.badInteger(name, min, v));
  };
  int('seed', o.seed, 0);
  int('players', o.players, 1);
  int('quests', o.quests, 1);
  int('unknown quests', o.unknownQuests, 0);
  int('unreleased quests', o.unreleasedQuests, 0);
  int('min events', o.minEvents, 1);
  int('max events', o.maxEvents, o.minEvents);
  int('days', o.days, 1);
  int('chain length', o.chainLength, 1);
  int('shards', o.shards, 1);
  if (!(o.meanQuests >= 1)) throw new UserError(msg.badMeanQuests(o.meanQuests));
  if (!(o.idle >= 0 && o.idle < 1)) throw new UserError(msg.badIdle(o.idle));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.start) || Number.isNaN(Date.parse(`${o.start}T00:00:00Z`))) {
    throw new UserError(msg.badStart(o.start));
  }
  const bad = o.formats.filter((f) => !DEMO_FORMATS.includes(f));
  if (bad.length || o.formats.length === 0) {
    throw new UserError(msg.badFormat(bad), { hint: msg.formatsHint(DEMO_FORMATS) });
  }
}
