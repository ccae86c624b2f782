// Keeps the cluster's events equal to the local ledger's: after an ingest, files the cluster lacks are shipped and
// files the ledger no longer has (replaced files, or a shipment cut short) are removed. The local ingest (ledger,
// quarantine, line accounting) is untouched; only its accepted events travel, from a file DuckDB writes to the
// cluster's HTTP interface, never as rows in JavaScript.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { clickhouseMessages as msg } from '../../domain/clickhouse-messages.js';
import { type Effects, timed } from '../../domain/effects.js';
import { UserError } from '../../domain/errors.js';
import { copySql, type Db, sqlFile } from '../db.js';
import { type Cluster, chNumber, chRows, chSql, chString, onCluster } from './client.js';

interface ShipResult {
  shipped: number;
  events: number;
  removed: number;
}

interface LocalFile {
  file_id: number;
  identity: string;
  events: number;
}

/** Events per shipment: one COPY and one INSERT each (a file is never split across shipments). */
const SHIPMENT_EVENTS = 2_000_000;

export async function shipEvents(db: Db, cluster: Cluster, effects: Effects): Promise<void> {
  const [result, ms] = await timed(async (): Promise<ShipResult> => {
    const local = await db.all<LocalFile>(sqlFile('ship/ledger'));
    const held = await onCluster(cluster.url, 'reading its ledger', () =>
      chRows<{ file_id: number; identity: string; state: number }>(cluster.main, chSql('ledger', cluster.vars)),
    );
    const wanted = new Map(local.map((f) => [f.file_id, f.identity]));
    const complete = new Set(held.filter((h) => h.state === 1 && wanted.get(h.file_id) === h.identity));
    const stale = [...new Set(held.filter((h) => !complete.has(h)).map((h) => h.file_id))];
    if (stale.length > 0) await forget(cluster, stale);
    const done = new Set([...complete].map((h) => h.file_id));
    const todo = local.filter((f) => !done.has(f.file_id));
    let events = 0;
    for (const group of shipments(todo)) events += await ship(db, cluster, group);
    return { shipped: todo.length, events, removed: stale.length };
  });
  if (result.shipped + result.removed > 0) {
    effects.log(msg.shipped(result.shipped, result.events, result.removed, ms));
  }
}

function* shipments(files: LocalFile[]): Generator<LocalFile[]> {
  let group: LocalFile[] = [];
  let n = 0;
  for (const f of files) {
    if (group.length > 0 && n + f.events > SHIPMENT_EVENTS) {
      yield group;
      group = [];
      n = 0;
    }
    group.push(f);
    n += f.events;
  }
  if (group.length > 0) yield group;
}

/** Ledger rows first in state 0, then the events, then state 1: a shipment cut short is found and redone next time. */
async function ship(db: Db, cluster: Cluster, files: LocalFile[]): Promise<number> {
  const ledger = (state: number) =>
    files.map((f) => `(${chNumber(f.file_id)}, ${chString(f.identity)}, ${state}, ${chNumber(f.events)})`).join(', ');
  const insertLedger = (state: number) =>
    onCluster(cluster.url, 'writing its ledger', () =>
      cluster.main.command({ query: chSql('files_insert', { ...cluster.vars, rows: ledger(state) }) }),
    );
  await insertLedger(0);
  const dir = await mkdtemp(join(tmpdir(), 'questlog-ship-'));
  try {
    const path = join(dir, 'events.ndjson');
    await db.run(sqlFile('ship/files'), { ids: files.map((f) => f.file_id).join(',') });
    await db.run(copySql(sqlFile('ship/events'), path, 'FORMAT json'));
    await onCluster(cluster.url, 'inserting events', async () => {
      const res = await cluster.main.exec({
        query: chSql('events_insert', cluster.vars),
        values: createReadStream(path),
      });
      // The response body is empty; reading it to its end returns the connection to the pool.
      for await (const _ of res.stream) {
        // nothing to read
      }
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await db.run('DROP TABLE IF EXISTS temp.ship_files');
  }
  await insertLedger(1);
  return files.reduce((n, f) => n + f.events, 0);
}

/** Removes files' events and ledger rows on every shard, and waits until the deletions are done. */
async function forget(cluster: Cluster, fileIds: number[]): Promise<void> {
  const ids = fileIds.map(chNumber).join(', ');
  const vars = { ...cluster.vars, ids, db_name: chString(cluster.database) };
  await Promise.all(
    cluster.shards.map((client, i) => {
      const url = cluster.shardUrls[i] ?? '';
      return onCluster(url, 'removing replaced files', async () => {
        await client.command({ query: chSql('forget_events', vars) });
        await client.command({ query: chSql('forget_files', vars) });
        await waitForMutations(client, url, vars);
      });
    }),
  );
}

const MUTATION_WAIT_MS = 30 * 60_000;

async function waitForMutations(client: ClickHouseClient, url: string, vars: Record<string, string>): Promise<void> {
  const deadline = Date.now() + MUTATION_WAIT_MS;
  for (let wait = 50; ; wait = Math.min(wait * 2, 2000)) {
    const pending = await chRows<{ table: string }>(client, chSql('mutations_pending', vars));
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new UserError(msg.mutationTimeout(url, pending[0]?.table ?? ''));
    await new Promise((r) => setTimeout(r, wait));
  }
}
