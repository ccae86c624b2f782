// The HTML report: handlebars templates (templates/) filled with escaped values; charts come in as SVG.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import {
  formatDuration,
  formatInt,
  formatRateInterval as formatInterval,
  formatNumber,
  formatPercent,
  formatTimestamp,
} from '../domain/format.js';
import type { QuestStats } from '../domain/types.js';
import { packageRoot } from '../root.js';
import { questPaths, type SiteData } from './api.js';
import type { Chart } from './charts.js';
import { stableJson } from './json.js';
import { dimensionPage, questBreakdowns } from './segment-pages.js';

export const TEMPLATES_DIR = join(packageRoot, 'templates');

/**
 * No script, style or connection may come from anywhere but the site itself. Inline styles are refused too:
 * vega's SVG carries none, and the CSS lives in one file.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'";

/** A chart ready for a page: its SVG, its spec file name and the spec as JSON for the interactive upgrade. */
export interface RenderedChart extends Chart {
  svg: string;
  /** The spec as written to its file (stable JSON). */
  specJson: string;
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
  charts: RenderedChart[];
}

/** The escapes that make JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
export function scriptJson(value: unknown): string {
  return escapeScriptJson(stableJson(value));
}

function escapeScriptJson(json: string): string {
  return json
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

type Page = 'index' | 'quest' | 'segments';

/** Compiled templates, created once per process (publishing 1,000 pages must not re-read them). */
let engine: { layout: HandlebarsTemplateDelegate; hb: typeof Handlebars } | undefined;

function templates() {
  if (engine) return engine;
  const hb = Handlebars.create();
  const partials = join(TEMPLATES_DIR, 'partials');
  for (const f of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(f.slice(0, -4), readFileSync(join(partials, f), 'utf8'));
  }
  for (const page of ['index', 'quest', 'segments'] satisfies Page[]) {
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
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('cell', (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'number' ? v : v));
  // Markup that is not data: chart SVG (vega and svg-charts escape every text and attribute they write), escaped JSON.
  hb.registerHelper('svg', (c: RenderedChart) => new hb.SafeString(c.svg));
  hb.registerHelper('specJson', (c: RenderedChart) => new hb.SafeString(escapeScriptJson(c.specJson)));
  const layout = hb.compile(readFileSync(join(TEMPLATES_DIR, 'layout.hbs'), 'utf8'), { strict: true });
  engine = { layout, hb };
  return engine;
}

function render(page: Page, model: Record<string, unknown>): string {
  return templates().layout({ ...model, page: `page-${page}`, csp: CSP });
}

/** Adds the chart's text alternative inside the SVG itself (accessible name and description). */
export function withTextAlternative(svg: string, title: string, description: string): string {
  const esc = Handlebars.escapeExpression;
  return svg
    .replace(/^<svg /, `<svg role="img" aria-label="${esc(title)}" focusable="false" `)
    .replace(/^(<svg[^>]*>)/, `$1<title>${esc(title)}</title><desc>${esc(description)}</desc>`);
}

export function renderIndex(
  data: SiteData,
  model: {
    quests: { q: QuestStats; fileId: string }[];
    charts: RenderedChart[];
    totals: { completions: number; anomalies: number };
  },
): string {
  const { meta } = data.snapshot;
  return render('index', {
    root: '',
    pageTitle: `${data.title} — quest report ${meta.snapshot_date}`,
    title: data.title,
    meta,
    generatedAt: data.generatedAt,
    quests: model.quests,
    questCount: model.quests.length,
    totals: model.totals,
    charts: model.charts,
    segmentDimensions: data.segments?.dimensions ?? [],
    coverage: data.coverage,
    hasQualityIssues:
      data.coverage.rejected_lines > 0 ||
      data.coverage.unknown_ids.length > 0 ||
      data.coverage.never_seen.length > 0 ||
      model.totals.anomalies > 0,
  });
}

export function renderQuest(data: SiteData, model: QuestPageModel): string {
  const { quest } = model;
  return render('quest', {
    root: '../',
    pageTitle: `${quest.name} — ${data.title}`,
    title: data.title,
    meta: data.snapshot.meta,
    generatedAt: data.generatedAt,
    quest,
    fileId: model.fileId,
    history: model.history,
    charts: model.charts,
    suppressed: quest.suppressed === true,
    segments: questBreakdowns(data.segments, quest.quest_id),
    minPlayers: data.segments?.minPlayers ?? 0,
    jsonUrl: questPaths(model.fileId, 'page').json,
    historyUrl: questPaths(model.fileId, 'page').history,
  });
}

/** segments/<dimension>.html: every quest's values of one dimension side by side. */
export function renderSegmentsPage(data: SiteData, dimension: string): string {
  const seg = data.segments;
  if (!seg) throw new Error("renderSegmentsPage needs the site's segments");
  return render('segments', {
    root: '../',
    pageTitle: `By ${dimension} — ${data.title}`,
    title: data.title,
    meta: data.snapshot.meta,
    generatedAt: data.generatedAt,
    minPlayers: seg.minPlayers,
    dimensions: seg.dimensions,
    ...dimensionPage(data, seg, dimension),
  });
}
