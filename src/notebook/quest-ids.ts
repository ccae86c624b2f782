// A quest id the snapshot does not have, as the analyst typed it: the error names the ids closest to it (a case slip
// or a dropped digit), or every id when there are few, so the next call can be right.
import { UserError } from '../domain/errors.js';
import { nearest } from '../domain/nearest.js';
import { notebookMessages as msg } from '../domain/notebook-messages.js';
import type { Db } from '../engine/db.js';
import { getSnapshot } from '../engine/read.js';

export function unknownQuest(message: string, quest: string, ids: readonly string[]): UserError {
  return new UserError(message, { hint: msg.questIdsHintFor(nearest(quest, ids), ids) });
}

/** The same with the ids of the snapshot of `date` (default the latest), read only when the error is made. */
export async function unknownQuestIn(db: Db, message: string, quest: string, date?: string): Promise<UserError> {
  return unknownQuest(
    message,
    quest,
    (await getSnapshot(db, date)).quests.map((q) => q.quest_id),
  );
}
