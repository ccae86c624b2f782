// Default paths and names, in a module that loads nothing: the CLI resolves them, and prints its help, without
// loading DuckDB, the ingest or the publisher, which it imports only when a verb that needs them runs.

/** The database file when neither --db, $QUESTLOG_DB nor the config names one. */
export const DEFAULT_DB = 'data/questlog.duckdb';
/** The site's folder when neither --out nor the config's `reports.out` names one. */
export const DEFAULT_OUT = 'reports';
/** The project's config file, looked for in the working folder. */
export const CONFIG_FILE = 'questlog.config.json';
/** The API folder of a published site, and the file that marks a folder as one (publish refuses to replace others). */
export const API_DIR = 'api/v1';
export const SITE_MARKER = `${API_DIR}/snapshot.json`;
/** The report's title when the config's `reports.title` is unset. */
export const DEFAULT_TITLE = 'Quest statistics';
/** The committed sample the demo ingests (and regenerates when missing). */
export const SAMPLE_DIR = 'data/sample';
