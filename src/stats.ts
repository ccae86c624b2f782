// Quest state, statistics and snapshots. Publish and notebooks code against these types and functions.
import { existsSync } from 'node:fs';
import { loadCatalogue } from './catalogue.js';
import { type Config, configPath } from './config.js';
import { Db, literal, sqlFile } from './db.js';
import { type Effects, nowOf, timed } from './effects.js';
import { errorMessage, InputError, InternalError, UserError } from './errors.js';
import { migrate } from './model.js';
import { publishReadCopy } from './readcopy.js';
import { formatStatsTable } from './status.js';

/** One quest's figures in one snapshot: a row of the `snapshots` table joined with the catalogue. */
export interface QuestStats {
  snapshot_date: string; // 'YYYY-MM-DD'
  quest_id: string;
  name: string; // catalogue name, else the id
  chain: string | null;
  sort_order: number | null;
  in_catalogue: boolean;
  players: number;
  accepted: number; // in progress
  declined: number;
  completed: number;
  abandoned: number;
  failed: number;
  not_encountered: number; // players - all the others
  completion_rate: number | null; // completed / players, null when no players
  mean_seconds: number | null;
  min_seconds: number | null;
  max_seconds: number | null;
  median_seconds: number | null;
  p90_seconds: number | null;
  mean_attempts: number | null; // over completers
  anomalies: number; // completions without an acceptance
}

export interface SnapshotMeta {
  snapshot_date: string;
  computed_at: string; // 'YYYY-MM-DD HH:MM:SS' UTC
  players: number;
  events: number; // loaded event rows before the day end (exact duplicates included; the state counts them once)
  data_through: string | null; // latest event time included
}

export interface Snapshot {
  meta: SnapshotMeta;
  quests: QuestStats[]; // ordered by sort_order NULLS LAST, numeric ids numerically, quest_id
}

export interface Coverage {
  unknown_ids: string[]; // quest ids seen in logs, not in the catalogue (empty when there is no catalogue)
  never_seen: string[]; // catalogue ids nobody has met
  rejected_lines: number;
}

export interface HistogramBin {
  quest_id: string;
  bin_start: number; // seconds
  bin_end: number;
  players: number;
}

export interface StatsOptions {
  /** Snapshot date 'YYYY-MM-DD'; default: the last day with data (or today for the nightly). */
  asOf?: string;
  /** One snapshot per day of the data's range (up to asOf when given). */
  backfill?: boolean;
  /** IANA zone that defines a day's end; default UTC. */
  timezone?: string;
  /** CSV with a player_id column: when set, exactly these players are counted, on every day. */
  roster?: string;
}

/** What refreshState did. */
export interface StateRefresh {
  /** Players whose state changed. */
  players: number;
  /** Of those, players recomputed from all their events (first build, late or removed events); the rest continued. */
  recomputed: number;
  /** State intervals computed. */
  rows: number;
}

interface Scope {
  refresh: number;
  through: number | null;
  latest: number | null;
  files_then: number;
  files_kept: number;
  dirty: number;
  new_events: number;
  events: number;
}

// Below every file id (ids start at 1; 0 in bench/contenders/direct.js): "files after ALL" is every file.
const ALL = -1;

/**
 * Brings quest_state up to the loaded events. The nightly case costs in proportion to the new events: a (player,
 * quest) whose new events all come after its state continues from state_current; players with a late event (or whose
 * events were removed) are recomputed from all their events, as is everybody dirty when files were removed or the
 * state has no known starting point.
 */
export async function refreshState(db: Db, _effects: Effects): Promise<StateRefresh> {
  const scope = await db.one<Scope>(sqlFile('state_scope'));
  if (!scope) throw new InternalError('state_meta has no row');
  const removed = scope.through !== null && scope.files_kept < scope.files_then;
  const unchanged = scope.through === null ? scope.latest === null : scope.latest === scope.through && !removed;
  if (unchanged && scope.dirty === 0) return { players: 0, recomputed: 0, rows: 0 };
  // A load as large as the history costs a rebuild either way; the plain recompute does it without staging.
  const huge = scope.new_events >= 1_000_000 && scope.new_events * 4 >= scope.events;
  const after = scope.through;
  // quest_state's row order means nothing; letting DuckDB insert out of order roughly halves a full rebuild's time.
  await db.run('SET preserve_insertion_order = false');
  // As in ingest: the analysis that picks among string compressions costs a 100M nightly's state step time
  // (5.2, 5.2 and 4.95 s with dictionary forced against 6.4, 5.6 and 5.2 s without; same file size).
  await db.run("SET force_compression = 'dictionary'");
  try {
    return await db.transaction(async () => {
      let result: StateRefresh;
      if (after === null || removed || huge) {
        await db.run(sqlFile('state_redo_all'), { after });
        const rows = await recompute(db, scope.refresh);
        const players = await count(db, 'state_redo');
        result = { players, recomputed: players, rows };
      } else {
        await db.run(sqlFile('state_new'), { after });
        await db.run(sqlFile('state_touched'));
        await db.run(sqlFile('state_redo'), { after });
        const recomputed = await count(db, 'state_redo');
        const redone = recomputed > 0 ? await recompute(db, scope.refresh) : 0;
        await db.run(sqlFile('state_step'));
        const rows = await count(db, 'state_step');
        if ((await count(db, 'state_ext')) > 0) await db.run(sqlFile('state_extend'));
        const players = await count(db, '(SELECT player_id FROM state_redo UNION SELECT player_id FROM state_ext)');
        result = { players, recomputed, rows: redone + rows };
      }
      await refreshCounts(db, after === null || removed ? null : after);
      await db.run(sqlFile('state_meta'));
      await db.run('DELETE FROM dirty_players');
      for (const t of ['state_new', 'state_touched', 'state_redo', 'state_ext', 'state_step', 'state_seen']) {
        await db.run(`DROP TABLE IF EXISTS temp.${t}`);
      }
      return result;
    });
  } finally {
    await db.run('RESET preserve_insertion_order');
    await db.run('RESET force_compression');
  }
}

/** Recomputes the players in state_redo from all their events; returns the intervals written. */
async function recompute(db: Db, refresh: number): Promise<number> {
  await db.run('DELETE FROM state_intervals WHERE player_id IN (SELECT player_id FROM state_redo)');
  await db.run('DELETE FROM state_current WHERE player_id IN (SELECT player_id FROM state_redo)');
  const inserted = await db.one<{ Count: string | number }>(sqlFile('quest_state'), { refresh });
  await db.run(sqlFile('state_current'), { refresh });
  return Number(inserted?.Count ?? 0);
}

/** Adds the files after `after` to the per-quarter-hour event counts and first sightings; null rebuilds them. */
async function refreshCounts(db: Db, after: number | null): Promise<void> {
  if (after === null) {
    await db.run('DELETE FROM event_quarters');
    await db.run('DELETE FROM player_first');
    await db.run('DELETE FROM quest_first');
  }
  await db.run(sqlFile('state_quarters'), { after: after ?? ALL });
  await db.run(sqlFile('state_seen'), { after: after ?? ALL });
  await db.run(sqlFile('state_players'));
  await db.run(sqlFile('state_quests'), { after: after ?? ALL });
}

async function count(db: Db, from: string): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${from}`))?.n ?? 0;
}

/** Refreshes state, then computes and stores the snapshot(s); returns the dates written. */
export async function computeSnapshots(db: Db, opts: StatsOptions, effects: Effects): Promise<string[]> {
  const [state, stateMs] = await timed(() => refreshState(db, effects));
  if (state.players > 0) {
    effects.log(
      `state: ${state.players} players (${state.recomputed} from all their events), ${state.rows} intervals in ${stateMs} ms`,
    );
  }
  const tz = await checkTimezone(db, opts.timezone ?? 'UTC');
  if (opts.asOf !== undefined) checkDate(opts.asOf);
  const range = await db.one<{ first_day: string | null; last_day: string | null }>(sqlFile('snapshot_range'), { tz });
  const to = opts.asOf ?? range?.last_day;
  const from = opts.backfill ? range?.first_day : to;
  if (!to || !from) {
    throw new UserError('no events loaded: nothing to compute a snapshot of', {
      hint: 'run `questlog ingest` first, or pass --as-of DATE',
    });
  }
  if (from > to) return [];
  const [dates, ms] = await timed(async () => {
    await prepareInputs(db, opts.roster);
    await db.run(sqlFile('snapshot_days'), { tz, from, to });
    // Re-running a date replaces it: old rows go in the same transaction that writes the new ones.
    return db.transaction(async () => {
      await db.run('DELETE FROM snapshots WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      await db.run('DELETE FROM snapshot_runs WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
      await db.run(sqlFile('snapshots'));
      await db.run(sqlFile('snapshot_runs'), { tz, computed_at: sqlTimestamp(nowOf(effects)) });
      const rows = await db.all<{ d: string }>('SELECT snapshot_date::VARCHAR AS d FROM snapshot_days ORDER BY 1');
      return rows.map((r) => r.d);
    });
  });
  const span = from === to ? from : `${from} .. ${to}`;
  effects.log(`snapshots: ${dates.length} ${dates.length === 1 ? 'date' : 'dates'} (${span}, ${tz}) in ${ms} ms`);
  return dates;
}

/** A stored snapshot (latest when `date` is omitted). */
export async function getSnapshot(db: Db, date?: string): Promise<Snapshot> {
  const run = await findRun(db, date);
  const quests = await db.all<QuestStats>(sqlFile('quest_stats'), { date: run.snapshot_date, quest: null });
  const { snapshot_date, computed_at, players, events, data_through } = run;
  return { meta: { snapshot_date, computed_at, players, events, data_through }, quests };
}

/** Every stored snapshot's figures for one quest (or all), ordered by quest then date. */
export async function getHistory(db: Db, questId?: string): Promise<QuestStats[]> {
  return db.all<QuestStats>(sqlFile('quest_stats'), { date: null, quest: questId ?? null });
}

/** Coverage at a stored snapshot's day end (latest snapshot when `date` is omitted; all events when none exists). */
export async function getCoverage(db: Db, date?: string): Promise<Coverage> {
  const end = date === undefined && !(await hasRuns(db)) ? null : (await findRun(db, date)).day_end;
  const scope = await db.one<Scope>(sqlFile('state_scope'));
  // quest_first holds the files the state has seen; after an ingest with no refresh yet, only the events know.
  const fresh = scope !== undefined && scope.latest === scope.through && scope.files_kept === scope.files_then;
  const rows = await db.all<{ kind: string; quest_id: string }>(sqlFile('coverage'), { end, fresh });
  const rejected = await db.one<{ n: number }>('SELECT count(*)::DOUBLE AS n FROM rejects');
  return {
    unknown_ids: rows.filter((r) => r.kind === 'unknown').map((r) => r.quest_id),
    never_seen: rows.filter((r) => r.kind === 'never_seen').map((r) => r.quest_id),
    rejected_lines: rejected?.n ?? 0,
  };
}

/**
 * Completion-time histogram per quest for a snapshot date, binned in SQL: `bins` equal-width bins per quest from its
 * fastest to its slowest completion (all bins listed, empty ones with 0 players). Completions without an acceptance
 * have no time and are not in it.
 */
export async function getCompletionHistogram(db: Db, date?: string, bins = 10): Promise<HistogramBin[]> {
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) {
    throw new UserError(`bins must be an integer from 1 to 1000, got ${bins}`);
  }
  const run = await findRun(db, date);
  return db.all<HistogramBin>(sqlFile('completion_histogram'), { end: run.day_end, bins });
}

export interface StatsCommandOptions extends StatsOptions {
  /** Database file. */
  db: string;
  config?: Config;
}

/** `questlog stats`: catalogue (from config) -> state -> snapshot(s) -> coverage and the per-quest table. */
export async function statsCommand(
  opts: StatsCommandOptions,
  effects: Effects,
): Promise<{ dates: string[]; snapshot: Snapshot | null }> {
  const config = opts.config;
  const db = await Db.open(opts.db);
  try {
    await migrate(db);
    if (config?.catalogue) {
      const path = configPath(config, config.catalogue);
      const [{ quests }, ms] = await timed(() => loadCatalogue(db, path));
      effects.log(`catalogue ${config.catalogue}: ${quests} quests in ${ms} ms`);
    }
    const dates = await computeSnapshots(
      db,
      {
        asOf: opts.asOf,
        backfill: opts.backfill,
        timezone: opts.timezone ?? config?.timezone,
        roster: opts.roster ?? (config?.roster ? configPath(config, config.roster) : undefined),
      },
      effects,
    );
    // Notebooks read this copy, never the live file this process holds (src/readcopy.ts).
    await publishReadCopy(db);
    const last = dates.at(-1);
    if (!last) return { dates, snapshot: null };
    const snapshot = await getSnapshot(db, last);
    const coverage = await getCoverage(db, last);
    effects.log(formatCoverage(coverage));
    effects.log('');
    for (const line of formatStatsTable(snapshot)) effects.log(line);
    return { dates, snapshot };
  } finally {
    db.close();
  }
}

export function formatCoverage(c: Coverage): string {
  const list = (ids: string[]) =>
    ids.length ? ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : '';
  return (
    `coverage: ${c.unknown_ids.length} unknown quest ids${list(c.unknown_ids)}, ` +
    `${c.never_seen.length} catalogue quests never seen${list(c.never_seen)}, ${c.rejected_lines} rejected lines`
  );
}

interface RunRow extends SnapshotMeta {
  day_end: string;
  timezone: string;
}

async function findRun(db: Db, date?: string): Promise<RunRow> {
  if (date !== undefined) checkDate(date);
  const run = await db.one<RunRow>(sqlFile('snapshot_run'), { date: date ?? null });
  if (!run) {
    throw new UserError(date ? `no snapshot stored for ${date}` : 'no snapshot stored yet', {
      hint: date ? `run \`questlog stats --as-of ${date}\`` : 'run `questlog stats`',
    });
  }
  return run;
}

async function hasRuns(db: Db): Promise<boolean> {
  return ((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM snapshot_runs'))?.n ?? 0) > 0;
}

/** Creates the temp views the snapshot SQL reads: all players seen, or exactly the roster's. */
async function prepareInputs(db: Db, roster?: string): Promise<void> {
  if (!roster) {
    await db.run(sqlFile('snapshot_inputs'));
    return;
  }
  if (!existsSync(roster)) throw new InputError(roster, 'roster file not found');
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE snapshot_roster AS
       SELECT DISTINCT trim(player_id) AS player_id
       FROM read_csv(${literal(roster)}, header = true, all_varchar = true)
       WHERE nullif(trim(player_id), '') IS NOT NULL`,
    );
  } catch (err) {
    throw new InputError(roster, `cannot read roster (a CSV with a player_id column): ${errorMessage(err)}`, {
      cause: err,
    });
  }
  await db.run(sqlFile('snapshot_inputs_roster'));
}

async function checkTimezone(db: Db, tz: string): Promise<string> {
  try {
    await db.run("SELECT timezone($tz, TIMESTAMP '2000-01-01 00:00:00')", { tz });
  } catch (err) {
    throw new UserError(`unknown time zone "${tz}"`, {
      hint: 'use an IANA zone such as UTC or Europe/Berlin',
      cause: err,
    });
  }
  return tz;
}

function checkDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  const ok =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
  if (!ok) throw new UserError(`not a date: "${date}"`, { hint: 'use YYYY-MM-DD, e.g. 2026-11-28' });
}

function sqlTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
