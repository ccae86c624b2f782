// Worker thread of ChartPool: renders the specs it is sent, one at a time, with its own reused vega views.
import { parentPort } from 'node:worker_threads';
import { type ChartJob, ChartRenderer } from './charts.js';

const renderer = new ChartRenderer();
// vega loads while the main thread still queries and writes; a failure here resurfaces with the first chart.
renderer.warm().catch(() => {});
parentPort?.on('message', (msg: ChartJob) => {
  if (msg.primer) renderer.svg(msg.primer, msg.idPrefix, msg.shape).catch(() => {});
  renderer.svg(msg.spec, msg.idPrefix, msg.shape).then(
    (svg) => parentPort?.postMessage({ id: msg.id, svg }),
    (err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.stack : String(err) }),
  );
});
