// Summarises ab.sh output: per run and repetition, segment CPU / overall CPU = ratio (ms), and the whole call's CPU.
import { readFileSync } from 'node:fs';
for (const file of process.argv.slice(2)) {
  let head = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) head = line.slice(2);
    else if (line.startsWith('{')) {
      const j = JSON.parse(line);
      console.log(`${head} rep ${j.rep}: segments ${j.segCpu} / overall ${j.overallCpu} = ${j.ratio}; survival ${j.survivalCpu}; whole call ${j.totalCpu}`);
    }
  }
}
