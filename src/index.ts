// The public API: the CLI and notebooks both build on exactly this.

export { decodeFileId, encodeFileId, fileIds, type SiteData } from './api.js';
export { catalogueCommand, loadCatalogue } from './catalogue.js';
export { type Config, loadConfig } from './config.js';
export { Db, DEFAULT_DB, type OpenOptions } from './db.js';
export {
  DEMO_FORMATS,
  type DemoFormat,
  type DemoOptions,
  type DemoSummary,
  generateDemoData,
  SAMPLE_OPTIONS,
} from './demo.js';
export { type DemoJobOptions, type DemoJobResult, demoJob, SAMPLE_DIR } from './demo-job.js';
export { type Effects, recorder, silent } from './effects.js';
export { InputError, InternalError, UserError } from './errors.js';
export type { FileFormat, FormatName, Mapping } from './formats.js';
export {
  type FileResult,
  type IngestOptions,
  type IngestSummary,
  ingest,
  ingestCommand,
  listRejects,
  type RejectRow,
  rejectsCommand,
} from './ingest.js';
export { migrate, SCHEMA_VERSION, STATUSES, type Status, schemaVersion } from './model.js';
export { type NightlyOptions, type NightlySummary, nightly } from './nightly.js';
export {
  type NotebookReport,
  type NotebookRunOptions,
  type NotebookRunResult,
  runNotebook,
  setupNotebooks,
} from './notebook-run.js';
export {
  loadSiteData,
  type PublishOptions,
  type PublishSummary,
  publish,
  publishCommand,
  writeSite,
} from './publish.js';
export { publishReadCopy, readCopyPath } from './readcopy.js';
export { type ServeOptions, type Serving, serve } from './serve.js';
export {
  type Coverage,
  computeSnapshots,
  formatCoverage,
  getCompletionHistogram,
  getCoverage,
  getHistory,
  getSnapshot,
  type HistogramBin,
  type QuestStats,
  refreshState,
  type Snapshot,
  type SnapshotMeta,
  type StatsCommandOptions,
  type StatsOptions,
  statsCommand,
} from './stats.js';
export { formatStatsTable, formatStatus, getStatus, type StatusInfo, statusCommand } from './status.js';
