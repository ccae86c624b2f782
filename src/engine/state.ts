// Quest state: the per-(player, quest) intervals derived from events, refreshed in proportion to what is new.
import type { Effects } from '../domain/effects.js';
import { InternalError } from '../domain/errors.js';
import type { StateRefresh } from '../domain/types.js';
import { type Db, ident, runScript, sqlFile } from './db.js';

export interface Scope {
  refresh: number;
  through: number | null;
  latest: number | null;
  files_then: number;
  files_kept: number;
  dirty: number;
  new_events: number;
  events: number;
}

/** Where the state stands against the loaded files: what a refresh must do. */
export async function stateScope(db: Db): Promise<Scope | undefined> {
  return db.one<Scope>(sqlFile('state/scope'));
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
  const scope = await stateScope(db);
  if (!scope) throw new InternalError('state_meta has no row');
  const removed = scope.through !== null && scope.files_kept < scope.files_then;
  const unchanged = scope.through === null ? scope.latest === null : scope.latest === scope.through && !removed;
  if (unchanged && scope.dirty === 0) return { players: 0, recomputed: 0, rows: 0 };
  // A load as large as the history costs a rebuild either way; the plain recompute does it without staging.
  const huge = scope.new_events >= 1_000_000 && scope.new_events * 4 >= scope.events;
  const after = scope.through;
  // quest_state's row order means nothing; letting DuckDB insert out of order roughly halves a full rebuild's time.
  // As in ingest: the analysis that picks among string compressions costs a 100M nightly's state step time
  // (5.2, 5.2 and 4.95 s with dictionary forced against 6.4, 5.6 and 5.2 s without; same file size).
  const settings = { preserve_insertion_order: false, force_compression: 'dictionary' };
  // The interval rules, shared by the full recompute and the incremental step.
  await db.run(sqlFile('state/macros'));
  return db.withSettings(settings, () =>
    db.transaction(async () => {
      // A night continued from the state finds the current rows of its pairs first: the pairs' merge reads them.
      const night = !(after === null || removed || huge);
      if (night) {
        await db.run(sqlFile('state/new'), { after });
        await db.run(sqlFile('state/touched'));
      }
      // The first sightings and first events first: the state rows written below carry their pair's values.
      await refreshCounts(db, after === null || removed ? null : after, night, after === null);
      let result: StateRefresh;
      let extended = false;
      // The open rows written below are gathered first and stored together (state/open_values.sql).
      await db.run(sqlFile('state/open'));
      if (after === null || removed || huge) {
        // A rebuild's players with events are player_values' (state/firsts_all.sql): no pass over the events.
        if (after === null) await db.run(sqlFile('state/redo_everyone'));
        else await db.run(sqlFile('state/redo_all'), { after });
        if (after !== null) await gone(db);
        // With no starting point every player with events is in state_redo (redo_all.sql): no semi-join needed.
        const rows = await recompute(db, scope.refresh, after === null);
        const players = await count(db, 'state_redo');
        result = { players, recomputed: players, rows };
      } else {
        await db.run(sqlFile('state/redo'), { after });
        await gone(db);
        const recomputed = await count(db, 'state_redo');
        const redone = recomputed > 0 ? await recompute(db, scope.refresh, false) : 0;
        await db.run(sqlFile('state/step'));
        const rows = await count(db, 'state_step');
        extended = (await count(db, 'state_ext')) > 0;
        if (extended) await db.run(sqlFile('state/extend'));
        const players = (await db.one<{ n: number }>(sqlFile('state/players_redone')))?.n ?? 0;
        result = { players, recomputed, rows: redone + rows };
      }
      // A rebuild stores its open rows straight from state_intervals (state/current_all.sql); see recompute.
      if (after === null) await db.run(sqlFile('state/current_all'), { refresh: scope.refresh });
      else await db.run(sqlFile('state/open_values'));
      // The continued pairs' closed rows leave their groups (state/open_gone_ext.sql reads their new rows' values).
      if (extended) await db.run(sqlFile('state/open_gone_ext'));
      // Players whose own values moved without a recompute (a late file) keep them right on their open rows; most
      // nights nobody's did, and the update would still read every open row (~0.25 s CPU at 10M events).
      if ((await count(db, 'state_moved')) > 0) await db.run(sqlFile('state/own_values'));
      // The completed rows' sums and the other open rows' counts per segment group (migrations 015, 016), after
      // every write to the open rows.
      if (after === null) {
        await db.run(sqlFile('state/segment_completed_all'));
        await db.run(sqlFile('state/segment_open_all'));
      } else {
        await db.run(sqlFile('state/completed_rows'));
        await db.run(sqlFile('state/segment_completed'));
        await db.run(sqlFile('state/quantiles_gone'));
        await db.run(sqlFile('state/segment_open'));
      }
      await db.run(sqlFile('state/meta'));
      await db.run(sqlFile('state/dirty_done'));
      for (const v of ['state_redo_events', 'state_ext_events']) await db.run(`DROP VIEW IF EXISTS temp.${v}`);
      for (const t of [
        'state_new',
        'state_touched',
        'state_redo',
        'state_redo_pairs',
        'state_ext',
        'state_step',
        'state_seen',
        'state_pairs',
        'state_pair_values',
        'state_seen_merged',
        'state_values_merged',
        'state_player_values',
        'state_moved',
        'state_open',
        'state_open_values',
        'state_completed_gone',
        'state_times_gone',
        'state_completed_rows',
        'state_completed_new',
        'state_open_gone',
        'state_open_delta',
      ]) {
        await db.run(`DROP TABLE IF EXISTS temp.${t}`);
      }
      return result;
    }),
  );
}

/**
 * Recomputes the players in state_redo (`everyone`: it holds all players with events); returns the intervals written.
 * Their open rows go to state_open, except in a rebuild (`everyone`), whose open rows state/current_all.sql reads.
 */
async function recompute(db: Db, refresh: number, everyone: boolean): Promise<number> {
  await runScript(db, sqlFile('state/redo_delete'));
  await db.run(sqlFile(everyone ? 'state/redo_pairs_all' : 'state/redo_pairs'));
  await db.run(sqlFile('state/redo_events'));
  const inserted = await db.one<{ Count: string | number }>(sqlFile('state/quest_state'), { refresh });
  if (!everyone) await db.run(sqlFile('state/current'), { refresh });
  return Number(inserted?.Count ?? 0);
}

/**
 * Adds the files after `after` to the per-quarter-hour event counts and first sightings; null rebuilds them. `night`:
 * state_touched holds the new pairs' current rows (state/pairs_night.sql merges the pairs from them). `rebuild` (no
 * starting point): nothing reads the merged values the other paths keep (state/firsts_all.sql).
 */
async function refreshCounts(db: Db, after: number | null, night: boolean, rebuild: boolean): Promise<void> {
  if (after === null) await runScript(db, sqlFile('state/counts_delete'));
  await db.run(sqlFile('state/quarters'), { after: after ?? ALL });
  await db.run(sqlFile('state/seen'), { after: after ?? ALL });
  if (rebuild) {
    await db.run(sqlFile('state/firsts_all'));
    return;
  }
  await db.run(sqlFile('state/players'));
  await db.run(sqlFile('state/quests'), { after: after ?? ALL });
  await db.run(sqlFile('state/pairs'), { after: after ?? ALL });
  await db.run(sqlFile(night ? 'state/pairs_night' : 'state/pairs_merge'));
  await db.run(sqlFile('state/player_values'));
}

/** Before any open row is deleted or rewritten: what leaves the kept segment groups (state/completed_gone.sql, open_gone.sql). */
async function gone(db: Db): Promise<void> {
  await db.run(sqlFile('state/completed_gone'));
  await db.run(sqlFile('state/open_gone'));
}

/** Rows in one of this module's temp tables (a name, not a query: one helper rather than a .sql file per table). */
async function count(db: Db, table: string): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`))?.n ?? 0;
}
