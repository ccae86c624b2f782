// Survival times: Kaplan–Meier estimates of time to complete per quest and snapshot, computed and stored in SQL.
import { timed } from '../domain/effects.js';
import type { SurvivalPoint, SurvivalStats } from '../domain/types.js';
import { type Db, runScript, sqlFile } from './db.js';

/** Replaces the survival rows of the dates in snapshot_days (inside computeSnapshots' transaction); returns ms. */
export async function storeSurvival(db: Db): Promise<number> {
  const [, ms] = await timed(async () => {
    await runScript(db, sqlFile('survival/delete_days'));
    await db.run(sqlFile('survival/survival_times'));
    await db.run(sqlFile('survival/survival_bands'));
    await db.run(sqlFile('survival/survival'));
    await db.run(sqlFile('survival/survival_curve'));
    await db.run('DROP TABLE temp.survival_bands');
    await db.run('DROP VIEW temp.survival_times');
  });
  return ms;
}

/** Survival figures of one stored snapshot, every quest that had an attempt, by quest id. */
export async function getSurvival(db: Db, date: string): Promise<SurvivalStats[]> {
  return db.all<SurvivalStats>(sqlFile('survival/read_survival'), { date });
}

/** The thinned survival curve of one snapshot, one quest or all, by quest then time. */
export async function getSurvivalCurve(db: Db, date: string, questId?: string): Promise<SurvivalPoint[]> {
  return db.all<SurvivalPoint>(sqlFile('survival/read_survival_curve'), { date, quest: questId ?? null });
}
