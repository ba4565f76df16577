// What every benchmark returns: our figure, a baseline measured in the same
// run on the same machine, and their ratio (ours / baseline; for throughput,
// baseline / ours, so above 1 always means "slower than the baseline").
import { readFileSync } from 'node:fs';

export type Scale = 'smoke' | 'full';

export interface BenchResult {
  name: string;
  metric: string;
  unit: string;
  ours: number;
  baseline: number;
  /** How many times worse than the baseline (1 = as good). */
  ratio: number;
  baselineName: string;
  details?: Record<string, number | string>;
}

export function result(fields: Omit<BenchResult, 'ratio'> & { higherIsBetter?: boolean }): BenchResult {
  const { higherIsBetter, ...rest } = fields;
  const ratio = higherIsBetter ? fields.baseline / fields.ours : fields.ours / fields.baseline;
  return { ...rest, ratio: Math.round(ratio * 100) / 100 };
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const numerator = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * CPU time the calling thread has used so far, in ms (Linux: the thread's own
 * line in /proc), or null where that cannot be read. Unlike wall time it does
 * not grow when other processes take the machine's cores.
 */
export function threadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks of 10 ms (the kernel's USER_HZ on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
