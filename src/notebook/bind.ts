// Tagged templates to SQL: every `${value}` becomes a bound parameter, never pasted into the text.
import { UserError } from '../domain/errors.js';
import type { Params } from '../engine/db.js';

export type SqlValue = string | number | boolean | bigint | null | Date;

/** Turns a tagged template into SQL with `$p0..$pN` placeholders: values are always bound, never pasted. */
export function bindTemplate(strings: readonly string[], values: readonly SqlValue[]): { sql: string; params: Params } {
  const params: Params = {};
  let sql = strings[0] ?? '';
  values.forEach((value, i) => {
    if (value === undefined) throw new UserError(`sql: value \${${i}} is undefined`);
    params[`p${i}`] = value instanceof Date ? value.toISOString().replace('T', ' ').slice(0, 19) : value;
    sql += `$p${i}${strings[i + 1] ?? ''}`;
  });
  return { sql, params };
}
