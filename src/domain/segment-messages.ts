// Messages about segments and the privacy floor (issue 14): dimensions, the floor's value, engines without them.
export const segmentMessages = {
  unknownDimension: (name: string, known: readonly string[]) =>
    `unknown dimension "${name}" (known: ${known.join(', ')})`,
  badDimensionName: (name: string) =>
    `dimension name "${name}" must start with a lower-case letter and use only a-z, 0-9 and _ (at most 32)`,
  reservedDimension: (name: string, builtIn: readonly string[]) =>
    `dimension name "${name}" is taken (built in: ${builtIn.join(', ')}; "overall" and "own_…" are reserved)`,
  dimensionsNotMapped: (source: string) =>
    `source "${source}" is not a mapped source: only "format": "mapped" sources declare extra dimensions`,
  badFloor: (value: unknown) => `must be a whole number from 0 up, got ${String(value)}`,
  notWholeNumber: (flag: string, value: string) => `${flag} must be a whole number from 0 up, got "${value}"`,
  /** The floor hides rows of the per-value tables, which only --by prints: alone it would be silently ignored. */
  floorNeedsBy: '--min-players applies to the rows of --by: add --by build, platform, cohort or an extra dimension',
  segmentsNeeded: "renderSegmentsPage needs the site's segments",
  clickhouseConfig: (file: string) =>
    `${file}: "segments" cannot be used with engine "clickhouse": the cluster computes no segment figures yet ` +
    '(set "segments": [] or use the duckdb engine)',
  engineUnsupported: (engine: string) =>
    `segments (--by) are computed by the duckdb engine only; this config uses engine "${engine}"`,
};
