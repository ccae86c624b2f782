// Headless, parameterized notebook runs on the tslab kernel (what papermill does for Python kernels).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Config, configPath } from '../config.js';
import { type Effects, timed } from '../domain/effects.js';
import { errorMessage, InternalError, UserError } from '../domain/errors.js';
import { packageRoot } from '../root.js';
import { escapeHtml } from './display.js';

const run = promisify(execFile);

export interface NotebookCell {
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

const JUPYTER_PACKAGES =
  'Debian: apt-get install jupyter-nbconvert jupyter-notebook python3-nbclient python3-ipykernel';

export const sourceText = (cell: NotebookCell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
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
    if (raw.trim() === '' || !Number.isFinite(n))
      throw new UserError(`parameter ${name} must be a number, got '${raw}'`);
    return String(n);
  }
  if (kind === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UserError(`parameter ${name} must be true or false, got '${raw}'`);
    return raw;
  }
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    throw new UserError(`parameter ${name} must be JSON (e.g. null, [1,2], "text"), got '${raw}'`);
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
  if (at < 0)
    throw new UserError('the notebook has no cell tagged "parameters"', {
      hint: 'tag the cell that declares its parameters (View > Cell Toolbar > Tags)',
    });
  const declared = declaredParameters(nb);
  const lines = names.map((name) => {
    const d = declared.get(name);
    if (!d)
      throw new UserError(`the notebook has no parameter ${name}`, {
        hint: `its parameters: ${[...declared.keys()].join(', ') || '(none)'}`,
      });
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
    if (eq <= 0) throw new UserError(`--param expects key=value, got '${pair}'`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

export function defaultPython(configured?: string): string {
  return configured ?? process.env.QUESTLOG_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

export interface NotebookRunOptions {
  notebook: string;
  params?: Record<string, string>;
  /** Folder for the executed .ipynb and its HTML (created). */
  out: string;
  /** File name (without extension) of the outputs; default the notebook's and its parameters' (`outputName`). */
  name?: string;
  /** Database the notebook's `open()` reads (its read copy when published), passed as $QUESTLOG_DB. */
  db?: string;
  python?: string;
  kernel?: string;
  /** Per cell; default 300 s. */
  timeoutSeconds?: number;
  /** Leave code cells out of the HTML (reports for readers who do not want the code). */
  hideCode?: boolean;
}

export interface NotebookRunResult {
  ipynb: string;
  html: string;
  cells: number;
  ms: number;
}

interface ExecResult {
  ok: boolean;
  cells: number;
  failed?: { index: number; execution_count: number | null; source: string; error: string };
}

/** Error text worth printing: the message lines of a stack, not the kernel's own frames. */
function summarize(error: string): string {
  const lines = error.split('\n').filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
  // A Python traceback says what went wrong last: keep its head and its final lines.
  if (lines.length > 12 && /^Traceback/.test(lines[0] ?? ''))
    return [...lines.slice(0, 2), '...', ...lines.slice(-6)].join('\n');
  return lines.slice(0, 12).join('\n');
}

/**
 * Headless runs use a kernelspec of their own, pointing at this checkout's tslab: the one `notebook setup` registers
 * is machine-wide, so another checkout (or a deleted one) may own it. JUPYTER_PATH is searched before the user's and
 * the system's kernels.
 */
function privateKernelPath(): string {
  const root = join(packageRoot, 'node_modules', '.cache', 'questlog', 'jupyter');
  const tslab = join(dirname(createRequire(import.meta.url).resolve('tslab/package.json')), 'bin', 'tslab');
  const spec = {
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (questlog)',
    language: 'typescript',
  };
  const dir = join(root, 'kernels', 'tslab');
  const file = join(dir, 'kernel.json');
  const text = `${JSON.stringify(spec, null, 1)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return [root, process.env.JUPYTER_PATH].filter(Boolean).join(':');
}

function pythonFailure(python: string, kernel: string, stderr: string): UserError {
  if (/No such kernel/i.test(stderr)) {
    return new UserError(`no Jupyter kernel named ${kernel}`, { hint: 'register it with `npm run setup:notebooks`' });
  }
  if (/No module named|ENOENT/i.test(stderr)) {
    return new UserError(`${python} cannot run Jupyter: ${summarize(stderr).split('\n').at(-1)}`, {
      hint: `install Jupyter (${JUPYTER_PACKAGES}) or set $QUESTLOG_PYTHON`,
    });
  }
  return new UserError(`notebook execution failed: ${summarize(stderr)}`);
}

/**
 * The default output name: the notebook's, plus each parameter in name order (`quest` + quest_id=KIL0002 ->
 * `quest-quest_id-KIL0002`), so a re-run with other parameters never overwrites the previous one. Characters a file
 * name should not hold become `_`.
 */
export function outputName(notebook: string, params: Record<string, string> = {}): string {
  const safe = (v: string) => v.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  const parts = Object.keys(params)
    .sort()
    .map((k) => `${safe(k)}-${safe(params[k] ?? '')}`);
  return [basename(notebook, '.ipynb'), ...parts].join('-');
}

/** Executes a notebook headless with injected parameters; writes `<out>/<name>.ipynb` and `.html` atomically. */
export async function runNotebook(opts: NotebookRunOptions, effects: Effects): Promise<NotebookRunResult> {
  const notebook = resolve(opts.notebook);
  if (!existsSync(notebook)) throw new UserError(`notebook ${opts.notebook} does not exist`);
  let nb: NotebookDoc;
  try {
    nb = JSON.parse(readFileSync(notebook, 'utf8')) as NotebookDoc;
  } catch (err) {
    throw new UserError(`${opts.notebook}: not a notebook (invalid JSON: ${errorMessage(err)})`);
  }
  if (!Array.isArray(nb.cells)) throw new UserError(`${opts.notebook}: not a notebook (no cells)`);
  const injected = injectParameters(nb, opts.params ?? {});
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  const name = opts.name ?? outputName(notebook, opts.params);
  const final = { ipynb: join(out, `${name}.ipynb`), html: join(out, `${name}.html`) };
  const tmp = {
    input: join(out, `.${name}.${process.pid}.in.ipynb`),
    ipynb: join(out, `.${name}.${process.pid}.ipynb.tmp`),
    html: join(out, `.${name}.${process.pid}.html.tmp`),
  };
  writeFileSync(tmp.input, JSON.stringify(injected, null, 1));
  const python = defaultPython(opts.python);
  const kernel = opts.kernel ?? 'tslab';
  const job = {
    input: tmp.input,
    output_ipynb: tmp.ipynb,
    output_html: tmp.html,
    cwd: dirname(notebook),
    kernel,
    timeout: opts.timeoutSeconds ?? 300,
    startup_timeout: 120,
    hide_code: opts.hideCode ?? false,
  };
  const env = {
    ...process.env,
    ...(kernel === 'tslab' ? { JUPYTER_PATH: privateKernelPath() } : {}),
    ...(opts.db ? { QUESTLOG_DB: resolve(opts.db) } : {}),
  };
  try {
    const [res, ms] = await timed(async () => {
      try {
        const { stdout } = await run(python, [join(packageRoot, 'src/notebook/exec.py'), JSON.stringify(job)], {
          env,
          maxBuffer: 64 << 20,
        });
        const last = stdout.trim().split('\n').at(-1) ?? '';
        return JSON.parse(last) as ExecResult;
      } catch (err) {
        const e = err as { stderr?: string; code?: unknown };
        if (e.stderr !== undefined || e.code === 'ENOENT')
          throw pythonFailure(python, kernel, `${e.stderr ?? ''}${errorMessage(err)}`);
        throw new InternalError(`notebook runner returned no result: ${errorMessage(err)}`, { cause: err });
      }
    });
    renameSync(tmp.ipynb, final.ipynb);
    renameSync(tmp.html, final.html);
    if (!res.ok && res.failed) {
      const f = res.failed;
      const detail = summarize(f.error);
      const main =
        detail.split('\n').find((l) => /^\w*(Error|Exception)\b.*:/.test(l)) ?? detail.split('\n')[0] ?? 'no message';
      throw new UserError(
        `${opts.notebook}: cell ${f.index + 1} failed: ${main}\n  cell: ${f.source.split('\n')[0] ?? ''}\n${detail}`,
        {
          hint: `the executed notebook with the error: ${final.ipynb}`,
          exitCode: 1,
        },
      );
    }
    effects.log(`notebook ${basename(notebook)}: ${res.cells} cells in ${ms} ms -> ${final.ipynb}, ${final.html}`);
    return { ...final, cells: res.cells, ms };
  } finally {
    for (const f of Object.values(tmp)) rmSync(f, { force: true });
  }
}

export interface NotebookSetupOptions {
  python?: string;
}

/** Registers the tslab kernel with the Jupyter of `python` (the kernel runs this checkout's tslab). */
export async function setupNotebooks(
  opts: NotebookSetupOptions,
  effects: Effects,
): Promise<{ python: string; kernels: string[] }> {
  const python = defaultPython(opts.python);
  const check =
    'import json\nfrom jupyter_client.kernelspec import KernelSpecManager\nprint(json.dumps(sorted(KernelSpecManager().find_kernel_specs())))';
  try {
    await run(python, ['-c', 'import nbclient, nbconvert, jupyter_client']);
  } catch (err) {
    throw pythonFailure(python, 'tslab', `${(err as { stderr?: string }).stderr ?? ''}${errorMessage(err)}`);
  }
  const tslabDir = dirname(createRequire(import.meta.url).resolve('tslab/package.json'));
  const binary = join(tslabDir, 'bin', 'tslab');
  await run(process.execPath, [binary, 'install', `--python=${python}`, `--binary=${binary}`]);
  const { stdout } = await run(python, ['-c', check]);
  const kernels = JSON.parse(stdout) as string[];
  if (!kernels.includes('tslab'))
    throw new UserError(`tslab install ran but ${python}'s Jupyter does not list a tslab kernel`);
  effects.log(`tslab kernel registered with ${python} (kernels: ${kernels.join(', ')})`);
  return { python, kernels };
}

/** One notebook report the nightly publishes: `config.notebooks.publish[]`. */
export interface NotebookReport {
  notebook: string;
  params?: Record<string, string>;
  /** Output name (default the notebook's); needed when one notebook is published with several parameter sets. */
  name?: string;
}

export interface NotebookReportsOptions {
  reports: NotebookReport[];
  /** Folder the reports end up in, e.g. reports/notebooks. */
  out: string;
  /** Base for relative notebook paths. */
  root: string;
  db?: string;
  python?: string;
  kernel?: string;
  hideCode?: boolean;
  /** Folder to stage in (default: beside `out`); must be on the same filesystem as where the stage ends up. */
  stageIn?: string;
}

/** The nightly's notebook reports from `questlog.config.json` "notebooks", or undefined when none are configured. */
export function notebookReportsFromConfig(config: Config, reportsOut: string): NotebookReportsOptions | undefined {
  const nb = (config.notebooks ?? {}) as {
    publish?: NotebookReport[];
    out?: string;
    python?: string;
    kernel?: string;
    hideCode?: boolean;
  };
  if (!Array.isArray(nb.publish) || nb.publish.length === 0) return undefined;
  return {
    reports: nb.publish,
    out: nb.out ? configPath(config, nb.out) : join(reportsOut, 'notebooks'),
    root: config.root,
    python: nb.python,
    kernel: nb.kernel,
    hideCode: nb.hideCode ?? true,
  };
}

/**
 * Runs every report into a staging folder beside `out` (same filesystem) with an index page; returns the folder.
 * Any failing notebook fails the whole set, and the staging folder is removed: the published reports stay as they were.
 */
export async function renderNotebookReports(opts: NotebookReportsOptions, effects: Effects): Promise<string> {
  const parent = opts.stageIn ?? dirname(opts.out);
  mkdirSync(parent, { recursive: true });
  const stage = join(parent, `.${basename(opts.out)}.new-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  try {
    const done: { name: string; notebook: string; params: Record<string, string> }[] = [];
    for (const r of opts.reports) {
      const name = r.name ?? outputName(r.notebook, r.params);
      if (done.some((d) => d.name === name))
        throw new UserError(`two notebook reports are named ${name}: give each a "name"`);
      const params = r.params ?? {};
      await runNotebook(
        {
          notebook: resolve(opts.root, r.notebook),
          params,
          out: stage,
          name,
          db: opts.db,
          python: opts.python,
          kernel: opts.kernel,
          hideCode: opts.hideCode,
        },
        effects,
      );
      done.push({ name, notebook: r.notebook, params });
    }
    const items = done
      .map((d) => {
        const p = Object.entries(d.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
        return `<li><a href="${encodeURIComponent(d.name)}.html">${escapeHtml(d.name)}</a>${p ? ` <small>(${escapeHtml(p)})</small>` : ''} · <a href="${encodeURIComponent(d.name)}.ipynb">notebook</a></li>`;
      })
      .join('\n');
    writeFileSync(
      join(stage, 'index.html'),
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Notebook reports</title></head>\n<body><h1>Notebook reports</h1>\n<ul>\n${items}\n</ul></body></html>\n`,
    );
    return stage;
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    throw err;
  }
}

/** Swaps a staged reports folder in: old -> .old, stage -> out, drop .old. */
export function installNotebookReports(stage: string, out: string): void {
  const old = join(dirname(out), `.${basename(out)}.old`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, old);
  renameSync(stage, out);
  rmSync(old, { recursive: true, force: true });
}
