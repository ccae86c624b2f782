// The nightly's notebook reports: every configured notebook run into a staging folder with an index page, swapped in
// as a whole (one failing notebook keeps the published reports as they were).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type Config, type NotebookReportConfig, notebookSettings } from '../config.js';
import type { Effects } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import { oldOf, swap } from '../publish/site-files.js';
import { escapeHtml } from './display.js';
import { outputName, runNotebook } from './run.js';

/** One notebook report the nightly publishes: `config.notebooks.publish[]`. */
export type NotebookReport = NotebookReportConfig;

interface NotebookReportsOptions {
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
  const nb = notebookSettings(config);
  if (nb.publish.length === 0) return undefined;
  return {
    reports: nb.publish,
    out: nb.out ?? join(reportsOut, 'notebooks'),
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
      if (done.some((d) => d.name === name)) throw new UserError(msg.duplicateName(name));
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

/** Swaps a staged reports folder in (as a site is swapped in), then drops the previous reports. */
export async function installNotebookReports(stage: string, out: string): Promise<void> {
  rmSync(oldOf(out), { recursive: true, force: true });
  await swap(out, stage);
  rmSync(oldOf(out), { recursive: true, force: true });
}
