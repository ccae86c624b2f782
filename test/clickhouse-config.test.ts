// The `engine` config key: the README's ClickHouse example is a valid config, wrong values are errors naming the key,
// and what the ClickHouse engine does not do yet is refused with a clear message (no cluster needed here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../src/config.js';
import { clickhouseMessages } from '../src/domain/clickhouse-messages.js';
import { silent } from '../src/domain/effects.js';
import { configMessages } from '../src/domain/messages.js';
import { segmentMessages } from '../src/domain/segment-messages.js';
import { engineFor } from '../src/engine/engine.js';
import { statsCommand } from '../src/jobs/stats.js';
import { segmentOptions } from '../src/publish/segment-figures.js';
import { freshDb, ROOT } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Statistics on a ClickHouse cluster'));
const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '{}');

describe('engine config', () => {
  it("accepts the README's ClickHouse example and picks the ClickHouse engine; DuckDB is the default", () => {
    const config = normalizeConfig(example, '/x');
    expect(config.engine).toEqual({
      type: 'clickhouse',
      url: 'http://ch-1.internal:8123',
      database: 'questlog',
      cluster: 'questlog',
      shards: ['http://ch-1.internal:8123', 'http://ch-2.internal:8123'],
      user: 'questlog',
    });
    expect(engineFor(config).kind).toBe('clickhouse');
    expect(engineFor(normalizeConfig({}, '/x')).kind).toBe('duckdb');
    expect(engineFor(normalizeConfig({ engine: { type: 'duckdb' } }, '/x')).kind).toBe('duckdb');
  });

  it('names the key of a wrong engine value', () => {
    const f = 'questlog.config.json';
    const bad = (engine: unknown) => () => normalizeConfig({ engine }, '/x');
    expect(bad({ type: 'postgres' })).toThrow(
      configMessages.badValue(f, 'engine.type', 'duckdb or clickhouse', 'postgres'),
    );
    expect(bad({ type: 'clickhouse', shards: ['http://a:8123'] })).toThrow(configMessages.missingKey(f, 'engine.url'));
    expect(bad({ type: 'clickhouse', url: 'http://a:8123' })).toThrow(configMessages.missingKey(f, 'engine.shards'));
    expect(bad({ type: 'clickhouse', url: 'http://a:8123', shards: ['a:8123'] })).toThrow(
      configMessages.badValue(f, 'engine.shards[0]', 'an http(s) url such as http://127.0.0.1:8123', 'a:8123'),
    );
    expect(bad({ type: 'clickhouse', url: 'http://a:8123', shards: 'http://a:8123' })).toThrow(
      configMessages.wrongType(f, 'engine.shards', 'an array of strings', 'a string'),
    );
    expect(bad({ url: 'http://a:8123' })).toThrow(configMessages.missingKey(f, 'engine.type'));
    expect(bad({ type: 'clickhouse', url: 'http://a:8123', shards: [], password: 'x' })).toThrow(
      configMessages.unknownKey(f, 'engine.password'),
    );
  });

  it('publishes no segments with the ClickHouse engine: none by default, a config asking for them is refused', async () => {
    const f = 'questlog.config.json';
    expect(segmentOptions(normalizeConfig(example, '/x')).dimensions).toEqual([]);
    expect(segmentOptions(normalizeConfig({}, '/x')).dimensions).toEqual(['build', 'platform', 'cohort']);
    expect(() => normalizeConfig({ ...example, segments: ['build'] }, '/x')).toThrow(
      segmentMessages.clickhouseConfig(f),
    );
    expect(normalizeConfig({ ...example, segments: [] }, '/x').segments).toEqual([]);
    // stats --by stops before the cluster is asked for anything.
    const db = await freshDb();
    const path = db.path;
    db.close();
    const run = statsCommand({ db: path, config: normalizeConfig(example, '/x'), by: 'build' }, silent);
    await expect(run).rejects.toThrow(segmentMessages.engineUnsupported('clickhouse'));
  });

  it('refuses a roster with the ClickHouse engine before touching the cluster', async () => {
    const db = await freshDb();
    try {
      const engine = engineFor(normalizeConfig(example, '/x'));
      await expect(engine.computeSnapshots(db, { roster: '/x/roster.csv' }, silent)).rejects.toThrow(
        clickhouseMessages.rosterUnsupported(),
      );
    } finally {
      db.close();
    }
  });
});
