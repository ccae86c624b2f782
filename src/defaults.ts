// Default paths and names, in a module that loads nothing: the CLI resolves them, and prints its help, without
// loading DuckDB, the ingest or the publisher, which it imports only when a verb that needs them runs.

/** The database file when neither --db, $QUESTLOG_DB nor the config names one. */
export const DEFAULT_DB = 'data/questlog.duckdb';
/** The site's folder when neither --out nor the config's `reports.out` names one. */
export const DEFAULT_OUT = 'reports';
/** The report's title when the config's `reports.title` is unset. */
export const DEFAULT_TITLE = 'Quest statistics';
/** The committed sample the demo ingests (and regenerates when missing). */
export const SAMPLE_DIR = 'data/sample';
