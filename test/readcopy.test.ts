// The notebooks' read copy: two slots, the spare patched where it differs, never a slot a reader holds.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../src/engine/db.js';
import { readCopyPath, readCopySlots, startReadCopy } from '../src/engine/readcopy.js';
import { ROOT, tempDir } from './helpers.js';
import { tinyDb } from './notebook-helpers.js';

async function refresh(db: Db) {
  const c = await (await startReadCopy(db)).done;
  const same = readFileSync(c.path).equals(readFileSync(db.path));
  return { mode: c.mode, same, slot: readCopySlots(c.path).findIndex((s) => statSync(s).ino === statSync(c.path).ino) };
}

let next = 100;
async function addEvents(db: Db, n: number): Promise<void> {
  for (let i = 0; i < n; i++, next++) {
    await db.run(
      `INSERT INTO events VALUES (3, ${next}, TIMESTAMP '2026-11-28 12:00:00', 'p${next}', 'KIL0002', 'accepted', NULL, NULL, NULL)`,
    );
  }
}

const count = async (db: Db) => (await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events'))[0]?.n;

describe('the read copy', () => {
  it('alternates between two slots, rewriting only what differs, byte-identical to the database', async () => {
    const db = await Db.open(await tinyDb(tempDir()));
    expect(await refresh(db)).toEqual({ mode: 'copied', same: true, slot: 0 });
    expect(await refresh(db)).toEqual({ mode: 'copied', same: true, slot: 1 });
    await addEvents(db, 3);
    const patched = await (await startReadCopy(db)).done;
    expect(patched.mode).toBe('patched');
    expect(patched.written).toBeGreaterThan(0);
    expect(patched.written).toBeLessThan(patched.bytes / 2);
    expect(readFileSync(patched.path).equals(readFileSync(db.path))).toBe(true);
    await addEvents(db, 2);
    expect(await refresh(db)).toEqual({ mode: 'patched', same: true, slot: 1 });
    db.close();
  });

  it('copies a spare slot whole when it changed since sealed, and replaces one that is no database', async () => {
    const db = await Db.open(await tinyDb(tempDir()));
    await refresh(db);
    await refresh(db);
    const [spare, other] = readCopySlots(readCopyPath(db.path));
    appendFileSync(spare, Buffer.alloc(1_000_000, 7));
    await addEvents(db, 1);
    expect(await refresh(db)).toEqual({ mode: 'copied', same: true, slot: 0 });
    writeFileSync(other, 'not a database');
    expect(await refresh(db)).toEqual({ mode: 'copied', same: true, slot: 1 });
    db.close();
  });

  it('never opens a slot without its seal (a kill after the write, before the seal): copied whole instead', async () => {
    const db = await Db.open(await tinyDb(tempDir()));
    await refresh(db);
    await refresh(db);
    const [spare] = readCopySlots(readCopyPath(db.path));
    // A whole, valid database that the old code would have opened and patched in place.
    rmSync(`${spare}.complete`);
    await addEvents(db, 1);
    expect(await refresh(db)).toEqual({ mode: 'copied', same: true, slot: 0 });
    // Sealed again after that copy: the next time round it is patched.
    await refresh(db);
    await addEvents(db, 1);
    expect(await refresh(db)).toEqual({ mode: 'patched', same: true, slot: 0 });
    db.close();
  });

  it('with `after`, checkpoints at once and copies only once that settles, resolved or rejected', async () => {
    const db = await Db.open(await tinyDb(tempDir()));
    for (const settle of ['resolve', 'reject'] as const) {
      await addEvents(db, 1);
      const before = readCopyPath(db.path);
      const had = existsSync(before) ? readFileSync(before) : undefined;
      let release: (v?: unknown) => void = () => {};
      const after = new Promise((resolve, reject) => {
        release = settle === 'resolve' ? resolve : reject;
      });
      after.catch(() => {});
      const events = await count(db);
      const { done } = await startReadCopy(db, undefined, { after });
      // The checkpoint ran: the database file holds the new event before the copy is made.
      const checkpointed = readFileSync(db.path);
      await new Promise((r) => setTimeout(r, 200));
      // (Buffers compared with equals: a deep toEqual of megabytes takes minutes.)
      expect(existsSync(before) ? readFileSync(before).equals(had ?? Buffer.alloc(0)) : had === undefined).toBe(true);
      // Reads of the database are allowed meanwhile (what publish does then).
      expect(await count(db)).toBe(events);
      release();
      const c = await done;
      expect(readFileSync(c.path).equals(checkpointed)).toBe(true);
    }
    db.close();
  });

  it('never rewrites a slot a reader in this process holds', async () => {
    const db = await Db.open(await tinyDb(tempDir()));
    await refresh(db);
    await refresh(db);
    const reader = await Db.open(readCopyPath(db.path), { readOnly: true });
    await addEvents(db, 1);
    expect(await refresh(db)).toEqual({ mode: 'patched', same: true, slot: 0 });
    await addEvents(db, 1);
    expect(await refresh(db)).toEqual({ mode: 'copied', same: true, slot: 1 });
    expect(await count(reader)).toBe(3);
    reader.close();
    await addEvents(db, 1);
    expect(await refresh(db)).toEqual({ mode: 'patched', same: true, slot: 0 });
    db.close();
  });

  it('never rewrites a slot a reader in another process holds', async () => {
    const db = await Db.open(await tinyDb(tempDir()));
    await refresh(db);
    await refresh(db);
    const child = spawn(process.execPath, ['--input-type=module', '-e', READER, readCopyPath(db.path)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines = lineReader(child.stdout);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    expect(await lines.next()).toBe('3');
    await addEvents(db, 1);
    expect(await refresh(db)).toEqual({ mode: 'patched', same: true, slot: 0 });
    await addEvents(db, 1);
    // slot 1 is the reader's: DuckDB's lock says so, and the slot gets a new file
    expect(await refresh(db)).toEqual({ mode: 'copied', same: true, slot: 1 });
    child.stdin.write('again\n');
    expect(await lines.next()).toBe('3');
    child.stdin.end();
    await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    db.close();
  }, 60_000);
});

/** Opens the copy read-only, prints its event count, and again per line on stdin; the file stays open throughout. */
const READER = `
import { createInterface } from 'node:readline';
const { Db } = await import(${JSON.stringify(join(ROOT, 'dist/engine/db.js'))});
const db = await Db.open(process.argv[1], { readOnly: true });
const show = async () => console.log((await db.all('SELECT count(*)::INTEGER AS n FROM events'))[0].n);
await show();
for await (const _ of createInterface({ input: process.stdin })) await show();
db.close();
`;

function lineReader(stream: NodeJS.ReadableStream) {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buf = '';
  stream.on('data', (d) => {
    buf += d;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else queue.push(line);
    }
  });
  return {
    next: () => new Promise<string>((done) => (queue.length ? done(queue.shift() as string) : waiting.push(done))),
  };
}
