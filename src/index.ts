// The public API: the CLI and notebooks both build on exactly this.
export { type Config, loadConfig } from './config.js';
export { Db, DEFAULT_DB, type OpenOptions } from './db.js';
export { type Effects, recorder, silent } from './effects.js';
export { InputError, InternalError, UserError } from './errors.js';
export { migrate, SCHEMA_VERSION, STATUSES, type Status, schemaVersion } from './model.js';
