// A quest's full history as one JSON file per closed calendar month, so a nightly rewrites only the months that changed
// (normally none: the open month, the snapshot's, is served by each quest's history.json alone) instead of every
// quest's whole history, and its cost stays flat as history grows.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuestStats } from '../domain/types.js';
import { API_DIR, API_SCHEMA_VERSION, historyEntry, type MonthSource, type SiteData } from './api.js';
import { fileIdOf } from './file-ids.js';
import { compactJson, orderedJson } from './json.js';

/**
 * Snapshot dates shown on quest pages (static chart and table) and the index's trend; every date is in the month files.
 * 31: it always holds the whole open month (which the pages then write to history.json from these rows), and a site with 30
 * days of history nearly fills it, so a nightly costs about the same at 30 and 365 days (issue 16); at 90 the page's
 * history table and chart were two thirds of a quest page.
 */
export const HISTORY_WINDOW = 31;

/**
 * Bumped when a month file's content changes shape for the same stored rows: the new version makes every month be
 * written again once.
 */
const MONTH_FORMAT = 2; // 2: compact JSON

const MONTHS_INDEX = `${API_DIR}/history-months.json`;
export const monthPath = (fileId: string, month: string) => `${API_DIR}/quests/${fileId}/history/${month}.json`;

/** The month source of a site whose `history` holds every stored date (hand-built sites, tests). */
export function monthsFromHistory(history: readonly QuestStats[]): MonthSource {
  const byMonth = new Map<string, QuestStats[]>();
  for (const r of history) {
    const m = r.snapshot_date.slice(0, 7);
    const list = byMonth.get(m);
    if (list) list.push(r);
    else byMonth.set(m, [r]);
  }
  const months = [...byMonth.keys()].sort().map((month) => {
    const rows = byMonth.get(month) ?? [];
    const version = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    return { month, version, dates: new Set(rows.map((r) => r.snapshot_date)).size };
  });
  const monthsOf = new Map<string, Set<string>>();
  for (const r of history) {
    const set = monthsOf.get(r.quest_id);
    if (set) set.add(r.snapshot_date.slice(0, 7));
    else monthsOf.set(r.quest_id, new Set([r.snapshot_date.slice(0, 7)]));
  }
  const questMonths = [...monthsOf.keys()].sort().map((quest_id) => ({
    quest_id,
    months: [...(monthsOf.get(quest_id) ?? [])].sort(),
  }));
  return { months, questMonths, load: async (month) => byMonth.get(month) ?? [] };
}

interface MonthState {
  month: string;
  version: string;
  dates: number;
  /** Which quests' files the month has (a hash of their file ids): a new or renamed quest means writing it again. */
  files: string;
  /**
   * The open month (the snapshot date's, still taking dates): it has no month files, its entries are in each quest's
   * history.json. Absent in indexes written before this field (whose latest month had files).
   */
  open?: boolean;
}

/** What the site being built (a recycled earlier site) says it holds; nothing when it is new or unreadable. */
function previousMonths(buildRoot: string): Map<string, MonthState> {
  try {
    const doc = JSON.parse(readFileSync(join(buildRoot, MONTHS_INDEX), 'utf8')) as { months?: MonthState[] };
    return new Map((doc.months ?? []).map((m) => [m.month, m]));
  } catch {
    return new Map();
  }
}

interface MonthWriter {
  write(rel: string, content: string): Promise<void> | void;
  /** Keeps a file the recycled site already holds, unchanged (and its compressed copies); false when it lacks it. */
  keep(rel: string): boolean;
  /** Months done of all (for a progress line). */
  progress?(done: number, total: number): void;
}

/**
 * Writes (or keeps) every quest's files of the closed months and the months index. Months whose version and set of
 * quests match what the recycled site holds are kept without reading a row; the others are read from the source and
 * written. The open month (the snapshot date's) gets no files: each quest's history.json carries its entries, so a
 * nightly writes them once, not twice; its files are written on the first nightly after it closes (and the next one,
 * into the site's other folder).
 */
export async function writeHistoryMonths(
  data: SiteData,
  ids: Map<string, string>,
  source: MonthSource,
  buildRoot: string,
  out: MonthWriter,
): Promise<{ written: number; kept: number }> {
  const before = previousMonths(buildRoot);
  const published = new Set(data.snapshot.quests.map((q) => q.quest_id));
  const fileIdsOf = filesByMonth(source, published, ids);
  const open = openMonth(data);
  const state: MonthState[] = [];
  let written = 0;
  let kept = 0;
  for (const [k, m] of source.months.entries()) {
    out.progress?.(k, source.months.length);
    const monthFiles = fileIdsOf(m.month);
    const files = createHash('sha256').update(monthFiles.join('\n')).digest('hex');
    const version = `${MONTH_FORMAT}:${m.version}`;
    state.push({ month: m.month, version, dates: m.dates, files, open: m.month === open });
    if (m.month === open) continue;
    const prev = before.get(m.month);
    // Every file must still be there: one the walk dropped (a link planted in its place) makes the month written again.
    // A month open in the recycled site has no files there (an index older than `open` may say otherwise: checked).
    if (
      prev &&
      prev.open !== true &&
      prev.version === version &&
      prev.files === files &&
      monthFiles.every((f) => out.keep(monthPath(f, m.month)))
    ) {
      kept += monthFiles.length;
      continue;
    }
    const rows = await source.load(m.month);
    let i = 0;
    while (i < rows.length) {
      const quest = (rows[i] as QuestStats).quest_id;
      let j = i;
      while (j < rows.length && (rows[j] as QuestStats).quest_id === quest) j++;
      if (published.has(quest)) {
        const fileId = fileIdOf(ids, quest);
        await out.write(monthPath(fileId, m.month), monthJson(quest, fileId, m.month, entriesJson(rows.slice(i, j))));
        written++;
      }
      i = j;
    }
  }
  out.progress?.(source.months.length, source.months.length);
  await out.write(MONTHS_INDEX, compactJson({ schema_version: API_SCHEMA_VERSION, months: state }));
  return { written, kept };
}

/** The open month ('YYYY-MM'): the snapshot date's, whose entries are in history.json rather than in month files. */
const openMonth = (data: SiteData) => data.snapshot.meta.snapshot_date.slice(0, 7);

/**
 * The file ids of the published quests with rows in a month, sorted: the quests are sorted once and filtered per month
 * by their (shared) month lists, rather than grouped from one (quest, month) pair per quest and month.
 */
function filesByMonth(source: MonthSource, published: Set<string>, ids: Map<string, string>) {
  const quests = source.questMonths
    .filter((q) => published.has(q.quest_id))
    .map((q) => ({ fileId: fileIdOf(ids, q.quest_id), months: q.months }))
    .sort((a, b) => (a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0));
  const sets = new Map<string[], Set<string>>();
  const setOf = (months: string[]) => {
    const set = sets.get(months) ?? new Set(months);
    sets.set(months, set);
    return set;
  };
  return (month: string) => quests.filter((q) => setOf(q.months).has(month)).map((q) => q.fileId);
}

/**
 * One quest's figures on each stored date of one month (`entries`: entriesJson of its rows). No generation time:
 * unchanged rows give unchanged bytes.
 */
function monthJson(questId: string, fileId: string, month: string, entries: string): string {
  return withEntries(
    { schema_version: API_SCHEMA_VERSION, quest_id: questId, file_id: fileId, month, history: ENTRIES },
    entries,
  );
}

/**
 * A quest's rows as the compact JSON array of history entries, in date order: a month file's, and history.json's
 * (the open month's, made once a night).
 */
export function entriesJson(rows: readonly QuestStats[]): string {
  const sorted = rows.every((r, i) => i === 0 || (rows[i - 1] as QuestStats).snapshot_date < r.snapshot_date)
    ? rows
    : [...rows].sort((a, b) => a.snapshot_date.localeCompare(b.snapshot_date));
  // historyEntry lists its keys in JSON's order: no sorting pass (test/publish-history.test.ts compares).
  return orderedJson(sorted.map(historyEntry)).trimEnd();
}

/** Stands for the entries array in a document until withEntries puts it in (no data holds a NUL character). */
export const ENTRIES = '\u0000entries\u0000';

/** Stands for the month list in history.json until withEntries puts in its serialisation. */
export const MONTHS = '\u0000months\u0000';

/**
 * compactJson of `doc`, whose `history` is ENTRIES, with `entries` in its place (and, when given, `months` in place of
 * MONTHS).
 */
export function withEntries(
  doc: Record<string, unknown> & { history: string },
  entries: string,
  months?: string,
): string {
  let json = compactJson(doc);
  for (const [token, value] of months === undefined
    ? [[ENTRIES, entries]]
    : [
        [ENTRIES, entries],
        [MONTHS, months],
      ]) {
    const at = json.indexOf(JSON.stringify(token));
    json = `${json.slice(0, at)}${value}${json.slice(at + JSON.stringify(token).length)}`;
  }
  return json;
}

/**
 * `data` with every stored date of the open month in its history rows, which the quest pages write to history.json:
 * the history window (HISTORY_WINDOW dates, at least a month) normally holds them all, and the open month has no file
 * to hold any it missed; when it does not (a site whose history is not the window), the month is read from the source.
 */
export async function withOpenMonth(data: SiteData, source: MonthSource): Promise<SiteData> {
  const month = openMonth(data);
  const date = data.snapshot.meta.snapshot_date;
  const stored = source.months.find((m) => m.month === month);
  const dates = new Set<string>();
  for (const r of data.history)
    if (r.snapshot_date.startsWith(month) && r.snapshot_date <= date) dates.add(r.snapshot_date);
  if (!stored || stored.dates === dates.size) return data;
  const rows = await source.load(month);
  return { ...data, history: [...data.history.filter((r) => !r.snapshot_date.startsWith(month)), ...rows] };
}

/** The latest `days` dates of each quest's rows (rows grouped by quest, each in date order). */
export function lastDates(rows: QuestStats[], days = HISTORY_WINDOW): QuestStats[] {
  return rows.length <= days ? rows : rows.slice(rows.length - days);
}

/** The latest `days` snapshot dates among all rows, and the rows on them. */
export function windowOf(history: readonly QuestStats[], days = HISTORY_WINDOW): QuestStats[] {
  const dates = [...new Set(history.map((r) => r.snapshot_date))].sort();
  if (dates.length <= days) return [...history];
  const from = dates[dates.length - days] as string;
  return history.filter((r) => r.snapshot_date >= from);
}
