// The messages of the checks made before DuckDB reads a file (issue 12; line reasons come from the SQL) and of the
// config's limits. Spread into messages.ts's groups, which is where every other module takes them from.

/** A file's own text quoted in a message (a header, a column name): a binary file's 500 KB "header" is not a message. */
export function clipped(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export const limitMessages = {
  backfillTooLong: (from: string, to: string, days: number, max: number) =>
    `a backfill from ${from} to ${to} would compute ${days} daily snapshots, more than limits.backfill_days (${max})`,
  backfillHint: 'check the data for stray dates (`questlog status`), pass --as-of, or raise "limits.backfill_days"',
};

export const inputMessages = {
  notARealStart: (stamp: string) => `the file name's date-time ${stamp} is not a real date or time`,
  notARealStartHint: 'seed session files are named after their start, e.g. 2026-01-01T19-05-00.csv',
  jsonArray:
    'a JSON array, not an object (events are read one JSON object per line; a file that is one JSON array can be rewritten as lines with `jq -c ".[]"`)',
  dateOnlyStart: (date: string, mtime: string) =>
    `the file name gives the date ${date} but no time, and the file's modification time (${mtime}), which would be the session's start, is not on that day or the next`,
  notARealOffset: (zone: string) => `the file name's zone offset ${zone} is not a real offset`,
  linkLoop: 'symbolic link loop',
  danglingLink: (target: string) => `dangling symbolic link (to ${target})`,
  cannotList: (reason: string) => `cannot list the folder: ${reason}`,
  changedWhileRead: (before: number, now: number) =>
    `the file changed while it was read (${before} bytes when checked, ${now} now): nothing of it was loaded; ` +
    'ingest it again once it is complete',
  loneCr:
    'a carriage return (\\r) not followed by a line feed: the reader would end the line there and drop the ' +
    'character after it, so nothing of the file was loaded',
  loneCrHint:
    "end lines with \\n or \\r\\n: old Mac files (\\r only): tr '\\r' '\\n'; a stray \\r inside a line: remove it",
  badPlayerRegex: (rule: string, reason: string) => `--player ${rule} is not a valid regular expression: ${reason}`,
  notAFile: (kind: string) => `not a regular file (${kind}): only files, folders and globs are read`,
  nameNotUtf8: 'the file name is not valid UTF-8 (it cannot be named to the reader or stored in the ledger); rename it',
  duplicateColumn: (name: string, first: number, second: number) =>
    `the header names column '${clipped(name)}' twice (columns ${first} and ${second})`,
  nestedCatalogueColumn: (column: string, type: string) => `column "${column}" holds nested values (${type}), not text`,
  nestedColumn: (column: string, field: string, type: string) =>
    `column ${column} (${field}) holds nested values of type ${type}, not text or numbers`,
  unknownReader: (source: string, reader: string, readers: string[]) =>
    `source '${source}': unknown reader '${reader}' (readers: ${readers.join(', ')})`,
  unknownField: (source: string, field: string, fields: string[]) =>
    `source '${source}': unknown field '${field}' (fields: ${fields.join(', ')})`,
  notOneExpression: (source: string, key: string, problem: string) =>
    `source '${source}': ${key} is not a single SQL expression: ${problem}`,
};

/** A mapping expression that names what the file does not hold (ingest/tabular.ts mappingError). */
export const mappingMessages = {
  noColumn: (key: string, expr: string, column: string, columns: string) =>
    `mapping ${key} = ${expr} names column "${clipped(column)}", which this file does not have (its columns: ` +
    `${clipped(columns)})`,
  keyword: (key: string, expr: string, word: string) =>
    `mapping ${key} = ${expr} is not valid SQL near ${clipped(word)}: a column named like an SQL keyword ` +
    `is written in double quotes (in JSON: "\\"when\\"")`,
};

/** A file whose first bytes are a container its reader cannot take (ingest/containers.ts). */
export const containerMessages = {
  gzipTwice: 'compressed twice (a gzip file inside the gzip file): decompress it once (gunzip) and ingest that',
  gzipUnnamed: "a gzip file whose name does not end in '.gz': add '.gz' to its name",
  parquetGzipped: "a gzip-compressed Parquet file (Parquet compresses its own columns): gunzip it to a '.parquet' file",
  parquetUnnamed: "a Parquet file whose name does not end in '.parquet': rename it",
  zipArchive: 'a zip archive (archives are not read): unzip it and ingest the files inside',
  otherCompression: (kind: string) => `compressed with ${kind} (only gzip is read): decompress it, or gzip it instead`,
  utf16: 'UTF-16 text (only UTF-8 is read): convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8',
};

export const configLimitMessages = {
  emptyRange: (file: string, earliest: string, latest: string) =>
    `${file}: "limits.earliest" (${earliest}) must be before "limits.latest" (${latest})`,
};
