// The HTML report: handlebars templates (templates/) filled with escaped values; charts come in as SVG.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { InternalError } from '../domain/errors.js';
import {
  formatDuration,
  formatInt,
  formatRateInterval as formatInterval,
  formatNumber,
  formatPercent,
  formatTimestamp,
} from '../domain/format.js';
import { escapeHtml as esc } from '../domain/html.js';
import { segmentMessages } from '../domain/segment-messages.js';
import type { ChainStep, QuestStats } from '../domain/types.js';
import { packageRoot } from '../root.js';
import { questPaths, type SiteData } from './api.js';
import type { Headline } from './attention.js';
import { describeMover } from './changes.js';
import type { Chart } from './charts.js';
import type { Pager } from './quest-table.js';
import { breakdownsHtml } from './segment-html.js';
import { type Breakdown, dimensionPage, questBreakdowns } from './segment-pages.js';

export const TEMPLATES_DIR = join(packageRoot, 'templates');

/**
 * No script, style or connection may come from anywhere but the site itself. Inline styles are refused too:
 * vega's SVG carries none, and the CSS lives in one file.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'";

/**
 * A chart ready for a page: its SVG and the name of its spec file, which the interactive upgrade loads (the page
 * carries no second copy of the spec: for a quest's history that was half the page).
 */
export interface RenderedChart extends Chart {
  svg: string;
  specFile: string;
  /** Whether the data table starts unfolded (the quest history table is part of the page, not an extra). */
  open: boolean;
  /** Spans the page's width instead of sharing a row. */
  wide: boolean;
}

interface QuestPageModel {
  quest: QuestStats;
  fileId: string;
  history: QuestStats[];
  /** Whether `history` is every stored date; else `monthHtml` links to the full history. */
  complete: boolean;
  /** Links to the quest's month files, escaped HTML (rendered once per list of months, see quest-pages.ts). */
  monthHtml: string;
  charts: RenderedChart[];
}

type Page = 'index' | 'quest' | 'list' | 'api' | 'chains' | 'segments';

/** Compiled templates, created once per process (publishing 1,000 pages must not re-read them). */
let engine: { layout: HandlebarsTemplateDelegate; hb: typeof Handlebars } | undefined;

function templates() {
  if (engine) return engine;
  const hb = Handlebars.create();
  const partials = join(TEMPLATES_DIR, 'partials');
  for (const f of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(f.slice(0, -4), readFileSync(join(partials, f), 'utf8'));
  }
  for (const page of ['index', 'quest', 'list', 'api', 'chains', 'segments'] satisfies Page[]) {
    hb.registerPartial(`page-${page}`, readFileSync(join(TEMPLATES_DIR, `${page}.hbs`), 'utf8'));
  }
  hb.registerHelper('int', (n: number | null) => formatInt(n));
  hb.registerHelper('pct', (n: number | null) => formatPercent(n));
  hb.registerHelper('ci', (low: number | null, high: number | null) => formatInterval(low, high));
  hb.registerHelper('dur', (n: number | null) => formatDuration(n));
  hb.registerHelper('pct100', (n: number | null) => (n === null ? 0 : Math.round(n * 1000) / 10));
  hb.registerHelper('num', (n: number | null) => formatNumber(n));
  hb.registerHelper('ts', (s: string | null) => formatTimestamp(s));
  hb.registerHelper('questHref', (fileId: string) => questPaths(fileId).html);
  // A change since the previous snapshot, signed: "+12", "−3", "±0".
  hb.registerHelper('signed', (n: number | null) =>
    n === null ? '' : n > 0 ? `+${formatInt(n)}` : n < 0 ? `−${formatInt(-n)}` : '±0',
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Markup that is not data: chart SVG (vega and svg-charts escape every text and attribute they write), escaped JSON.
  hb.registerHelper('svg', (c: RenderedChart) => new hb.SafeString(c.svg));
  hb.registerHelper('dataTable', (table: Chart['table']) => new hb.SafeString(dataTable(table)));
  hb.registerHelper(
    'breakdowns',
    (b: Breakdown[], minPlayers: number) => new hb.SafeString(breakdownsHtml(b, minPlayers)),
  );
  const layout = hb.compile(readFileSync(join(TEMPLATES_DIR, 'layout.hbs'), 'utf8'), { strict: true });
  engine = { layout, hb };
  return engine;
}

/**
 * A chart's data table, written here rather than by a template looping over its cells: a quest page's history table
 * has ~300 cells, and a helper call and a few string pieces per cell were a quarter of rendering the page. Its rows on
 * one line without the end tags HTML lets a parser imply (`</th>`, `</td>`, `</tr>`, closed by the next cell or row
 * and by `</tbody>`): the same table to a browser, and a tenth of a 5,000-quest nightly's page bytes with the
 * breakdowns' rows (segment-html.ts; issue 16 NOTES, round 13).
 */
function dataTable(table: Chart['table']): string {
  const head = table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('');
  let rows = '';
  for (const row of table.rows) {
    rows += '<tr>';
    row.forEach((v, i) => {
      const cell = esc(v === null || v === undefined ? '–' : String(v));
      rows += i === 0 ? `<th scope="row">${cell}` : `<td>${cell}`;
    });
  }
  return `<div class="table-wrap">\n<table class="data">\n  <thead><tr>${head}</tr></thead>\n  <tbody>\n${rows}</tbody>\n</table>\n</div>`;
}

function render(page: Page, model: Record<string, unknown>): string {
  return templates().layout({ ...model, page: `page-${page}`, csp: CSP });
}

/** Adds the chart's text alternative inside the SVG itself (accessible name and description). */
export function withTextAlternative(svg: string, title: string, description: string): string {
  return svg
    .replace(/^<svg /, `<svg role="img" aria-label="${esc(title)}" focusable="false" `)
    .replace(/^(<svg[^>]*>)/, `$1<title>${esc(title)}</title><desc>${esc(description)}</desc>`);
}

export function renderIndex(
  data: SiteData,
  model: {
    quests: { q: QuestStats; fileId: string }[];
    /** The first page of the quest table, and its pager (null when it holds every quest). */
    page: { rows: { q: QuestStats; fileId: string }[]; pager: Pager | null };
    charts: RenderedChart[];
    totals: { completions: number; anomalies: number };
    cards: Headline[];
  },
): string {
  const { meta } = data.snapshot;
  return render('index', {
    root: '',
    pageTitle: `${data.title} — quest report ${meta.snapshot_date}`,
    notice: data.notice ?? null,
    title: data.title,
    meta,
    generatedAt: data.generatedAt,
    quests: model.page.rows,
    pager: model.page.pager,
    questCount: model.quests.length,
    totals: model.totals,
    cards: model.cards,
    chains: chainsOf(model.quests),
    charts: model.charts,
    segmentDimensions: data.segments?.dimensions ?? [],
    coverage: data.coverage,
    changes: whatChanged(data),
    hasChains: (data.chains?.length ?? 0) > 0,
    hasQualityIssues:
      data.coverage.rejected_lines > 0 ||
      data.coverage.unknown_ids.length > 0 ||
      data.coverage.never_seen.length > 0 ||
      model.totals.anomalies > 0,
  });
}

/** A further page of the index's quest table (list/page-N.html). */
export function renderList(
  data: SiteData,
  page: { rows: { q: QuestStats; fileId: string }[]; pager: Pager },
  chains: string[],
): string {
  return render('list', {
    root: '../',
    pageTitle: `Quests, page ${page.pager.number} — ${data.title}`,
    title: data.title,
    meta: data.snapshot.meta,
    generatedAt: data.generatedAt,
    quests: page.rows,
    pager: page.pager,
    chains,
  });
}

/** api.html: the API described for consumers (model from api-docs.ts). */
export function renderApi(data: SiteData, model: Record<string, unknown>): string {
  return render('api', {
    root: '',
    pageTitle: `JSON API — ${data.title}`,
    title: data.title,
    meta: data.snapshot.meta,
    generatedAt: data.generatedAt,
    ...model,
  });
}

/** Numbers in a name by value: "Act 2" before "Act 10", as a reader looks for them in the chain filter. */
const byName = new Intl.Collator('en', { numeric: true }).compare;

export function chainsOf(quests: readonly { q: QuestStats }[]): string[] {
  return [...new Set(quests.map((p) => p.q.chain).filter((c): c is string => c !== null))].sort(byName);
}

export function renderQuest(data: SiteData, model: QuestPageModel): string {
  const { quest } = model;
  return render('quest', {
    root: '../',
    pageTitle: `${quest.name} — ${data.title}`,
    notice: data.notice ?? null,
    title: data.title,
    meta: data.snapshot.meta,
    generatedAt: data.generatedAt,
    quest,
    survival: data.survival?.find((s) => s.quest_id === quest.quest_id) ?? null,
    fileId: model.fileId,
    history: model.history,
    historyComplete: model.complete,
    historyWindow: model.history.length,
    monthLinks: model.monthHtml === '' ? null : new Handlebars.SafeString(model.monthHtml),
    charts: model.charts,
    suppressed: quest.suppressed === true,
    segments: questBreakdowns(data.segments, quest.quest_id),
    minPlayers: data.segments?.minPlayers ?? 0,
    jsonUrl: questPaths(model.fileId, 'page').json,
    historyUrl: questPaths(model.fileId, 'page').history,
  });
}

/** The index's "What changed" section: alerts, then the largest significant movers, worst first. */
function whatChanged(data: SiteData, limit = 10) {
  const c = data.changes;
  if (!c || c.latest.previous_date === null) return null;
  return {
    previousDate: c.latest.previous_date,
    alerts: c.alerts.map((a) => ({ text: describeMover(a.mover), worse: a.mover.worse })),
    movers: c.movers.slice(0, limit).map((m) => ({ text: describeMover(m), worse: m.worse })),
    more: Math.max(0, c.movers.length - limit),
    // Segment values that moved, worst first, as many again at most.
    segmentMovers: (c.segmentMovers ?? []).slice(0, limit).map((m) => ({ text: describeMover(m), worse: m.worse })),
    segmentMore: Math.max(0, (c.segmentMovers ?? []).length - limit),
  };
}

export function renderChains(
  data: SiteData,
  model: { chains: { chain: string; fileId: string; steps: ChainStep[] }[]; charts: RenderedChart[] },
): string {
  return render('chains', {
    root: '',
    pageTitle: `Chains — ${data.title}`,
    title: data.title,
    meta: data.snapshot.meta,
    generatedAt: data.generatedAt,
    chains: model.chains.map((c, i) => ({ ...c, chart: model.charts[i] })),
  });
}

/** segments/<dimension>.html: every quest's values of one dimension side by side. */
export function renderSegmentsPage(data: SiteData, dimension: string): string {
  const seg = data.segments;
  if (!seg) throw new InternalError(segmentMessages.segmentsNeeded);
  return render('segments', {
    root: '../',
    pageTitle: `By ${dimension} — ${data.title}`,
    notice: data.notice ?? null,
    title: data.title,
    meta: data.snapshot.meta,
    generatedAt: data.generatedAt,
    minPlayers: seg.minPlayers,
    dimensions: seg.dimensions,
    ...dimensionPage(data, seg, dimension),
  });
}
