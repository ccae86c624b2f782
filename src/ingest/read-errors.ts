// DuckDB's complaints about a file it reads, as InputErrors naming the file and (when DuckDB says) the line.
import { errorMessage, InputError, InternalError, UserError } from '../domain/errors.js';
import { ingestMessages } from '../domain/messages.js';
import { MAX_LINE } from './plan.js';

/** Runs a step that reads the file; DuckDB's complaints about the file become InputErrors naming file and line. */
export async function read<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError || err instanceof InternalError) throw err;
    // DuckDB ends a message with the statement it ran ("LINE 4: FROM read_parquet(…"): a line of questlog's SQL, not
    // of the file (a broken Parquet footer was reported at "line 4").
    const msg = errorMessage(err).replace(/\n\s*LINE \d+:[\s\S]*$/, '');
    const line = /(?:on )?line:? (\d+)/i.exec(msg)?.[1];
    throw new InputError(path, duckReason(msg), { line: line ? Number(line) : undefined, cause: err });
  }
}

/** DuckDB messages carry hints for SQL users; keep the first meaningful sentence. */
function duckReason(msg: string): string {
  if (/not utf-8|invalid unicode/i.test(msg)) return ingestMessages.notUtf8;
  if (/maximum line size/i.test(msg)) return ingestMessages.lineTooLong(MAX_LINE);
  // The fingerprint inflated the whole stream, so what DuckDB's reader refuses is what follows it (zero padding).
  if (/not a GZIP stream/i.test(msg)) return ingestMessages.badGzip(ingestMessages.gzipTrailing);
  if (/no magic bytes|footer length/i.test(msg)) {
    const first = (msg.split('\n')[0] ?? msg).replace(/^[A-Za-z ]+Error: /, '');
    // The path is said once, before the reason.
    return ingestMessages.badParquet(
      first.replace(/ (?:at end of |in )file '.*'$/, (m) => (m.startsWith(' at') ? ' at the end' : '')),
    );
  }
  const first = msg.split('\n').find((l) => l.trim() !== '' && !/^CSV Error on Line/i.test(l)) ?? msg;
  return first.replace(/^[A-Za-z ]+Error: /, '').trim();
}
