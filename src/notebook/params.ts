// Notebook parameters, papermill's way: declared in the cell tagged `parameters`, injected as a cell after it.
import { UserError } from '../domain/errors.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface NotebookDoc {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

type ParamKind = 'string' | 'number' | 'boolean' | 'json';
interface Declared {
  keyword: 'let' | 'const' | 'var';
  kind: ParamKind;
}

const sourceText = (cell: NotebookCell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
const tagged = (cell: NotebookCell, tag: string) => cell.metadata.tags?.includes(tag) ?? false;

/** The parameters a notebook declares: top-level `let name = default;` lines of its cell tagged `parameters`. */
export function declaredParameters(nb: NotebookDoc): Map<string, Declared> {
  const cell = nb.cells.find((c) => tagged(c, 'parameters'));
  const out = new Map<string, Declared>();
  if (!cell) return out;
  for (const line of sourceText(cell).split('\n')) {
    const m = /^(let|const|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=]+))?=\s*(.+?);?\s*(\/\/.*)?$/.exec(line.trim());
    if (!m) continue;
    const [, keyword, name, type = '', init = ''] = m;
    const kind: ParamKind =
      /string/.test(type) || /^['"`]/.test(init)
        ? 'string'
        : /number/.test(type) || /^-?[\d.]/.test(init)
          ? 'number'
          : /boolean/.test(type) || /^(true|false)$/.test(init)
            ? 'boolean'
            : 'json';
    out.set(name as string, { keyword: keyword as Declared['keyword'], kind });
  }
  return out;
}

/** A `--param` value as a TypeScript literal of the declared parameter's type. */
function literalFor(name: string, raw: string, kind: ParamKind): string {
  if (kind === 'string') return JSON.stringify(raw);
  if (kind === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new UserError(msg.notANumber(name, raw));
    return String(n);
  }
  if (kind === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UserError(msg.notABoolean(name, raw));
    return raw;
  }
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    throw new UserError(msg.notJson(name, raw));
  }
}

/**
 * Papermill's convention: a new cell tagged `injected-parameters` right after the cell tagged `parameters` redeclares
 * the given names (tslab lets a later cell redeclare a top-level name), replacing any earlier injected cell.
 */
export function injectParameters(
  nb: NotebookDoc,
  params: Record<string, string>,
  from = 'questlog notebook run',
): NotebookDoc {
  const names = Object.keys(params).sort();
  const cells = nb.cells.filter((c) => !tagged(c, 'injected-parameters'));
  if (names.length === 0) return { ...nb, cells };
  const at = cells.findIndex((c) => tagged(c, 'parameters'));
  if (at < 0) throw new UserError(msg.noParametersCell, { hint: msg.noParametersCellHint });
  const declared = declaredParameters(nb);
  const lines = names.map((name) => {
    const d = declared.get(name);
    if (!d) throw new UserError(msg.noParameter(name), { hint: msg.itsParameters([...declared.keys()]) });
    return `${d.keyword} ${name} = ${literalFor(name, params[name] as string, d.kind)};`;
  });
  const injected: NotebookCell = {
    cell_type: 'code',
    execution_count: null,
    metadata: { tags: ['injected-parameters'] },
    outputs: [],
    source: [`// Parameters injected by ${from}\n`, lines.join('\n')],
  };
  return {
    ...nb,
    cells: [...cells.slice(0, at + 1), injected, ...cells.slice(at + 1)],
    metadata: { ...nb.metadata, questlog: { parameters: Object.fromEntries(names.map((n) => [n, params[n]])) } },
  };
}

/** `key=value` pairs from `--param` flags. */
export function parseParams(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UserError(msg.badParam(pair));
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}
