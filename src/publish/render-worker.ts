// A render worker (worker_threads, started by render-pool.ts): renders whole quests' files (page, JSON, history, month
// file, chart specs) and the segment API's value files from the rows it is sent, writes them and their gzip copies into
// the build folder, and replies with what it wrote. Batches run one after another; an error is sent back as the batch's reply.
import { parentPort } from 'node:worker_threads';
import { workerFault } from '../domain/fault.js';
import type { SiteData } from './api.js';
import { type FileRecord, FileSink } from './file-sink.js';
import { writeQuestPage } from './quest-pages.js';
import type { Batch, QuestTask, Reply, Shared, ToWorker, WorkerInit } from './render-pool.js';
import { writeSegmentValue } from './segments.js';
import { SiteFiles } from './site-files.js';
import { unpackFound } from './worker-found.js';

let copies: string[] = [];
/** Set by the first message: the worker starts (and loads its modules) while the main thread still reads. */
let init: WorkerInit;
let sink: FileSink;
let queue = Promise.resolve();

parentPort?.on('message', (message: ToWorker) => {
  if ('init' in message) {
    init = message.init;
    sink = new FileSink(new SiteFiles(init.root, unpackFound(init.found)), (rel) => copies.push(rel));
  } else queue = queue.then(() => run(message));
});

async function run(batch: Batch): Promise<void> {
  let reply: Reply;
  try {
    workerFault('render-worker');
    const files: FileRecord[] = [];
    const gz = sink.gz.count;
    const write = (rel: string, content: string | Buffer) => {
      files.push(sink.put(rel, content));
    };
    for (const file of batch.values) await writeSegmentValue(siteOf(init.shared), file, write);
    for (const task of batch.tasks) await writeQuestPage(dataOf(init.shared, task), task.page, write);
    reply = { id: batch.id, quests: batch.tasks.length, files, copies, gz: sink.gz.count - gz };
    copies = [];
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    reply = { id: batch.id, error: { name: e.name, message: e.message, stack: e.stack, code: e.code } };
  }
  parentPort?.postMessage(reply);
}

/** The site data without any quest's rows (what a segment value file's header reads). */
function siteOf({ data }: Shared): SiteData {
  return { ...data, history: [], histogram: [] };
}

/** The site data one quest page reads: the shared part, and this quest's own survival and segment rows. */
function dataOf({ data, survival }: Shared, task: QuestTask): SiteData {
  return {
    ...data,
    snapshot: { ...data.snapshot, quests: [task.page.q] },
    history: [],
    histogram: [],
    ...(survival ? { survival: task.survival ? [task.survival] : [] } : {}),
    ...(data.segments ? { segments: { ...data.segments, rows: task.segments } } : {}),
  };
}
