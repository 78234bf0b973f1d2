/**
 * `npm run bench`: runs every benchmark in turn and appends each result to
 * bench-results/latest.json as {id, value, unit, target, ok}. Exits non-zero if a target is missed.
 * `npm run bench -- sync pdf` runs only the benchmarks whose names contain one of the words.
 */
import { benchCanonicalHash } from './canonical-hash.bench';
import { benchPdf } from './pdf.bench';
import { benchSync } from './sync.bench';
import { benchRecording } from './recording.bench';
import { benchReview } from './review.bench';
import { appendResult, resetResults, RESULTS_FILE, type BenchResult } from './results';
import { benchWebStartup } from './web-startup.bench';

const benchmarks: Array<[string, () => Promise<BenchResult[]>]> = [
  ['canonical hash', benchCanonicalHash],
  ['record PDF (40 findings, 20 photos)', benchPdf],
  ['sync: 1,000 records to a hub on loopback', benchSync],
  ['web startup', benchWebStartup],
  ['recording with 10,000 inspections', benchRecording],
  ['review: 10,000 inspections imported, shown and exported', benchReview],
];

const only = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = benchmarks.filter(([name]) => only.length === 0 || only.some((w) => name.toLowerCase().includes(w)));
if (chosen.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}; they are: ${benchmarks.map(([name]) => name).join('; ')}`);
  process.exit(2);
}

resetResults();
let missed = 0;
for (const [name, run] of chosen) {
  console.log(`▶ ${name}`);
  for (const result of await run()) {
    appendResult(result);
    if (!result.ok) missed += 1;
    console.log(`  ${result.ok ? '✓' : '✗'} ${result.id} = ${result.value} ${result.unit} (target ${result.target ?? 'none'})`);
  }
}
console.log(`Results in ${RESULTS_FILE}`);
process.exit(missed > 0 ? 1 : 0);
