/**
 * JSON with sorted keys, two-space indent and a final newline: the same data always gives the same bytes. For what
 * people read (the CLI's JSON output); the published site's files are compactJson.
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(withSortedKeys(value), null, 2)}\n`;
}

/**
 * stableJson without indentation: every JSON file a publish writes (the API's documents, the chart specs, the index's
 * table data). Indentation was half a quest JSON's bytes (its segments) and of a history.json's, and a nightly
 * rewrites ~15,000 such files at 5,000 quests. Same keys, order and values; whitespace is not part of the API. The
 * native serialiser does the writing, and an object whose keys are already in order is used as it is, not copied.
 */
export function compactJson(value: unknown): string {
  return `${JSON.stringify(withSortedKeys(value))}\n`;
}

/**
 * compactJson of a value built with every object's keys in JSON's order already (api.ts's history entries): the same
 * bytes without the sorting pass, which lists every object's keys to find them in order (a quest's month of history:
 * up to 31 entries of 7 objects). Only for values whose builder keeps the order; a test compares each such document
 * with compactJson.
 */
export function orderedJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

function withSortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = withSortedKeys(value[i]);
      if (v !== value[i]) {
        copy ??= value.slice();
        copy[i] = v;
      }
    }
    return copy ?? value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const order = keyOrder(keys);
  if (order) {
    const sorted: Record<string, unknown> = {};
    for (const k of order) sorted[k] = withSortedKeys(obj[k]);
    return sorted;
  }
  let copy: Record<string, unknown> | undefined;
  for (const k of keys) {
    const v = withSortedKeys(obj[k]);
    if (v !== obj[k]) {
      copy ??= { ...obj };
      copy[k] = v;
    }
  }
  return copy ?? obj;
}

/**
 * The order JSON must list an object's keys in, or null when they already are. Documents repeat a few shapes
 * thousands of times (a publish serialises ~25,000 documents of a few dozen shapes), so the answer is kept per shape.
 */
function keyOrder(keys: string[]): string[] | null {
  if (inOrder(keys)) return null;
  const shape = keys.join('\u0001');
  const known = shapes.get(shape);
  // The joined keys name a shape only almost surely (a key may hold the separator): the keys themselves confirm it.
  if (known && known.keys.length === keys.length && known.keys.every((k, i) => k === keys[i])) return known.order;
  const sorted = objectKeyOrder([...keys].sort());
  const order = sorted.every((k, i) => k === keys[i]) ? null : sorted;
  // Objects keyed by data (ids, dates) would fill it with one-offs.
  if (shapes.size < 4096) shapes.set(shape, { keys, order });
  return order;
}

const shapes = new Map<string, { keys: string[]; order: string[] | null }>();

/**
 * Whether keys (as Object.keys lists them: array indexes first, ascending) are already in JSON's order, without
 * building a shape key: most objects are, and a 5,000-quest publish with 47 days of history checks ~600,000.
 */
function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1] as string;
    // An index before anything is in order: Object.keys lists indexes first, numerically.
    if (!(a < (keys[i] as string)) && !isIndex(a)) return false;
  }
  return true;
}

const isIndex = (k: string) => k.charCodeAt(0) <= 57 && ARRAY_INDEX.test(k) && Number(k) < 2 ** 32 - 1;

/** Sorted keys in the order an object built from them lists them: array indexes first, numerically. */
function objectKeyOrder(sorted: string[]): string[] {
  if (!sorted.some(isIndex)) return sorted;
  const indexes = sorted.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...sorted.filter((k) => !isIndex(k))];
}

/**
 * Rounds away floating-point noise (e.g. a mean summed in another order) so re-runs give identical bytes. The scaled
 * value is first cut to 15 significant digits: a sum in another order can land a few ulps below an exact half (a
 * survival of 0.15625 stored as 0.15624999999999994 by one backfill and exactly by another), which Math.round alone
 * would publish as 15.62 against 15.63.
 */
export function round(x: number | null, digits: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  const y = x * f;
  // toPrecision costs ~0.3 µs; it can only move a value within 1e-6 of a half (below 1e7, 15 digits reach 1e-8).
  const near = Math.abs(y - Math.floor(y) - 0.5) < 1e-6 || Math.abs(y) >= 1e7;
  const r = Math.round(near ? Number(y.toPrecision(15)) : y) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Seconds as an ISO 8601 duration in hours, minutes and seconds (no days: they are calendar-dependent). */
export function isoDuration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  let out = 'PT';
  if (h) out += `${h}H`;
  if (m) out += `${m}M`;
  if (s || out === 'PT') out += `${s}S`;
  return out;
}

/** 'YYYY-MM-DD HH:MM:SS' (DuckDB, UTC) -> ISO 8601 with Z. */
