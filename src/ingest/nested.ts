// Ids must be text or numbers: a nested column (STRUCT, LIST, MAP) would be stored as its text form.
import { InputError } from '../domain/errors.js';
import { inputMessages } from '../domain/input-messages.js';
import { type Db, sqlFile } from '../engine/db.js';
import type { Mapping } from './presets.js';

/** A nested type (STRUCT, LIST, MAP, array) read into an id would become its text form, e.g. `{'a': 1}`. */
export const NESTED = /^(STRUCT|MAP|UNION)\(|\[\d*\]$/;

/** An id mapped straight from a column of nested values fails the file, naming the column and its type. */
export async function refuseNested(db: Db, path: string, fields: Mapping['fields']): Promise<void> {
  const types = new Map(
    (await db.all<{ column_name: string; column_type: string }>(sqlFile('ingest/src_columns'))).map((c) => [
      c.column_name,
      c.column_type,
    ]),
  );
  for (const key of ['player_id', 'quest_id'] as const) {
    const col = /^"([^"]+)"$/.exec(fields[key])?.[1] ?? fields[key];
    const type = types.get(col);
    if (type && NESTED.test(type)) {
      throw new InputError(path, inputMessages.nestedColumn(col, key, type));
    }
  }
}
