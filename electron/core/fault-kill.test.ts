// The desktop lives through kill -9 of its hub: while raw-socket clients send
// mutations, the hub process is killed at random points and restarted
// (hub/testing/kill-trials.ts, the same trials as hub/fault-kill.test.ts);
// the desktop core reconnects by itself and its replica converges to exactly
// what the hub holds. GATEHOUSE_KILL_TRIALS sets the number of trials.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KillTrialsHub } from '../../hub/testing';
import { hubTeams, KILL_TRIALS_OWNER, prepareKillTrialsHub, runKillTrials, startHubProcess } from '../../hub/testing';
import { TestCore } from './testing/test-core';

const TRIALS = Number(process.env['GATEHOUSE_KILL_TRIALS'] ?? 10);

let target: KillTrialsHub;

beforeAll(async () => {
  target = await prepareKillTrialsHub();
});
afterAll(() => rm(target.dataDir, { recursive: true, force: true }));

describe(`the desktop through kill -9 of its hub (${TRIALS} trials)`, () => {
  it('D1: reconnects after every crash and its replica converges to the hub', async () => {
    const first = await startHubProcess(target.dataDir, target.port);
    const desktop = await TestCore.start();
    let hub = first;
    try {
      await desktop.core.signIn(first.url, KILL_TRIALS_OWNER.email, KILL_TRIALS_OWNER.password);
      const outcome = await runKillTrials(target, first, TRIALS);
      hub = outcome.hub;
      expect(outcome.retried).toBeGreaterThan(0);

      const { names, seq } = await hubTeams(target);
      expect(names.length).toBe(outcome.sent.length);
      await expect.poll(() => desktop.core.workspaceView()?.seq, { timeout: 15_000 }).toBe(seq);
      const replicaNames = desktop.core.workspaceView()?.snapshot.teams.map((team) => team.name).sort();
      expect(replicaNames).toEqual([...names].sort());
    } finally {
      await desktop.stop();
      await hub.stop();
    }
  }, 180_000);
});
