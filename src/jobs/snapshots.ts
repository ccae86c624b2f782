// `questlog snapshots list|delete DATE`: the stored snapshots, and a way to remove one (a wrong or future date).
import { checkDate } from '../domain/dates.js';
import { type Effects, emit } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { cliMessages } from '../domain/messages.js';
import { Db, sqlFile } from '../engine/db.js';
import { migrate } from '../engine/migrate.js';
import { publishReadCopy } from '../engine/readcopy.js';
import { recordRun } from '../engine/runs.js';
import { type OutputFormat, type Record_, render, table } from './format.js';

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
  const db = await Db.open(opts.db, { readOnly: true });
  try {
    await migrate(db);
    const rows = await listSnapshots(db);
    const text = () =>
      rows.length === 0
        ? ['no snapshot stored yet']
        : table(
            rows as unknown as Record_[],
            FIELDS.map((field) => ({ field, text: !['players', 'events', 'quests'].includes(field) })),
          );
    emit(effects, render(opts.format ?? 'table', rows as unknown as Record_[], FIELDS, text));
    return rows;
  } finally {
    db.close();
  }
}

/** Deletes one stored snapshot (its per-quest rows and its run row, together); the next publish no longer shows it. */
export async function snapshotsDeleteCommand(opts: { db: string; date: string }, effects: Effects): Promise<void> {
  checkDate(opts.date);
  const db = await Db.open(opts.db);
  try {
    await migrate(db);
    await recordRun(db, 'snapshots delete', effects, async (counts) => {
      counts.snapshot_date = opts.date;
      const gone = await db.transaction(async () => {
        await db.run(sqlFile('snapshot/delete_quests'), { date: opts.date });
        return db.all<{ d: string }>(sqlFile('snapshot/delete_run'), { date: opts.date });
      });
      if (gone.length === 0) {
        throw new UserError(cliMessages.noSnapshot(opts.date), { hint: 'see `questlog snapshots list`' });
      }
      // Notebooks read the copy: it must not keep showing what was deleted.
      await publishReadCopy(db);
      effects.log(cliMessages.deleted(opts.date));
    });
  } finally {
    db.close();
  }
}
