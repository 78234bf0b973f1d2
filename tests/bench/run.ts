/**
 * `npm run bench`: runs every benchmark in turn and appends each result to
 * bench-results/latest.json as {id, value, unit, target, ok} the moment the benchmark has it.
 * Exits non-zero if a target is missed or any part of a benchmark fails (a failed part loses only
 * its own figures). `npm run bench -- sync pdf` runs only the benchmarks whose names contain one of
 * the words.
 *
 * Each benchmark runs in a Node process of its own, with only its own modules loaded: what one
 * leaves in memory (fonts, a PDF library, 10,000 seeded records) must not make the next one's
 * garbage collections slower.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { appendResult, resetResults, RESULTS_FILE, type Benchmark, type BenchResult, type BenchRun } from './results';

const benchmarks: Array<[string, () => Promise<Benchmark>]> = [
  ['canonical hash', async () => (await import('./canonical-hash.bench')).benchCanonicalHash],
  ['record PDF (40 findings, 20 photos)', async () => (await import('./pdf.bench')).benchPdf],
  ['sync: 1,000 records to a hub on loopback', async () => (await import('./sync.bench')).benchSync],
  ['hub: enrollment guesses from one address', async () => (await import('./hub-abuse.bench')).benchEnrollGuesses],
  ['web startup', async () => (await import('./web-startup.bench')).benchWebStartup],
  ['console: devices page with 2,000 devices', async () => (await import('./console.bench')).benchConsole],
  ['recording with 10,000 inspections', async () => (await import('./recording.bench')).benchRecording],
  ['review: 10,000 inspections imported, shown and exported', async () => (await import('./review.bench')).benchReview],
  ['template: a 300-item checklist workbook published', async () => (await import('./template-workbook.bench')).benchTemplateWorkbook],
];

const RESULT_LINE = 'bench-result ';
const FAILED_LINE = 'bench-failed ';
const child = process.env['CONGVU_BENCH_ONE'];

/** What went wrong, in a line: the error and what caused it (undici's "fetch failed" says why only there). */
function plainly(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}

if (child !== undefined) {
  // In the child: run one benchmark, handing each result and each failed part to the parent on a
  // line of its own as it happens (writes to a pipe are synchronous: a crash after it loses nothing).
  const found = benchmarks.find(([name]) => name === child);
  if (!found) throw new Error(`No benchmark named ${child}`);
  let failures = 0;
  const fail = (part: string, error: unknown) => {
    failures += 1;
    console.error(error);
    console.log(`${FAILED_LINE}${JSON.stringify({ part, error: plainly(error) })}`);
  };
  const run: BenchRun = {
    emit: (result) => console.log(`${RESULT_LINE}${JSON.stringify(result)}`),
    part: async (name, body) => {
      try {
        await body();
      } catch (error) {
        fail(name, error);
      }
    },
  };
  try {
    await (await found[1]())(run);
  } catch (error) {
    fail('the rest of it', error);
  }
  process.exit(failures > 0 ? 1 : 0);
}

const only = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = benchmarks.filter(([name]) => only.length === 0 || only.some((w) => name.toLowerCase().includes(w)));
if (chosen.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}; they are: ${benchmarks.map(([name]) => name).join('; ')}`);
  process.exit(2);
}

resetResults();
let missed = 0;
let failed = 0;
for (const [name] of chosen) {
  console.log(`▶ ${name}`);
  // Lines are passed on as they come: the longer benchmarks report their progress.
  const run = spawn(process.execPath, [...process.execArgv, import.meta.filename], { env: { ...process.env, CONGVU_BENCH_ONE: name }, stdio: ['ignore', 'pipe', 'inherit'] });
  let failedParts = 0;
  for await (const line of createInterface({ input: run.stdout })) {
    if (line.startsWith(FAILED_LINE)) {
      const { part, error } = JSON.parse(line.slice(FAILED_LINE.length)) as { part: string; error: string };
      failedParts += 1;
      console.log(`  ✗ ${part} failed, its figures are missing: ${error}`);
      continue;
    }
    if (!line.startsWith(RESULT_LINE)) {
      console.log(line);
      continue;
    }
    const result = JSON.parse(line.slice(RESULT_LINE.length)) as BenchResult;
    appendResult(result);
    if (!result.ok) missed += 1;
    console.log(`  ${result.ok ? '✓' : '✗'} ${result.id} = ${result.value} ${result.unit} (target ${result.target ?? 'none'})`);
  }
  const code = run.exitCode ?? (await new Promise<number | null>((done) => run.once('exit', (c) => done(c))));
  if (failedParts > 0) failed += 1;
  else if (code !== 0) {
    failed += 1;
    console.error(`  ✗ ${name} stopped with exit code ${code}`);
  }
}
console.log(`Results in ${RESULTS_FILE}`);
if (failed > 0) console.error(`${failed} benchmark(s) did not finish every part`);
process.exit(missed > 0 || failed > 0 ? 1 : 0);
