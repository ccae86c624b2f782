// Summarises bench-ab.sh's runs: per run, the load, questlog's phases (ingest · state · snapshot ms) per input and
// whether its statistics were identical across inputs.   node bench-table.mjs OUT
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
for (const d of readdirSync(out).filter((n) => !n.includes('.')).sort((a, b) => a.split('-').pop() - b.split('-').pop())) {
  const j = JSON.parse(readFileSync(join(out, d, 'latest.json'), 'utf8'));
  const s = j.sizes[0];
  const cell = (f) => {
    const r = s.runs.find((x) => x.format === f);
    return `${(r.wallMs / 1000).toFixed(1)} s (${r.phases.ingest} · **${r.phases.state}** · ${r.phases.snapshot}) load ${r.load1}`;
  };
  console.log(`| ${d} | ${j.commit} | ${cell('ndjson')} | ${cell('parquet')} | ${s.identical} |`);
}
