// Per run of a bench report (latest.json): wall, the phases' sum, the time in no phase, and the wall without publish.
//   node unphased.mjs OUT/latest.json...
import { readFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  for (const size of result.sizes ?? [result]) {
    console.log(`${file} (${size.size}, ${size.run?.commit ?? ''})`);
    for (const r of size.runs) {
      const sum = Object.values(r.phases).reduce((a, b) => a + b, 0);
      const pub = (r.phases.publish ?? 0) + (r.phases.readcopy ?? 0);
      console.log(
        `  ${r.contender.padEnd(8)} ${r.format.padEnd(7)} load ${r.load1.toFixed(1).padStart(5)} wall ${String(r.wallMs).padStart(6)}` +
          ` w/o publish ${String(r.wallMs - pub).padStart(6)} phases ${String(sum).padStart(6)} unphased ${String(r.wallMs - sum).padStart(5)}` +
          ` open ${r.phases.open}`,
      );
    }
  }
}
