// Headless, parameterized notebook runs on the tslab kernel (what papermill does for Python kernels).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Effects, timed } from '../domain/effects.js';
import { errorMessage, InternalError, UserError } from '../domain/errors.js';
import { EXIT } from '../domain/messages.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import { packageRoot } from '../root.js';
import { injectParameters, type NotebookDoc } from './params.js';

const run = promisify(execFile);

const JUPYTER_PACKAGES =
  'Debian: apt-get install jupyter-nbconvert jupyter-notebook python3-nbclient python3-ipykernel';

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
    return new UserError(msg.noKernel(kernel), { hint: msg.noKernelHint });
  }
  if (/No module named|ENOENT/i.test(stderr)) {
    return new UserError(msg.noJupyter(python, summarize(stderr).split('\n').at(-1) ?? ''), {
      hint: msg.noJupyterHint(JUPYTER_PACKAGES),
    });
  }
  return new UserError(msg.execFailed(summarize(stderr)));
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
  if (!existsSync(notebook)) throw new UserError(msg.missing(opts.notebook));
  let nb: NotebookDoc;
  try {
    nb = JSON.parse(readFileSync(notebook, 'utf8')) as NotebookDoc;
  } catch (err) {
    throw new UserError(msg.invalidJson(opts.notebook, errorMessage(err)));
  }
  if (!Array.isArray(nb.cells)) throw new UserError(msg.noCells(opts.notebook));
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
      throw new UserError(msg.cellFailed(opts.notebook, f.index + 1, main, f.source.split('\n')[0] ?? '', detail), {
        hint: msg.cellFailedHint(final.ipynb),
        exitCode: EXIT.failed,
      });
    }
    effects.log(msg.ran(basename(notebook), res.cells, ms, final.ipynb, final.html));
    return { ...final, cells: res.cells, ms };
  } finally {
    for (const f of Object.values(tmp)) rmSync(f, { force: true });
  }
}

interface NotebookSetupOptions {
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
  if (!kernels.includes('tslab')) throw new UserError(msg.noTslab(python), { hint: msg.noTslabHint(python) });
  effects.log(msg.registered(python, kernels));
  return { python, kernels };
}
