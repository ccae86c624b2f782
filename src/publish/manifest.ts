// api/v1/index.json: every API file with its content hash and size, and the snapshot date, so a client fetches the
// manifest and only the files whose hash changed. Month files of the history are versioned in history-months.json
// instead (listing them would grow the manifest with every month of history).
import { API_DIR, API_SCHEMA_VERSION, type SiteData } from './api.js';
import { compactJson } from './json.js';

export const MANIFEST = `${API_DIR}/index.json`;
const MONTH_FILE = /\/history\/\d{4}-\d{2}\.json$/;

/** Whether the manifest lists the file at `rel` (so its writer hashes it). */
export const inManifest = (rel: string) => rel.startsWith(`${API_DIR}/`) && rel !== MANIFEST && !MONTH_FILE.test(rel);

export class Manifest {
  private readonly files = new Map<string, { sha256: string; bytes: number }>();

  /** Records a file just written (its bytes' sha256 and length), when it belongs in the manifest. */
  record(rel: string, sha256: string, bytes: number): void {
    if (inManifest(rel)) this.files.set(rel.slice(API_DIR.length + 1), { sha256, bytes });
  }

  document(data: SiteData) {
    return {
      schema_version: API_SCHEMA_VERSION,
      generated_at: data.generatedAt,
      snapshot_date: data.snapshot.meta.snapshot_date,
      // Sorted by path: the same site gives the same bytes.
      files: [...this.files.keys()].sort().map((path) => ({ path, ...this.files.get(path) })),
    };
  }

  json(data: SiteData): string {
    return compactJson(this.document(data));
  }
}
