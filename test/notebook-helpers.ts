import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Db } from '../src/engine/db.js';
import { migrate } from '../src/engine/migrate.js';
import { computeSnapshots } from '../src/engine/snapshot.js';
import { defaultPython, setupNotebooks } from '../src/notebook/run.js';
import { haveTool } from './helpers.js';

export interface OutputCell {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[] };
  outputs?: { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> }[];
}

export const text = (v: unknown) => (Array.isArray(v) ? v.join('') : String(v ?? ''));

/** Jupyter + nbclient present (CI fails without them); the tslab kernel registered by the project's own setup. */
export async function haveJupyter(): Promise<boolean> {
  const python = defaultPython();
  const ok = haveTool(
    () => {
      execFileSync(python, ['-c', 'import nbclient, nbconvert, jupyter_client'], { stdio: 'ignore' });
      return true;
    },
    'Jupyter (nbclient, nbconvert)',
    'apt-get install jupyter-nbconvert jupyter-notebook python3-nbclient python3-ipykernel',
  );
  if (!ok) return false;
  const kernels = execFileSync(python, [
    '-c',
    'import json\nfrom jupyter_client.kernelspec import KernelSpecManager\nprint(json.dumps(list(KernelSpecManager().find_kernel_specs())))',
  ]).toString();
  if (!(JSON.parse(kernels) as string[]).includes('tslab')) await setupNotebooks({}, { log() {} });
  return true;
}

/** A small database with two days of snapshots: p1 completes FET0001 in 30 min, p2 declines it, p3 only plays. */
export async function tinyDb(dir: string): Promise<string> {
  const path = join(dir, 'tiny.duckdb');
  const db = await Db.open(path);
  await migrate(db);
  await db.run(`
    INSERT INTO catalogue VALUES ('FET0001', 'Fetch <the> Herbs', 'Greenvale', 1), ('KIL0002', 'Clear the Wolf Den', 'Greenvale', 2);
    INSERT INTO events VALUES
      (1, 1, TIMESTAMP '2026-11-27 08:00:00', 'p1', 'FET0001', 'accepted', NULL, NULL, NULL),
      (1, 2, TIMESTAMP '2026-11-28 08:30:00', 'p1', 'FET0001', 'completed', NULL, NULL, NULL),
      (1, 3, TIMESTAMP '2026-11-28 09:00:00', 'p2', 'FET0001', 'declined', NULL, NULL, NULL);
    INSERT INTO file_players VALUES
      (1, 'p1', TIMESTAMP '2026-11-27 08:00:00'), (1, 'p2', TIMESTAMP '2026-11-28 09:00:00'),
      (1, 'p3', TIMESTAMP '2026-11-28 10:00:00');
    INSERT INTO dirty_players VALUES ('p1'), ('p2');
  `);
  await computeSnapshots(db, { backfill: true }, { log() {}, now: () => new Date('2026-11-29T03:00:00Z') });
  db.close();
  return path;
}

export function readNotebook(path: string, readFile: (p: string) => string): OutputCell[] {
  return (JSON.parse(readFile(path)) as { cells: OutputCell[] }).cells;
}

/** Outputs that mean something went wrong: error outputs and anything on stderr. */
export function errorOutputs(cells: OutputCell[]): string[] {
  return cells.flatMap((c, i) =>
    (c.outputs ?? [])
      .filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'))
      .map((o) => `cell ${i + 1}: ${text(o.text)}`),
  );
}
