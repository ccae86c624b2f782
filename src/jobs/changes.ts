// `questlog changes`: a stored snapshot against the previous one (or --since), as text, markdown or JSON.
import type { Config } from '../config.js';
import { knownDimensions } from '../config-dimensions.js';
import { DEFAULT_TITLE } from '../defaults.js';
import { isSegmentScope } from '../domain/alerts.js';
import { changesMessages as msg } from '../domain/changes-messages.js';
import { type Effects, emit } from '../domain/effects.js';
import { UserError } from '../domain/errors.js';
import type { ChangesData } from '../domain/types.js';
import { loadChanges } from '../engine/changes.js';
import { checkDimension } from '../engine/segments.js';
import { changesDocument, describeMover, digestMarkdown } from '../publish/changes.js';
import { stableJson } from '../publish/json.js';
import { segmentOptions } from '../publish/segment-figures.js';
import { withDb } from './run.js';

const CHANGES_FORMATS = ['text', 'markdown', 'json'] as const;
type ChangesFormat = (typeof CHANGES_FORMATS)[number];

interface ChangesCommandOptions {
  db: string;
  config: Config;
  asOf?: string;
  since?: string;
  format?: string;
  /** A dimension whose values are compared too (segment movers). */
  by?: string;
}

/** Prints the comparison; returns it (alerts evaluated against config `alerts`). */
export async function changesCommand(opts: ChangesCommandOptions, effects: Effects): Promise<ChangesData> {
  const format = (opts.format ?? 'text') as ChangesFormat;
  if (!CHANGES_FORMATS.includes(format)) throw new UserError(msg.unknownFormat(String(opts.format)));
  const rules = opts.config.alerts ?? [];
  // --by compares that dimension's values; a rule scoped to segments needs the configured ones to be judged.
  const known = knownDimensions(opts.config);
  return withDb(
    opts.db,
    async (db) => {
      const dimensions = opts.by
        ? [await checkDimension(db, opts.by, opts.asOf, known)]
        : rules.some((r) => isSegmentScope(r.scope, known))
          ? segmentOptions(opts.config).dimensions
          : [];
      const data = await loadChanges(db, { date: opts.asOf, since: opts.since, rules, dimensions });
      // The result itself, never stamped: JSON alone on stdout (step lines go to stderr then).
      emit(effects, formatChanges(data, format, opts.config.reports?.title ?? DEFAULT_TITLE));
      return data;
    },
    { readOnly: true },
  );
}

function formatChanges(data: ChangesData, format: ChangesFormat, title: string): string[] {
  const { latest } = data;
  if (format === 'json') {
    const header = { schema_version: 1, snapshot_date: latest.snapshot_date };
    return [stableJson(changesDocument(header, data)).trimEnd()];
  }
  if (format === 'markdown') return digestMarkdown(title, data, Number.POSITIVE_INFINITY).trimEnd().split('\n');
  if (latest.previous_date === null) return [msg.nothingToCompare(latest.snapshot_date)];
  const lines = [msg.header(latest.snapshot_date, latest.previous_date)];
  if (data.movers.length === 0) lines.push(msg.noMovers);
  for (const m of data.movers) lines.push(`  ${m.worse ? 'worse ' : 'better'}  ${describeMover(m)}`);
  if (data.segmentMovers) {
    lines.push(msg.segmentHeader(data.segmentMovers.length));
    for (const m of data.segmentMovers) lines.push(`  ${m.worse ? 'worse ' : 'better'}  ${describeMover(m)}`);
  }
  if (data.alerts.length > 0) {
    lines.push(msg.alertsFired(data.alerts.length));
    for (const a of data.alerts) lines.push(`  ${a.rule.metric} ${a.rule.direction}: ${describeMover(a.mover)}`);
  }
  return lines;
}
