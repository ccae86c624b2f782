// Messages of the demo job and the demo data generator.

export const demoMessages = {
  noSource: (source: string) => `the demo needs a source named '${source}' in questlog.config.json`,
  noSourceHint: (source: string, dir: string) =>
    `add "sources": {"${source}": {"format": "seed", "paths": ["${dir}/logs/**/*.csv"]}}`,
  sampleFailed: (errors: (string | undefined)[]) =>
    `${errors.length} sample file(s) could not be loaded:\n${errors.map((e) => `  ${e}`).join('\n')}`,
  sampleFailedHint: (dir: string) => `delete ${dir}/logs and run again to regenerate the sample`,
  badInteger: (name: string, min: number, v: number) => `demo-data: ${name} must be an integer >= ${min} (got ${v})`,
  badMeanQuests: (v: number) => `demo-data: mean quests must be >= 1 (got ${v})`,
  badIdle: (v: number) => `demo-data: idle must be in [0, 1) (got ${v})`,
  badStart: (v: string) => `demo-data: start must be a date YYYY-MM-DD (got ${v})`,
  badFormat: (bad: string[]) => `demo-data: unknown format ${bad.join(', ') || '(none)'}`,
  formatsHint: (formats: readonly string[]) => `formats: ${formats.join(', ')}`,
  badEvents: (v: number) => `demo-data: events must be >= 1 (got ${v})`,
  written: (
    out: string,
    r: { players: number; quests: number; events: number; sessions: number; files: unknown[]; bytes: number },
    ms: number,
  ) =>
    `demo-data ${out}: ${r.players} players, ${r.quests} quests, ${r.events} events, ${r.sessions} sessions -> ` +
    `${r.files.length} files (${(r.bytes / 1e6).toFixed(1)} MB) in ${ms} ms`,
  step: (step: string, ms: number) => `  ${step}: ${ms} ms`,
  seedLogs: (files: number, ms: number) => `  seed logs: ${files} session files in ${ms} ms`,
  done: (
    t: { files: number; files_loaded: number; files_skipped: number },
    dates: string[],
    db: string,
    report: string,
    api: string,
  ) =>
    `demo: ${t.files} files (${t.files_loaded} loaded, ${t.files_skipped} skipped), ` +
    `${dates.length} daily snapshots ${dates[0]} .. ${dates.at(-1)} in ${db}; ` +
    `report ${report}, API ${api} (preview: npx questlog serve)`,
};
