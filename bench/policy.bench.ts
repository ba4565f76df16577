// 6. Policy decisions per second vs a plain object lookup of the same answers.
import fc from 'fast-check';
import type { Action, Actor } from '../shared/policy';
import { decide } from '../shared/policy';
import { actionArb, actorArb } from '../shared/policy/testing/arbitraries';
import type { BenchResult, Scale } from './harness';
import { result } from './harness';

export async function benchPolicy(scale: Scale): Promise<BenchResult> {
  const cases = fc.sample(fc.tuple(actorArb, actionArb), { numRuns: 1_000, seed: 1 }) as Array<[Actor, Action]>;
  const rounds = scale === 'full' ? 500 : 5;
  const lookup = new Map(cases.map(([actor, action], index) => [index, decide(actor, action).allowed]));
  let allowed = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const [actor, action] of cases) if (decide(actor, action).allowed) allowed += 1;
  const oursMs = performance.now() - started;
  let found = 0;
  const baselineStarted = performance.now();
  for (let round = 0; round < rounds; round += 1) for (let index = 0; index < cases.length; index += 1) if (lookup.get(index)) found += 1;
  const baselineMs = performance.now() - baselineStarted;
  const decisions = rounds * cases.length;
  return result({
    name: 'policy decisions',
    metric: 'decisions per second',
    unit: '/s',
    ours: Math.round(decisions / (oursMs / 1000)),
    baseline: Math.round(decisions / (baselineMs / 1000)),
    baselineName: 'Map lookup of precomputed answers',
    higherIsBetter: true,
    details: { decisions, allowed: allowed / rounds, found: found / rounds },
  });
}
