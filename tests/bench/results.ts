import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface BenchResult {
  id: string;
  value: number;
  unit: string;
  /** The target as written in the issue, e.g. "<= 400"; null where only the figure is reported. */
  target: string | null;
  ok: boolean;
}

/**
 * What the runner hands a benchmark. `emit` passes a result on the moment it exists (the runner
 * writes it to bench-results/latest.json at once); `part` runs an independent part of the
 * benchmark, so that one which throws loses only its own figures, is reported, and fails the run.
 */
export interface BenchRun {
  emit(result: BenchResult): void;
  part(name: string, body: () => Promise<void>): Promise<void>;
}

export type Benchmark = (run: BenchRun) => Promise<void>;

export const RESULTS_FILE = resolve(import.meta.dirname, '../../bench-results/latest.json');

export function resetResults(file = RESULTS_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeAtomically(file, '[]\n');
}

/** Appends one result to the JSON array in bench-results/latest.json. */
export function appendResult(result: BenchResult, file = RESULTS_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  let existing: BenchResult[] = [];
  try {
    existing = JSON.parse(readFileSync(file, 'utf8')) as BenchResult[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  existing.push(result);
  writeAtomically(file, `${JSON.stringify(existing, null, 2)}\n`);
}

/** A result against a target "<= N" or ">= N", or null for a figure that is only reported. */
export function judge(id: string, value: number, unit: string, target: string | null): BenchResult {
  const match = target === null ? null : /^(<=|>=)\s*([\d.]+)$/.exec(target);
  if (target !== null && match === null) throw new Error(`${id}: target "${target}" is not "<= N" or ">= N"`);
  const ok = match === null ? true : match[1] === '<=' ? value <= Number(match[2]) : value >= Number(match[2]);
  return { id, value: Math.round(value * 1000) / 1000, unit, target, ok };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
