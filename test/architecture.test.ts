// The shape of src/ as the README's Architecture section describes it: no import cycles, no export nobody imports,
// no file past ~300 lines. Parsed with the TypeScript compiler, so `import type`, re-exports and `export { a as b }`
// count exactly.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');
/** The public surface: what users and notebooks import, and the CLI's entry. Their exports need no importer here. */
const ENTRY_POINTS = ['index.ts', 'notebook.ts', 'cli.ts'];
const MAX_LINES = 300;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' || name === 'data' ? [] : files(p, ext);
    return ext.test(name) ? [p] : [];
  });
}

interface Module {
  /** Names this module exports (declared here or re-exported). */
  exports: Set<string>;
  /** Modules it imports or re-exports from, with the names taken ('*' for a namespace or side-effect import). */
  imports: { from: string; names: string[] }[];
}

/** Resolves './x.js' against the importing file to the .ts file under src/ (undefined for packages). */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return resolve(dirname(file), spec).replace(/\.js$/, '.ts');
}

function parse(file: string): Module {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const mod: Module = { exports: new Set(), imports: [] };
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const from = target(file, st.moduleSpecifier.text);
      if (!from) continue;
      const c = st.importClause;
      const names: string[] = [];
      if (!c || c.name) names.push('*');
      const b = c?.namedBindings;
      if (b && ts.isNamespaceImport(b)) names.push('*');
      if (b && ts.isNamedImports(b)) for (const e of b.elements) names.push((e.propertyName ?? e.name).text);
      mod.imports.push({ from, names });
    } else if (ts.isExportDeclaration(st)) {
      const from =
        st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)
          ? target(file, st.moduleSpecifier.text)
          : undefined;
      const names: string[] = [];
      if (!st.exportClause) names.push('*');
      else if (ts.isNamedExports(st.exportClause)) {
        for (const e of st.exportClause.elements) {
          mod.exports.add(e.name.text);
          names.push((e.propertyName ?? e.name).text);
        }
      }
      if (from) mod.imports.push({ from, names });
    } else if (exported(st)) {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) mod.exports.add(d.name.text);
      } else {
        const name = (st as ts.DeclarationStatement).name;
        if (name && ts.isIdentifier(name)) mod.exports.add(name.text);
      }
    }
  }
  // Dynamic imports of project files (e.g. lazy loading) count as whole-module imports.
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      const from = arg && ts.isStringLiteral(arg) ? target(file, arg.text) : undefined;
      if (from) mod.imports.push({ from, names: ['*'] });
    }
    ts.forEachChild(node, walk);
  };
  walk(source);
  return mod;
}

const srcFiles = files(SRC, /\.ts$/).filter((f) => !f.endsWith('.d.ts'));
const modules = new Map(srcFiles.map((f) => [f, parse(f)]));
const name = (f: string) => relative(ROOT, f);

/** Import cycles among src/ modules (Tarjan's strongly connected components), each as its files. */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    for (const { from: w } of modules.get(v)?.imports ?? []) {
      if (!modules.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop() as string;
      scc.push(name(w));
    } while (w !== v);
    const self = modules.get(v)?.imports.some((i) => i.from === v);
    if (scc.length > 1 || self) out.push(scc.sort());
  };
  for (const f of modules.keys()) if (!index.has(f)) visit(f);
  return out;
}

/** Exports of src/ modules that no other module, test or benchmark imports. */
function deadExports(): string[] {
  const used = new Map<string, Set<string>>();
  const use = (from: string, names: string[]) => {
    const set = used.get(from) ?? new Set<string>();
    for (const n of names) set.add(n);
    used.set(from, set);
  };
  const testFiles = files(join(ROOT, 'test'), /\.ts$/);
  for (const [file, mod] of [...modules, ...testFiles.map((f) => [f, parse(f)] as const)]) {
    for (const i of mod.imports) if (i.from !== file) use(i.from, i.names);
  }
  // The benchmark loads the built package at run time (`dist/<module>.js`) and destructures what it needs.
  const bench = files(join(ROOT, 'bench'), /\.(js|mjs)$/)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const dead: string[] = [];
  for (const [file, mod] of modules) {
    const rel = relative(SRC, file);
    if (ENTRY_POINTS.includes(rel)) continue;
    const importers = used.get(file) ?? new Set<string>();
    const loadedByBench =
      bench.includes(`'${rel.replace(/\.ts$/, '')}'`) || bench.includes(`dist/${rel.replace(/\.ts$/, '.js')}`);
    for (const e of mod.exports) {
      if (importers.has(e) || importers.has('*')) continue;
      if (loadedByBench && new RegExp(`\\b${e}\\b`).test(bench)) continue;
      dead.push(`${name(file)}: ${e}`);
    }
  }
  return dead.sort();
}

/**
 * The packages a module loads at run time, through its value imports and theirs (type-only imports and dynamic
 * imports left out: they load nothing, or only when called).
 */
function packagesLoaded(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const c = st.importClause;
      const b = c?.namedBindings;
      const values =
        !c ||
        (!c.isTypeOnly &&
          (c.name !== undefined ||
            (b !== undefined && (ts.isNamespaceImport(b) || b.elements.some((e) => !e.isTypeOnly)))));
      if (!values) continue;
      const from = target(file, st.moduleSpecifier.text);
      if (from) visit(from);
      else packages.add(st.moduleSpecifier.text);
    }
  };
  visit(entry);
  return packages;
}

describe('the architecture of src/', () => {
  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('exports nothing that nobody imports (entry points aside)', () => {
    expect(deadExports()).toEqual([]);
  });

  it(`keeps every file under ${MAX_LINES} lines`, () => {
    const long = srcFiles
      .map((f) => [name(f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('keeps DuckDB out of the render workers (a worker terminated while a native library loads aborts the process)', () => {
    expect(packagesLoaded(join(SRC, 'publish/render-worker.ts'))).not.toContain('@duckdb/node-api');
    // The check sees DuckDB where it is loaded.
    expect(packagesLoaded(join(SRC, 'publish/publish.ts'))).toContain('@duckdb/node-api');
  });

  it('finds a cycle and a dead export when there is one (the checks can fail)', () => {
    const a = resolve(SRC, 'a.ts');
    const b = resolve(SRC, 'b.ts');
    modules.set(a, { exports: new Set(['x', 'unused']), imports: [{ from: b, names: ['y'] }] });
    modules.set(b, { exports: new Set(['y']), imports: [{ from: a, names: ['x'] }] });
    try {
      expect(cycles()).toContainEqual(['src/a.ts', 'src/b.ts']);
      expect(deadExports()).toContain('src/a.ts: unused');
    } finally {
      modules.delete(a);
      modules.delete(b);
    }
  });
});
