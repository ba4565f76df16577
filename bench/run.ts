// `npm run bench`: every benchmark at full size; prints our figure, the
// baseline and the ratio, and writes them all to bench/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BENCHMARKS } from './benchmarks';
import type { BenchResult } from './harness';

const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const [name, run] of BENCHMARKS) {
  if (only.length > 0 && !only.some((wanted) => name.includes(wanted))) continue;
  process.stdout.write(`running ${name}… `);
  const outcomes = [await run('full')].flat();
  results.push(...outcomes);
  console.log(outcomes.map((outcome) => `${outcome.ours} vs ${outcome.baseline} ${outcome.unit} (×${outcome.ratio})`).join('; '));
}
console.table(results.map(({ name, metric, ours, baseline, unit, ratio, baselineName }) => ({ name, metric, ours, baseline, unit, ratio, baselineName })));
const file = join(import.meta.dirname, 'results.json');
// A partial run (names on the command line) replaces only its own entries.
const previous: BenchResult[] = only.length > 0 && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { results: BenchResult[] }).results : [];
const fresh = new Set(results.map((entry) => entry.name));
const merged = [...previous.filter((entry) => !fresh.has(entry.name)), ...results];
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, results: merged }, null, 2)}\n`);
console.log(`written to ${file}`);
process.exit(0);
