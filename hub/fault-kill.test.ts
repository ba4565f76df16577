// kill -9 the hub at random points while several clients send mutations:
// after a restart every acknowledged mutation exists exactly once, the
// unacknowledged ones are retried (same mutation id) and applied once, and
// the store's integrity check is ok (SQLite's, or PostgreSQL's under the
// "hub on PostgreSQL" project). The desktop's replica living through the
// same trials is electron/core/fault-kill.test.ts.
// 20 trials in npm test; GATEHOUSE_KILL_TRIALS=100 for the long run.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KillTrialsHub } from './testing';
import { hubTeams, KILL_TRIALS_CLIENTS, prepareKillTrialsHub, runKillTrials, startHubProcess } from './testing';

const TRIALS = Number(process.env['GATEHOUSE_KILL_TRIALS'] ?? 20);

let target: KillTrialsHub;

beforeAll(async () => {
  target = await prepareKillTrialsHub();
});
afterAll(() => rm(target.dataDir, { recursive: true, force: true }));

describe(`kill -9 the hub (${TRIALS} trials)`, () => {
  it('loses no acknowledged mutation and applies every retry once', async () => {
    const { hub, sent, retried } = await runKillTrials(target, await startHubProcess(target.dataDir, target.port, target.database), TRIALS);
    try {
      // The kills landed mid-stream: some mutations were unanswered and had to be retried.
      expect(retried).toBeGreaterThan(0);
      expect(sent.length).toBeGreaterThan(TRIALS * KILL_TRIALS_CLIENTS);

      // Every mutation exists exactly once.
      const { names, integrity } = await hubTeams(target);
      expect(names.length).toBe(sent.length);
      expect(new Set(names).size).toBe(names.length);
      expect(new Set(names)).toEqual(new Set(sent.map((entry) => entry.name)));
      expect(integrity).toBe('ok');
    } finally {
      await hub.stop();
    }
  }, 180_000);
});
