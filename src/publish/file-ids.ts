// Quest ids as file names: safe on every filesystem, reversible when they can be, never colliding.
import { createHash } from 'node:crypto';

// Characters kept verbatim in file ids; everything else (including '.', '/', '%', '~') is escaped as ~XX (UTF-8 bytes).
const SAFE = /^[A-Za-z0-9_-]$/;
// Device names (Windows), and the quest index's page files (quests/page-N.json) beside the quests' own.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|page-\d+)$/i;
const MAX_ID = 120;

/**
 * A quest id as a file name: reversible (`decodeFileId`) when short and unambiguous, else `~h` + sha256 prefix.
 * `~h` can never come out of the escaping (escapes are uppercase hex), so the two forms cannot collide.
 */
export function encodeFileId(questId: string): string {
  let out = '';
  for (const ch of questId) {
    if (SAFE.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (out === '' || out.length > MAX_ID || RESERVED.test(out)) return hashFileId(questId);
  return out;
}

function hashFileId(questId: string): string {
  return `~h${createHash('sha256').update(questId, 'utf8').digest('hex').slice(0, 20)}`;
}

/** The quest id of a reversible file id; undefined for hashed ids (look them up in quests.json). */
export function decodeFileId(fileId: string): string | undefined {
  if (fileId.startsWith('~h')) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < fileId.length; i++) {
    if (fileId[i] === '~') {
      bytes.push(Number.parseInt(fileId.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(fileId.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * File ids for a set of quests. Ids differing only in case would overwrite each other on case-insensitive file
 * systems (macOS, Windows), so every member of such a group gets a hashed id instead.
 */
export function fileIds(questIds: readonly string[]): Map<string, string> {
  const encoded = new Map(questIds.map((q) => [q, encodeFileId(q)]));
  const byFolded = new Map<string, number>();
  for (const id of encoded.values()) byFolded.set(id.toLowerCase(), (byFolded.get(id.toLowerCase()) ?? 0) + 1);
  for (const [q, id] of encoded) if ((byFolded.get(id.toLowerCase()) ?? 0) > 1) encoded.set(q, hashFileId(q));
  return encoded;
}

export function fileIdOf(ids: Map<string, string>, questId: string): string {
  return ids.get(questId) ?? encodeFileId(questId);
}
