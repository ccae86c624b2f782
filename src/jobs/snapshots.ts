// `questlog snapshots list|delete DATE`: the stored snapshots, and a way to remove one (a wrong or future date).
import { checkDate } from '../domain/dates.js';
import { type Effects, emit } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { snapshotMessages, statsMessages } from '../domain/messages.js';
import { type Db, sqlFile } from '../engine/db.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { recordRun } from '../engine/runs.js';
import { type OutputFormat, type Record_, render, table } from './format.js';
import { withDb } from './run.js';

export interface SnapshotListRow {
  snapshot_date: string;
  computed_at: string;
  players: number;
  events: number;
  data_through: string | null;
  timezone: string;
  quests: number;
}

const FIELDS = ['snapshot_date', 'computed_at', 'players', 'events', 'data_through', 'timezone', 'quests'];

export async function listSnapshots(db: Db): Promise<SnapshotListRow[]> {
  return db.all<SnapshotListRow>(sqlFile('snapshot/list'));
}

export async function snapshotsListCommand(
  opts: { db: string; format?: OutputFormat },
  effects: Effects,
): Promise<SnapshotListRow[]> {
  return withDb(
    opts.db,
    async (db) => {
      const rows = await listSnapshots(db);
      const columns = FIELDS.map((field) => ({ field, text: !['players', 'events', 'quests'].includes(field) }));
      const text = () =>
        rows.length === 0 ? [snapshotMessages.noneStored()] : table(rows as unknown as Record_[], columns);
      emit(effects, render(opts.format ?? 'table', rows as unknown as Record_[], FIELDS, text));
      return rows;
    },
    { readOnly: true },
  );
}

/** Deletes one stored snapshot (its per-quest and segment rows and its run row, together); the next publish no longer shows it. */
export async function snapshotsDeleteCommand(opts: { db: string; date: string }, effects: Effects): Promise<void> {
  checkDate(opts.date);
  await withDb(opts.db, (db) =>
    recordRun(db, 'snapshots delete', effects, async (counts) => {
      counts.snapshot_date = opts.date;
      const gone = await db.transaction(async () => {
        await db.run(sqlFile('snapshot/delete_quests'), { date: opts.date });
        await db.run(sqlFile('segments/delete_date'), { date: opts.date });
        return db.all<{ d: string }>(sqlFile('snapshot/delete_run'), { date: opts.date });
      });
      if (gone.length === 0) throw new UserError(statsMessages.noSnapshot(opts.date), { cli: ['snapshotsList'] });
      // Notebooks read the copy: it must not keep showing what was deleted.
      await publishReadCopy(db);
      effects.log(snapshotMessages.deleted(opts.date));
    }),
  );
}
