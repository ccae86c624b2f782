// The tables questlog keeps on a ClickHouse cluster, created on every shard separately: `ON CLUSTER` DDL needs
// ZooKeeper/Keeper, which a plain cluster (and the test's) does not have. Each shard gets the local tables and the
// Distributed tables over all shards, so any node can take inserts and reads.
import { type Cluster, chSql, chString, onCluster } from './client.js';

/** Per-shard storage first (a Distributed table may be read as soon as it exists), then the Distributed tables. */
const LOCAL = ['database', 'events_local', 'files_local'] as const;
const DISTRIBUTED = ['events', 'files'] as const;

export async function ensureSchema(cluster: Cluster): Promise<void> {
  const vars = { ...cluster.vars, db_name: chString(cluster.database) };
  await Promise.all(
    cluster.shards.map((client, i) =>
      onCluster(cluster.shardUrls[i] ?? '', 'creating the schema', async () => {
        for (const name of LOCAL) await client.command({ query: chSql(name, vars) });
        for (const name of DISTRIBUTED) await client.command({ query: chSql(name, vars) });
        // The per-pair view and its Distributed table hold no data: dropped and created every time, so a new
        // questlog's rules take effect (18.16 has no CREATE OR REPLACE VIEW). Only questlog itself reads them.
        for (const name of ['pairs', 'pairs_local']) {
          await client.command({ query: `DROP TABLE IF EXISTS ${cluster.vars.db}.${name}` });
        }
        await client.command({ query: chSql('pairs_local', vars) });
        await client.command({ query: chSql('pairs', vars) });
      }),
    ),
  );
}
