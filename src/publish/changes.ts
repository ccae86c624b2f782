// What changed since the previous snapshot, as published: api/v1/changes.json and digest.md (the text the nightly's
// alerts point to: short enough to paste into chat or mail).
import { formatDuration, formatPercent, formatRateInterval } from '../domain/format.js';
import type { ChangesData, FiredAlert, Mover, QuestChange } from '../domain/types.js';
import { round } from './json.js';

const METRIC_LABEL: Record<Mover['metric'], string> = {
  conversion_rate: 'conversion',
  survival_median_seconds: 'survival median',
};

function moverJson(m: Mover) {
  const digits = m.metric === 'conversion_rate' ? 6 : 3;
  return {
    after: round(m.after, digits),
    before: round(m.before, digits),
    change: round(m.change, digits),
    high: round(m.high, digits),
    high_before: round(m.high_before, digits),
    low: round(m.low, digits),
    low_before: round(m.low_before, digits),
    metric: m.metric,
    name: m.name,
    quest_id: m.quest_id,
    relative_change: round(m.relative_change, 6),
    worse: m.worse,
    ...(m.dimension === undefined ? {} : { dimension: m.dimension, value: m.value }),
  };
}

const RATE_FIELDS = [
  'conversion_rate',
  'conversion_rate_low',
  'conversion_rate_high',
  'conversion_rate_before',
  'conversion_rate_low_before',
  'conversion_rate_high_before',
  'conversion_rate_change',
  'conversion_rate_z',
] as const;
const SECONDS_FIELDS = [
  'median_seconds',
  'median_seconds_before',
  'median_seconds_change',
  'survival_median_seconds',
  'survival_median_low_seconds',
  'survival_median_high_seconds',
  'survival_median_seconds_before',
  'survival_median_low_seconds_before',
  'survival_median_high_seconds_before',
  'survival_median_seconds_change',
] as const;

function roundAll(q: QuestChange, fields: readonly (keyof QuestChange)[], digits: number) {
  return Object.fromEntries(fields.map((f) => [f, round(q[f] as number | null, digits)]));
}

/** api/v1/changes.json: newest comparison first, with its two dates; per-quest rows for the newest only. */
export function changesDocument(header: Record<string, unknown>, data: ChangesData) {
  const { latest } = data;
  return {
    ...header,
    previous_date: latest.previous_date,
    alerts: data.alerts.map((a) => ({ rule: a.rule, ...moverJson(a.mover) })),
    comparisons: [
      { snapshot_date: latest.snapshot_date, previous_date: latest.previous_date, movers: data.movers.map(moverJson) },
      ...data.history.map((h) => ({ ...h, movers: h.movers.map(moverJson) })),
    ],
    // The latest comparison's segment values (published dimensions only), when segments are published.
    ...(data.segmentMovers ? { segment_movers: data.segmentMovers.map(moverJson) } : {}),
    quests: latest.quests.map((q) => ({
      ...q,
      ...roundAll(q, RATE_FIELDS, 6),
      ...roundAll(q, SECONDS_FIELDS, 3),
    })),
  };
}

/**
 * A mover in words, with each side's 95% interval:
 * "FET0001 Fetch the Herbs: conversion 80.0% [58.4–91.9%] → 50.0% [35.2–64.8%] (−30.0 points)".
 */
export function describeMover(m: Mover): string {
  const label = METRIC_LABEL[m.metric];
  const quest = m.name === m.quest_id ? m.quest_id : `${m.quest_id} ${m.name}`;
  const name = m.dimension === undefined ? quest : `${quest} (${m.dimension} ${m.value})`;
  if (m.metric === 'conversion_rate') {
    const pts = (m.change * 100).toFixed(1);
    const before = `${formatPercent(m.before)} [${formatRateInterval(m.low_before, m.high_before)}]`;
    const after = `${formatPercent(m.after)} [${formatRateInterval(m.low, m.high)}]`;
    return `${name}: ${label} ${before} → ${after} (${m.change > 0 ? '+' : ''}${pts} points)`;
  }
  const rel = m.relative_change === null ? '' : ` (${m.change > 0 ? '+' : ''}${(m.relative_change * 100).toFixed(0)}%)`;
  return `${name}: ${label} ${formatDuration(m.before)} → ${formatDuration(m.after)}${rel}`;
}

/** digest.md: the alerts that fired and the largest movers, worst first. */
export function digestMarkdown(title: string, data: ChangesData, limit = 10): string {
  const { latest } = data;
  const lines = [`# ${title}: what changed on ${latest.snapshot_date}`, ''];
  if (latest.previous_date === null) {
    lines.push('No earlier snapshot to compare with.', '');
    return lines.join('\n');
  }
  lines.push(`Compared with ${latest.previous_date}. Only changes beyond the noise (5% level) are listed.`, '');
  if (data.alerts.length > 0) {
    lines.push(`## Alerts (${data.alerts.length})`, '');
    for (const a of data.alerts) lines.push(`- **${describeMover(a.mover)}**: ${ruleText(a)}`);
    lines.push('');
  }
  lines.push('## Largest movers', '');
  if (data.movers.length === 0) lines.push('No significant change.');
  for (const m of data.movers.slice(0, limit)) lines.push(`- ${m.worse ? '▼' : '▲'} ${describeMover(m)}`);
  if (data.movers.length > limit) lines.push(`- … and ${data.movers.length - limit} more (changes.json)`);
  lines.push('');
  const values = data.segmentMovers ?? [];
  if (values.length > 0) {
    lines.push('## Segment values', '');
    for (const m of values.slice(0, limit)) lines.push(`- ${m.worse ? '▼' : '▲'} ${describeMover(m)}`);
    if (values.length > limit) lines.push(`- … and ${values.length - limit} more (changes.json)`);
    lines.push('');
  }
  return lines.join('\n');
}

function ruleText(a: FiredAlert): string {
  const { metric, direction, min_change, scope } = a.rule;
  const size = metric === 'conversion_rate' ? `${(min_change * 100).toFixed(1)} points` : `${min_change * 100}%`;
  return `alert ${metric} ${direction} by at least ${size} (${scope})`;
}
