// The tables questlog keeps on a ClickHouse cluster, created on every shard separately: `ON CLUSTER` DDL needs
// ZooKeeper/Keeper, which a plain cluster (and the test's) does not have. Each shard gets the local tables and the
// Distributed tables over all shards, so any node can take inserts and reads.

import { clickhouseMessages as msg } from '../../domain/clickhouse-messages.js';
import { UserError } from '../../domain/errors.js';
import { type Cluster, chRows, chSql, chString, onCluster } from './client.js';

/** Per-shard storage first (a Distributed table may be read as soon as it exists), then the Distributed tables. */
const LOCAL = ['database', 'events_local', 'files_local'] as const;
const DISTRIBUTED = ['events', 'files'] as const;

export async function ensureSchema(cluster: Cluster): Promise<void> {
  const vars = { ...cluster.vars, db_name: chString(cluster.database) };
  // A shard list that does not match the cluster would leave a shard without tables (or create them twice).
  const [known] = await onCluster(cluster.url, 'reading its clusters', () =>
    chRows<{ shards: number }>(cluster.main, chSql('cluster_shards', vars)),
  );
  if (known?.shards !== cluster.shards.length) {
    throw new UserError(msg.shardCount(cluster.url, cluster.cluster, known?.shards ?? 0, cluster.shards.length), {
      hint: msg.shardHint,
    });
  }
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
