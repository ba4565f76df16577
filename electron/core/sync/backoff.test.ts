import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('reconnect backoff', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const settings = { initialMs: 100, maxMs: 1_000 };
    const highest = (attempt: number) => backoffDelay(attempt, settings, () => 1);
    expect([0, 1, 2, 3, 4, 10].map(highest)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('spreads desktops out: the delay lies between half and all of the ceiling', () => {
    const settings = { initialMs: 1_000, maxMs: 60_000 };
    expect(backoffDelay(2, settings, () => 0)).toBe(2_000);
    expect(backoffDelay(2, settings, () => 0.5)).toBe(3_000);
  });
});
