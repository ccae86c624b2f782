// Segment dimensions in the config (issue 14): the built-in ones (build, platform, cohort) and the extra ones a
// mapped source declares (`sources.X.dimensions`: name → SQL expression over the row, README "Segments"). Checked
// and listed here once; every other module asks `knownDimensions` / `publishedDimensions`.
import { UserError } from './domain/errors.js';
import { configMessages } from './domain/messages.js';
import { segmentMessages as msg } from './domain/segment-messages.js';
import { DIMENSIONS } from './domain/types.js';

/**
 * An extra dimension's name: it becomes a JSON key, a folder of the API (`segments/<dimension>/…`) and a label, so
 * lower-case letters, digits and `_` only; never a built-in, `overall`, or `own_…` (the kept segment tables use those
 * for the per-quest rows and a player's own values).
 */
export const DIMENSION_NAME = /^[a-z][a-z0-9_]{0,31}$/;

function nameProblem(name: string): string | undefined {
  if (!DIMENSION_NAME.test(name)) return msg.badDimensionName(name);
  if ((DIMENSIONS as readonly string[]).includes(name) || name === 'overall' || name.startsWith('own_')) {
    return msg.reservedDimension(name, DIMENSIONS);
  }
  return undefined;
}

// The parts of a source and of the config read here, by shape (config.ts imports this module).
interface SourceConfig {
  format?: string;
  preset?: string;
  dimensions?: Record<string, string>;
}

interface Config {
  sources?: Record<string, SourceConfig>;
  segments?: string[];
  engine?: { type: string };
}

interface RawSegments {
  sources?: Record<string, SourceConfig>;
  segments?: string[];
  privacy?: { min_players?: number };
}

/** Values the config's shape cannot say: extra dimensions only on mapped sources and well named, known published
 * dimensions, a whole floor. */
export function checkSegments(raw: RawSegments, file: string): void {
  for (const [source, s] of Object.entries(raw.sources ?? {})) {
    const names = Object.keys(s.dimensions ?? {});
    // A source is mapped when it names a preset or says so, or says no format at all (src/ingest/formats.ts).
    if (names.length > 0 && s.preset === undefined && (s.format ?? 'mapped') !== 'mapped') {
      throw new UserError(configMessages.atKey(file, `sources.${source}.dimensions`, msg.dimensionsNotMapped(source)));
    }
    for (const name of names) {
      const problem = nameProblem(name);
      if (problem) throw new UserError(configMessages.atKey(file, `sources.${source}.dimensions.${name}`, problem));
    }
  }
  const known = knownOf(raw.sources ?? {});
  for (const [i, d] of (raw.segments ?? []).entries()) {
    if (!known.includes(d))
      throw new UserError(configMessages.atKey(file, `segments[${i}]`, msg.unknownDimension(d, known)));
  }
  const k = raw.privacy?.min_players;
  if (k !== undefined && !(Number.isInteger(k) && k >= 0))
    throw new UserError(configMessages.atKey(file, 'privacy.min_players', msg.badFloor(k)));
}

function extrasOf(sources: Record<string, SourceConfig>): string[] {
  const names = new Set<string>();
  for (const s of Object.values(sources)) for (const name of Object.keys(s.dimensions ?? {})) names.add(name);
  return [...names].sort();
}

function knownOf(sources: Record<string, SourceConfig>): string[] {
  return [...DIMENSIONS, ...extrasOf(sources)];
}

/** The extra dimensions the config's mapped sources declare, by name (each snapshot computes them too). */
export function extraDimensions(config: Config | undefined): string[] {
  return extrasOf(config?.sources ?? {});
}

/** Every dimension questlog computes per snapshot for this config: the built-in ones, then the extra ones by name. */
export function knownDimensions(config: Config | undefined): string[] {
  return knownOf(config?.sources ?? {});
}

/** The dimensions the site publishes: `segments` when set, else every known one (none on a ClickHouse engine). */
export function publishedDimensions(config: Config | undefined): string[] {
  if (config?.segments) return config.segments;
  return config?.engine?.type === 'clickhouse' ? [] : knownDimensions(config);
}
