// What reaches a terminal from data.

/**
 * Text bound for a terminal: control characters (C0 but tab and newline, DEL, C1: ANSI escape sequences among them)
 * and bidirectional overrides become visible escapes (`\x1b`, `\u202e`), so data (quest ids, rejected lines, file
 * names) can never move the cursor, recolour the screen or reorder what is shown. A CR before LF stays (CSV output
 * ends its lines with CRLF); a lone CR, which would overwrite the line, is escaped.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
  return text.replace(/\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
