// Messages of `questlog changes` and the nightly's alerts (beside messages.ts, which is at its size limit).

export const changesMessages = {
  nothingToCompare: (date: string) => `changes: snapshot ${date} has no earlier snapshot stored to compare with`,
  header: (date: string, before: string) => `changes: ${date} against ${before}`,
  noMovers: 'no significant change (differences within the noise are not listed)',
  segmentHeader: (n: number) =>
    n === 0 ? 'segment values: no significant change' : `segment values: ${n} moved (conversion)`,
  alertsFired: (n: number) => `alerts: ${n} fired`,
  alertsPublished: (n: number, digest: string) => `  alerts: ${n} fired, see ${digest}`,
  /** Config `alerts` naming the metric changes no longer judge (issue 19): say what replaced it and why. */
  completionAlert: (file: string, key: string) =>
    `${file}: ${key} is "completion_rate", which alerts no longer use: it falls whenever new players join who have ` +
    'not reached a quest yet. Use "conversion_rate" (completed / players who met the quest; min_change in points).',
  /** A segment scope on a metric segments do not have (survival times are estimated per quest only). */
  segmentScopeMetric: (file: string, key: string, scope: string, metric: string) =>
    `${file}: ${key} is "${scope}", but segment values are compared on conversion only (survival times are per ` +
    `quest): use "metric": "conversion_rate" with it, not "${metric}"`,
  unknownFormat: (format: string) => `unknown --format "${format}"; use text, markdown or json`,
};
