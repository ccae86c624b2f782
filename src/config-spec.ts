// The config's shape checker: a small spec language (strings, records, arrays, objects with required keys) and the
// walk that names the dotted key of the first value that does not fit, with a "did you mean" for misspelt keys.
import { UserError } from './domain/errors.js';
import { configMessages as msg } from './domain/messages.js';
import { nearest } from './domain/nearest.js';

export type Spec =
  | 'string'
  | 'number'
  | 'boolean'
  | 'count'
  | 'scalar'
  | { array: Spec }
  | { record: Spec }
  | { object: Record<string, Spec>; required?: string[] };

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function expected(spec: Spec): string {
  if (spec === 'count') return 'a positive integer';
  if (typeof spec === 'string') return spec === 'scalar' ? 'a string, number or boolean' : `a ${spec}`;
  if ('array' in spec) return `an array of ${expected(spec.array).replace(/^an? /, '')}s`;
  return 'an object';
}

/** Checks `value` against `spec`; throws naming the dotted key path (`sources.mygame.paths[0]`). */
export function check(value: unknown, spec: Spec, path: string, file: string): void {
  const fail = () => {
    throw new UserError(msg.wrongType(file, path, expected(spec), kind(value)));
  };
  if (spec === 'string' || spec === 'boolean' || spec === 'number') {
    if (typeof value !== spec) fail();
    return;
  }
  if (spec === 'count') {
    if (!Number.isSafeInteger(value) || (value as number) < 1) fail();
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
      throw new UserError(msg.unknownKey(file, path ? `${path}.${k}` : k, nearestKey(k, Object.keys(spec.object))));
    check(v, sub, path ? `${path}.${k}` : k, file);
  }
  for (const k of spec.required ?? []) {
    if (!(k in obj)) throw new UserError(msg.missingKey(file, path ? `${path}.${k}` : k));
  }
}

/** The known key closest to a misspelling (edit distance ≤ 2), for the error's hint. */
function nearestKey(key: string, known: string[]): string | undefined {
  return nearest(
    key,
    known.filter((k) => !k.startsWith('$')),
  )[0];
}
