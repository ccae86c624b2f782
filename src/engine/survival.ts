// Survival times: Kaplan–Meier estimates of time to complete per quest and snapshot, computed and stored in SQL.
import { timed } from '../domain/effects.js';
import type { SurvivalPoint, SurvivalStats } from '../domain/types.js';
import { type Db, sqlFile } from './db.js';
import { keptCovers } from './segments.js';

/**
 * Replaces the survival rows of the dates in snapshot_days (inside computeSnapshots' transaction); returns ms. A run
 * of one date after every event (the nightly's; never with a roster: survival_kept counts every player) reads the
 * kept observations and groups only the attempts in progress; any other run groups every attempt of its dates.
 */
export async function storeSurvival(db: Db, roster: boolean): Promise<number> {
  const [, ms] = await timed(async () => {
    await db.run('DELETE FROM survival WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
    await db.run('DELETE FROM survival_curve WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
    const kept = (await keptCovers(db, roster))?.open === true;
    await db.run(sqlFile(kept ? 'survival/risk_kept' : 'survival/risk'));
    await db.run(sqlFile('survival/survival_times'));
    await db.run(sqlFile('survival/survival'));
    await db.run(sqlFile('survival/survival_curve'));
    await db.run('DROP TABLE IF EXISTS temp.survival_times');
    await db.run('DROP VIEW IF EXISTS temp.survival_risk');
  });
  return ms;
}

/**
 * Inside a state refresh, before it deletes or rewrites any open row: the kept survival observations of the players
 * it recomputes, to be taken back by keepSurvival.
 */
export async function survivalGone(db: Db): Promise<void> {
  await db.run(sqlFile('survival/kept_gone'));
}

/**
 * At the end of a state refresh: survival_kept (migration 017) brought up to the new state, counted again from all of
 * it after a rebuild (`rebuilt`), else the refresh's new open rows added and the rows it closed (`extended`: pairs it
 * continued) or recomputed (survivalGone) taken back.
 */
export async function keepSurvival(db: Db, rebuilt: boolean, extended: boolean): Promise<void> {
  if (rebuilt) {
    await db.run(sqlFile('survival/kept_all'));
    return;
  }
  if (extended) await db.run(sqlFile('survival/kept_gone_ext'));
  await db.run(sqlFile('survival/kept'));
}

/** Survival figures of one stored snapshot, every quest that had an attempt, by quest id. */
export async function getSurvival(db: Db, date: string): Promise<SurvivalStats[]> {
  return db.all<SurvivalStats>(sqlFile('survival/read_survival'), { date });
}

/** The thinned survival curve of one snapshot, one quest or all, by quest then time. */
export async function getSurvivalCurve(db: Db, date: string, questId?: string): Promise<SurvivalPoint[]> {
  return db.all<SurvivalPoint>(sqlFile('survival/read_survival_curve'), { date, quest: questId ?? null });
}
