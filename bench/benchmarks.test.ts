// A small run of every benchmark, so none can rot: each measures both sides
// and reports a finite ratio. Timings are not asserted here; `npm run bench`
// is where figures belong.
import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from './benchmarks';

describe('benchmarks (smoke runs)', () => {
  it.each(BENCHMARKS)('%s runs end to end at a small size', async (_name, run) => {
    for (const outcome of [await run('smoke')].flat()) {
      expect(outcome.ours, outcome.name).toBeGreaterThanOrEqual(0);
      expect(outcome.baseline, outcome.name).toBeGreaterThan(0);
      expect(Number.isFinite(outcome.ratio), outcome.name).toBe(true);
    }
  }, 120_000);
});
