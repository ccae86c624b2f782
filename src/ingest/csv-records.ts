// A CSV/TSV file's records into ql_src, each numbered by the physical line it starts on (ql_line). Most files hold one
// record per line and are numbered by counting; a file whose quoted values span lines (RFC 4180 allows it) is
// numbered by following its quotes line by line (src/sql/ingest/record_lines.sql), and the numbering is checked
// against what DuckDB read before anything is staged.
import { InputError } from '../domain/errors.js';
import { ingestMessages as msg } from '../domain/messages.js';
import { type Db, ident, literal, readerPath, runScript, sqlFile } from '../engine/db.js';
import { MAX_LINE } from './plan.js';

interface CsvEnv {
  read<T>(path: string, fn: () => Promise<T>): Promise<T>;
  maxLine: number;
}

/** The reader's dialect as plain characters (the rendered options hold SQL literals). */
interface Dialect {
  delim: string;
  quote: string;
  escape: string;
  comment: string;
}

/**
 * Reads the records (ql_src: ql_line and the file's columns, all text) and DuckDB's refusals (ql_reader_rejects,
 * by physical line). Returns true when some record spans several lines: its further lines are in ql_cont.
 */
export async function readCsv(
  db: Db,
  path: string,
  opts: Record<string, string>,
  env: CsvEnv,
  headerLines: number,
): Promise<boolean> {
  const d = dialect(opts);
  const optSql = Object.entries(opts)
    .map(([k, v]) => `, ${k} = ${v}`)
    .join('');
  // With a header, the columns are named from it and DuckDB does not sniff: its sniffer fails a whole file over one
  // unclosed or stray quote, and a failed statement would end the batch's transaction. Values are all text so one odd
  // cell is a reject of that line, never a type error for the whole file.
  const names = opts.header === 'false' ? undefined : await headerNames(db, headerLines, d);
  const columns = names
    ? `, auto_detect = false, columns = {${names.map((n) => `${literal(n)}: 'VARCHAR'`).join(', ')}}`
    : '';
  const read = (maxLine: number) =>
    env.read(path, async () => {
      await db.run('DROP TABLE IF EXISTS ql_csv_rejects');
      await db.run('DROP TABLE IF EXISTS ql_csv_scans');
      await db.run(
        `CREATE OR REPLACE TEMP TABLE ql_src AS
         SELECT row_number() OVER () AS ql_rec, *
         FROM read_csv($path, all_varchar = true, store_rejects = true, rejects_table = 'ql_csv_rejects',
           rejects_scan = 'ql_csv_scans', max_line_size = $max_line${optSql}${columns})`,
        { path: readerPath(path), max_line: maxLine },
      );
    });
  await read(env.maxLine);
  // The buffer fits the file's longest line; a record spanning lines may be longer (a stack trace in a quoted value).
  if (env.maxLine < MAX_LINE && (await db.one<{ n: number }>(sqlFile('ingest/oversize_records')))?.n) {
    await read(MAX_LINE);
  }
  await db.run(sqlFile('ingest/reader_rejects'), { stray: msg.strayQuote, too_long: msg.lineTooLong(MAX_LINE) });
  const comment = d.comment || null;
  await db.run(sqlFile('ingest/lines'), { header_lines: headerLines, comment });
  const c = await db.one<{ recs: number; lines: number; quotes: number }>(sqlFile('ingest/src_counts'));
  // Records equal to lines means no record spans lines (each such record holds a closing quote on a later line).
  if (c?.recs === c?.lines && c?.quotes === 0) {
    await db.run(sqlFile('ingest/src_lines'));
    return false;
  }
  await runScript(db, sqlFile('ingest/record_lines'), {
    ...linePatterns(d),
    quote: d.quote,
    skip: headerLines - (opts.header === 'false' ? 0 : 1),
    header_lines: headerLines,
    unclosed: msg.unclosedQuote,
    comment,
  });
  await checkRecords(db, path);
  await db.run(sqlFile('ingest/src_lines'));
  return true;
}

/** Each record must hold one line break per line it continues onto, and every refusal must sit on a record's start. */
async function checkRecords(db: Db, path: string): Promise<void> {
  const cols = (await db.all<{ column_name: string }>(sqlFile('ingest/src_columns')))
    .map((r) => r.column_name)
    .filter((n) => n !== 'ql_rec');
  const text = `concat_ws('', ${cols.map(ident).join(', ')})`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ql_rec_breaks AS
     SELECT ql_rec, length(${text}) - length(replace(${text}, chr(10), '')) AS breaks FROM ql_src`,
  );
  const c = await db.one<{ recs: number; lines: number; unplaced: number; first_bad: number | null }>(
    sqlFile('ingest/record_check'),
  );
  if (c?.recs !== c?.lines || c?.unplaced !== 0 || c?.first_bad != null) {
    throw new InputError(path, msg.unnumbered(c?.recs, c?.lines), {
      hint: msg.unnumberedHint,
      line: c?.first_bad ?? undefined,
    });
  }
}

function dialect(opts: Record<string, string>): Dialect {
  const plain = (v: string | undefined, dflt: string) =>
    v === undefined ? dflt : v.startsWith("'") ? v.slice(1, -1).replaceAll("''", "'") : v;
  return {
    delim: plain(opts.delim, ','),
    quote: plain(opts.quote, '"'),
    escape: plain(opts.escape, '"'),
    comment: plain(opts.comment, ''),
  };
}

/** The header's column names as DuckDB names them (trimmed, unquoted, `column<i>` for an empty one). */
async function headerNames(db: Db, headerLines: number, d: Dialect): Promise<string[] | undefined> {
  const row = await db.one<{ raw: string | null }>('SELECT raw FROM ql_raw WHERE line = $line', { line: headerLines });
  // A NUL cannot go into the statement's text: such a file is read as before (DuckDB names its columns).
  if (!row?.raw || row.raw.includes('\0')) return undefined;
  return splitLine(row.raw.replace(/^\uFEFF/, ''), d).map((n, i) => n || `column${i}`);
}

/** One line's fields (quotes open only at a field's start; a doubled quote or the escape keeps a quote). */
function splitLine(line: string, d: Dialect): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let inside = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (inside) {
      if (ch === d.escape && line[i + 1] === d.quote && d.escape !== '') {
        field += d.quote;
        i++;
      } else if (ch === d.quote) inside = false;
      else field += ch;
    } else if (line.startsWith(d.delim, i) && d.delim !== '') {
      out.push(quoted ? field : spaceTrim(field));
      field = '';
      quoted = false;
      i += d.delim.length - 1;
    } else if (ch === d.quote && spaceTrim(field) === '' && !quoted && d.quote !== '') {
      inside = true;
      quoted = true;
      field = '';
    } else field += ch;
  }
  out.push(quoted ? field : spaceTrim(field));
  return out;
}

/** DuckDB trims spaces, not tabs, around a header's names. */
const spaceTrim = (s: string) => s.replace(/^ +| +$/g, '');

const re = (s: string) => s.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');

/**
 * RE2 patterns for a line that ends inside a quoted value, when it starts outside (`out_in`) or inside (`in_in`) one.
 * A quote opens a value only at a field's start (elsewhere it is text); inside, a doubled quote (or the escape before
 * a quote) is a quote; after the closing quote, anything up to the delimiter belongs to that (refused) field.
 */
function linePatterns(d: Dialect): { out_in: string; in_in: string } {
  // Without a quote (or with a delimiter of several characters, not modelled) no line is taken to end inside a value:
  // a file that has such records then fails the check, as before.
  if (d.quote.length !== 1 || d.delim.length !== 1) return { out_in: '\\z.', in_in: '\\z.' };
  const [D, Q, E] = [re(d.delim), re(d.quote), re(d.escape)];
  const body = d.escape === d.quote || d.escape === '' ? `(?:[^${Q}]|${Q}${Q})*` : `(?:[^${Q}${E}]|${E}.)*`;
  const field = `(?:[^${Q}${D}][^${D}]*|${Q}${body}${Q}[^${D}]*|)`;
  const open = `${Q}${body}`;
  return {
    out_in: `(?:${field}${D})*${open}`,
    in_in: `${body}|${body}${Q}[^${D}]*(?:${D}${field})*${D}${open}`,
  };
}
