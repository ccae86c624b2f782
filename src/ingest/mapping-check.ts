// A mapped source's config, checked before anything loads: its fields, filter and dimensions are spliced into SQL, so
// each must be one expression that cannot reach outside the parentheses around it (dimension names: config-dimensions).

import { UserError } from '../domain/errors.js';
import { inputMessages } from '../domain/input-messages.js';
import type { Mapping } from './presets.js';

const READERS: Mapping['reader'][] = ['csv', 'json', 'parquet'];
const FIELDS = ['ts', 'player_id', 'quest_id', 'status', 'session_id', 'build', 'platform'];

/**
 * A mapping's reader must be one questlog has, and its fields, filter and dimensions single SQL expressions: they are
 * placed inside parentheses, so one that closes them (`true) OR (1=1`), ends the statement or comments out the rest
 * would change the query around it.
 */
export function checkMapping(name: string, m: Mapping): Mapping {
  if (!READERS.includes(m.reader)) {
    throw new UserError(inputMessages.unknownReader(name, m.reader, READERS));
  }
  for (const key of Object.keys(m.fields)) {
    if (!FIELDS.includes(key)) throw new UserError(inputMessages.unknownField(name, key, FIELDS));
  }
  const exprs: [string, string][] = Object.entries(m.fields).map(([k, v]) => [`fields.${k}`, v]);
  if (m.filter !== undefined) exprs.push(['filter', m.filter]);
  for (const [k, v] of Object.entries(m.dimensions ?? {})) exprs.push([`dimensions.${k}`, v]);
  for (const [key, expr] of exprs) {
    const problem = expressionProblem(expr);
    if (problem) throw new UserError(inputMessages.notOneExpression(name, key, problem));
  }
  return m;
}

/** Why `expr` is not one self-contained expression (quotes and parentheses balanced, no `;` or comment), or undefined. */
function expressionProblem(expr: string): string | undefined {
  if (expr.trim() === '') return 'it is empty';
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "'" || c === '"') {
      const end = closing(expr, i, c);
      if (end === -1) return `unclosed ${c}`;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return `a ')' closes more than it opened (at character ${i + 1})`;
    else if (c === ';') return "';' ends the statement";
    else if ((c === '-' && expr[i + 1] === '-') || (c === '/' && expr[i + 1] === '*')) return 'a comment';
  }
  return depth > 0 ? "a '(' is never closed" : undefined;
}

/** Index of the quote closing the one at `from` (a doubled quote is an escaped one), or -1. */
function closing(text: string, from: number, quote: string): number {
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) i++;
    else return i;
  }
  return -1;
}
