// Worker thread of ChartPool: renders the charts it is sent, one at a time, with its own reused vega views.
import { parentPort } from 'node:worker_threads';
import { type ChartJob, ChartRenderer, type ChartReply } from './charts.js';

const renderer = new ChartRenderer();
// vega loads while the main thread still queries and writes; a failure here resurfaces with the first chart.
renderer.warm().catch(() => {});
parentPort?.on('message', (msg: { id: number; jobs: ChartJob[] }) => {
  const svgs = msg.jobs.map((job) => {
    if (job.primer) renderer.svg(job.primer, job.idPrefix, job.shape).catch(() => {});
    return renderer.svg(job.spec, job.idPrefix, job.shape);
  });
  Promise.all(svgs).then(
    (svgs) => reply({ id: msg.id, svgs }),
    (err: unknown) => reply({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

function reply(msg: ChartReply): void {
  parentPort?.postMessage(msg);
}
