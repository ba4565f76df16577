// A small run of every benchmark, so none can rot: each measures both sides
// and reports a finite ratio. Timings are not asserted here; `npm run bench`
// is where figures belong.
import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from './benchmarks';

describe('benchmarks (smoke runs)', () => {
  it.each(BENCHMARKS)('%s runs end to end at a small size', async (_name, run) => {
    const outcome = await run('smoke');
    expect(outcome.ours).toBeGreaterThan(0);
    expect(outcome.baseline).toBeGreaterThan(0);
    expect(Number.isFinite(outcome.ratio)).toBe(true);
  }, 120_000);
});
