// Chain funnels: the catalogue's chains as per-step funnels, per snapshot date, computed and stored in SQL.
import { timed } from '../domain/effects.js';
import type { ChainStep } from '../domain/types.js';
import { type Db, sqlFile } from './db.js';

/** Replaces the chain rows of the dates in snapshot_days (inside computeSnapshots' transaction); returns ms. */
export async function storeChains(db: Db): Promise<number> {
  const [, ms] = await timed(async () => {
    await db.run(sqlFile('chains/delete_days'));
    await db.run(sqlFile('chains/chain_quests'));
    // Without a chain there is no funnel row to store, but the pass would still read every completed pair of the
    // day end (0.33-0.74 s CPU at 100M events).
    const any = await db.one<{ any: boolean }>(sqlFile('chains/any_chain'));
    if (any?.any === true) await db.run(sqlFile('chains/chain_steps'));
  });
  return ms;
}

/** Every chain's steps in one stored snapshot (one chain when given), by chain then step. */
export async function getChains(db: Db, date: string, chain?: string): Promise<ChainStep[]> {
  return db.all<ChainStep>(sqlFile('chains/read_chain_steps'), { date, chain: chain ?? null });
}
