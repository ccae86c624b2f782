// The config's `alerts` rules: the values the spec's types cannot check (apart from config.ts, at its size limit).
import { isSegmentScope } from './domain/alerts.js';
import { changesMessages } from './domain/changes-messages.js';
import { UserError } from './domain/errors.js';
import { configMessages as msg } from './domain/messages.js';
import { type AlertRule, CHANGE_METRICS } from './domain/types.js';

const DIRECTIONS = ['up', 'down', 'any'];

/** Values the spec's types cannot say: known metric and direction, a change that is not negative. */
export function alertRules(
  raw: Partial<AlertRule>[] | undefined,
  file: string,
  dimensions: readonly string[],
): AlertRule[] | undefined {
  return raw?.map((r, i) => {
    const key = (k: string) => `alerts[${i}].${k}`;
    if ((r.metric as string) === 'completion_rate')
      throw new UserError(changesMessages.completionAlert(file, key('metric')));
    if (!(CHANGE_METRICS as readonly string[]).includes(r.metric ?? '')) {
      throw new UserError(msg.badValue(file, key('metric'), `one of ${CHANGE_METRICS.join(', ')}`, String(r.metric)));
    }
    if (!DIRECTIONS.includes(r.direction ?? '')) {
      throw new UserError(msg.badValue(file, key('direction'), `one of ${DIRECTIONS.join(', ')}`, String(r.direction)));
    }
    if (r.scope !== undefined && isSegmentScope(r.scope, dimensions) && r.metric !== 'conversion_rate') {
      throw new UserError(changesMessages.segmentScopeMetric(file, key('scope'), r.scope, String(r.metric)));
    }
    if (r.min_change !== undefined && !(Number.isFinite(r.min_change) && r.min_change >= 0)) {
      throw new UserError(msg.badValue(file, key('min_change'), 'a number ≥ 0', String(r.min_change)));
    }
    return {
      metric: r.metric as AlertRule['metric'],
      direction: r.direction as AlertRule['direction'],
      min_change: r.min_change ?? 0,
      scope: r.scope ?? 'any quest',
    };
  });
}
