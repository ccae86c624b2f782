// Worker thread of ChartPool: renders the specs it is sent, one at a time, with its own reused vega views.
import { parentPort } from 'node:worker_threads';
import { ChartRenderer, type VlSpec } from './charts.js';

const renderer = new ChartRenderer();
parentPort?.on('message', (msg: { id: number; spec: VlSpec; idPrefix: string }) => {
  renderer.svg(msg.spec, msg.idPrefix).then(
    (svg) => parentPort?.postMessage({ id: msg.id, svg }),
    (err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.stack : String(err) }),
  );
});
