// The public API: the CLI and notebooks both build on exactly this.

export { type Config, loadConfig, normalizeConfig } from './config.js';
export { DEFAULT_DB, SAMPLE_DIR } from './defaults.js';
export { generateDemoData } from './demo/generate.js';
export { DEMO_FORMATS, type DemoFormat, type DemoOptions, type DemoSummary, SAMPLE_OPTIONS } from './demo/options.js';
export { type Effects, recorder, silent } from './domain/effects.js';
export { InputError, InternalError, UserError } from './domain/errors.js';
export type {
  Coverage,
  HistogramBin,
  QuestStats,
  Snapshot,
  SnapshotMeta,
  StateRefresh,
  StatsOptions,
  Status,
} from './domain/types.js';
export { STATUSES } from './domain/types.js';
export { Db, type OpenOptions } from './engine/db.js';
export { engineFor, type StatsEngine } from './engine/engine.js';
export { migrate, SCHEMA_VERSION, schemaVersion } from './engine/migrate.js';
export { getCompletionHistogram, getCoverage, getHistory, getSnapshot } from './engine/read.js';
export { publishReadCopy, type ReadCopy, readCopyPath } from './engine/readcopy.js';
export { listRuns, type RunCounts, type RunRow, recordRun } from './engine/runs.js';
export { computeSnapshots } from './engine/snapshot.js';
export { refreshState } from './engine/state.js';
export { loadCatalogue } from './ingest/catalogue.js';
export type { FileFormat, FormatName } from './ingest/formats.js';
export { type FileResult, type IngestOptions, type IngestSummary, ingest } from './ingest/ingest.js';
export type { Mapping } from './ingest/presets.js';
export { listRejects, type RejectRow } from './ingest/rejects.js';
export { type DemoJobOptions, type DemoJobResult, demoJob } from './jobs/demo.js';
export { formatCoverage, formatSnapshot, formatStatsTable, STATS_FORMATS, type StatsFormat } from './jobs/format.js';
export { catalogueCommand, ingestCommand, rejectsCommand } from './jobs/ingest.js';
export { type Freshness, lastCompleteDay, type NightlyOptions, type NightlySummary, nightly } from './jobs/nightly.js';
export { publishCommand } from './jobs/publish.js';
export { withDb } from './jobs/run.js';
export { listSnapshots, type SnapshotListRow, snapshotsDeleteCommand, snapshotsListCommand } from './jobs/snapshots.js';
export { type StatsCommandOptions, statsCommand } from './jobs/stats.js';
export { formatStatus, getStatus, runsCommand, type StatusInfo, statusCommand } from './jobs/status.js';
export type { NotebookReport } from './notebook/reports.js';
export {
  type NotebookRunOptions,
  type NotebookRunResult,
  runNotebook,
  setupNotebooks,
} from './notebook/run.js';
export type { SiteData } from './publish/api.js';
export { decodeFileId, encodeFileId, fileIds } from './publish/file-ids.js';
export {
  loadSiteData,
  type PublishOptions,
  type PublishSummary,
  publish,
  writeSite,
} from './publish/publish.js';
export { worstFirst } from './publish/rates.js';
export { type ServeOptions, type Serving, serve } from './publish/serve.js';
