// Deterministic synthetic quest logs: the committed sample (seed format) and benchmark-scale events files.
// All the work happens in an in-memory DuckDB with hash-based pseudo-randomness, so a seed gives byte-identical files.
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { sqlTimestamp } from '../domain/dates.js';
import { demoMessages as msg } from '../domain/demo-messages.js';
import { type Effects, silent, timed } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import { progressMessages } from '../domain/progress-messages.js';
import { copySql, type Params, sqlFile } from '../engine/db.js';

import { type DemoFormat, type DemoOptions, type DemoSummary, type Resolved, resolveOptions } from './options.js';

/** Writes a demo data set; the same options give byte-identical files. */
export async function generateDemoData(opts: DemoOptions, effects: Effects): Promise<DemoSummary> {
  const o = resolveOptions(opts);
  const out = resolve(o.out);
  const [summary, ms] = await timed(async () => {
    // Threads do not change the output (every value is a hash of its coordinates and every output is ordered).
    const db = await Scratch.open(2);
    try {
      if (opts.players === undefined && opts.events !== undefined) o.players = await calibrate(db, o, opts.events);
      return await generate(db, o, out, effects);
    } finally {
      db.close();
    }
  });
  const result = { ...summary, ms };
  effects.log(msg.written(relative(process.cwd(), out) || '.', result, ms));
  return result;
}

/**
 * Players needed for about `events` events. A player's events do not depend on how many players there are, so the
 * rate measured on the first few thousand holds for any count (the period's end cuts some players short).
 */
/**
 * The generator's own in-memory database. DuckDB writes one gzip stream on one thread, so shards are written side by
 * side from several connections to keep both cores busy.
 */
class Scratch {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conns: DuckDBConnection[],
  ) {}

  static async open(connections: number): Promise<Scratch> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const conns: DuckDBConnection[] = [];
    for (let i = 0; i < connections; i++) {
      const conn = await instance.connect();
      await conn.run("SET TimeZone = 'UTC'");
      conns.push(conn);
    }
    return new Scratch(instance, conns);
  }

  async run(sql: string, params?: Params, conn = this.conns[0]): Promise<void> {
    await (conn as DuckDBConnection).run(sql, params);
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    const reader = await (this.conns[0] as DuckDBConnection).runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as T[];
  }

  async one<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  close(): void {
    for (const c of this.conns) c.closeSync();
    this.instance.closeSync();
  }
}

async function calibrate(db: Scratch, o: Resolved, events: number): Promise<number> {
  if (!(events >= 1)) throw new UserError(msg.badEvents(events));
  const probe = 2000;
  await build(db, { ...o, players: probe }, silent);
  const row = await db.one<{ n: number }>(sqlFile('demo/event_count'));
  const perPlayer = Math.max(row?.n ?? 0, 1) / probe;
  return Math.max(1, Math.round(events / perPlayer));
}

async function build(db: Scratch, o: Resolved, effects: Effects): Promise<void> {
  await db.run(sqlFile('demo/macros'));
  await db.run(sqlFile('demo/params'), {
    seed: o.seed,
    players: o.players,
    quests: o.quests,
    unknown_quests: o.unknownQuests,
    unreleased_quests: o.unreleasedQuests,
    mean_quests: o.meanQuests,
    min_events: o.minEvents,
    max_events: o.maxEvents,
    start: `${o.start} 00:00:00`,
    days: o.days,
    chain_length: o.chainLength,
    spread: o.spread,
    idle: o.idle,
    seed_only: o.formats.includes('seed'),
    shards: o.shards,
  });
  for (const step of ['demo/quests', 'demo/players', 'demo/pairs', 'demo/events']) {
    const [, ms] = await timed(() => db.run(sqlFile(step)));
    effects.log(msg.step(step.replace('demo/', ''), ms));
  }
}

async function generate(db: Scratch, o: Resolved, out: string, effects: Effects): Promise<Omit<DemoSummary, 'ms'>> {
  const seedOnly = o.formats.includes('seed');
  await build(db, o, effects);
  const counts = await db.one<{ events: number; players: number; quests: number }>(sqlFile('demo/counts'));
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  files.push(await writeCatalogue(db, out));
  let sessions = 0;
  for (const format of o.formats) {
    if (format === 'seed') {
      const seedFiles = await writeSeedLogs(db, out, effects);
      sessions = seedFiles.length;
      files.push(...seedFiles);
    } else {
      files.push(...(await writeEvents(db, o, out, format, effects)));
    }
  }
  if (!seedOnly) {
    const row = await db.one<{ n: number }>(sqlFile('demo/sessions'));
    sessions = row?.n ?? 0;
  }
  files.sort();
  const bytes = files.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
  return {
    out,
    players: counts?.players ?? 0,
    quests: counts?.quests ?? 0,
    events: counts?.events ?? 0,
    sessions,
    files,
    bytes,
  };
}

async function writeCatalogue(db: Scratch, out: string): Promise<string> {
  const name = 'catalogue.csv';
  const tmp = join(out, `.${name}.tmp`);
  await db.run(copySql(sqlFile('demo/catalogue'), tmp, 'FORMAT csv, HEADER true'));
  renameSync(tmp, join(out, name));
  return name;
}

/**
 * Seed logs are one small file per session in a folder per player, a layout COPY cannot produce; SQL builds each
 * file's whole text and only those texts (one row per session) come to JavaScript to be written.
 */
async function writeSeedLogs(db: Scratch, out: string, effects: Effects): Promise<string[]> {
  const dir = join(out, 'logs');
  // A previous run's sessions would otherwise linger beside the new ones.
  rmSync(dir, { recursive: true, force: true });
  const [rows, ms] = await timed(() => db.all<{ path: string; content: string }>(sqlFile('demo/seed_files')));
  for (const [n, row] of rows.entries()) {
    const path = join(dir, row.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, row.content);
    if (n % 100 === 99 || n === rows.length - 1)
      effects.progress?.(progressMessages.demoSeedLogs, n + 1, rows.length, 'files');
  }
  effects.log(msg.seedLogs(rows.length, ms));
  return rows.map((r) => join('logs', r.path));
}

const EXT: Record<Exclude<DemoFormat, 'seed'>, string> = { ndjson: 'ndjson', csv: 'csv', parquet: 'parquet' };

async function writeEvents(
  db: Scratch,
  o: Resolved,
  out: string,
  format: Exclude<DemoFormat, 'seed'>,
  effects: Effects,
): Promise<string[]> {
  const dir = join(out, format);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const start = `${o.start} 00:00:00`;
  const end = new Date(Date.parse(`${o.start}T00:00:00Z`) + o.days * 86_400_000);
  const lastDay = new Date(end.getTime() - 86_400_000);
  const periods = o.splitLastDay
    ? [
        { prefix: 'events-history', from: start, until: sqlTimestamp(lastDay) },
        { prefix: 'events-lastday', from: sqlTimestamp(lastDay), until: sqlTimestamp(end) },
      ]
    : [{ prefix: 'events', from: start, until: sqlTimestamp(end) }];
  const gz = o.gzip && format !== 'parquet';
  const options =
    format === 'parquet'
      ? 'FORMAT parquet, COMPRESSION zstd'
      : format === 'ndjson'
        ? 'FORMAT json'
        : 'FORMAT csv, HEADER true';
  const jobs: { name: string; params: Params }[] = [];
  for (const period of periods) {
    for (let shard = 0; shard < o.shards; shard++) {
      const name =
        o.shards === 1
          ? `${period.prefix}.${EXT[format]}${gz ? '.gz' : ''}`
          : `${period.prefix}-${String(shard + 1).padStart(3, '0')}.${EXT[format]}${gz ? '.gz' : ''}`;
      jobs.push({ name, params: { shard, start, from: period.from, until: period.until } });
    }
  }
  let next = 0;
  const writer = async (conn: DuckDBConnection) => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      const { name, params } = job;
      const tmp = join(dir, `.${name}.tmp`);
      const [, ms] = await timed(async () => {
        await db.run(copySql(sqlFile('demo/events_out'), tmp, options), params, conn);
        if (!gz) return renameSync(tmp, join(dir, name));
        // DuckDB's own gzip runs on one thread at a high level and was most of the generator's time at scale; zlib at
        // level 1 runs on libuv's pool beside the next COPY, and its header has no mtime, so bytes stay reproducible.
        await pipeline(createReadStream(tmp), createGzip({ level: 1 }), createWriteStream(`${tmp}.gz`));
        rmSync(tmp);
        renameSync(`${tmp}.gz`, join(dir, name));
      });
      effects.log(msg.step(`${format}/${name}`, ms));
    }
  };
  await Promise.all(db.conns.map(writer));
  const files = jobs.map((j) => join(format, j.name));
  return files;
}
