import type { Db } from '../../src/engine/db.js';
export function padHistory(db: Db, days: number): Promise<number>;
