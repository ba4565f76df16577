// Issue 14.1: rules that span rows hold when requests truly run at once. On
// SQLite the connection gate runs one transaction at a time; on PostgreSQL
// (the "hub on PostgreSQL" project) they run side by side on pooled
// connections, and only the workspace's lock (hub/store/repos/locks.ts) or a
// conditional update keeps two requests from both passing a check the other
// makes false. Each race is run several times: one lost race is enough to fail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeAt, startClockedHub, twoStepCalls, turnOn } from './two-step-fixtures';
import type { ClockedHub } from './two-step-fixtures';
import { signInFrom } from './testing/account-requests';
import type { TestClient } from './testing/test-client';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './testing/test-hub';
import { testStoreName } from './testing/test-store';

const ROUNDS = 5;

let hub: ClockedHub;

beforeEach(async () => {
  hub = await startClockedHub();
});
afterEach(async () => {
  await hub.stop();
});

async function demote(by: TestClient, memberId: string): Promise<unknown> {
  const version = (await hub.hub.store.members.byId(memberId))?.version;
  return by.mutate('member.edit', { input: { memberId, level: 'manager', restrictions: {}, baseVersion: version } });
}

/** The pending token of a password-only sign-in of the Owner (who has the second step on). */
async function pendingSignIn(): Promise<string> {
  const answer = await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
  expect(answer.status).toBe(401);
  return String((answer.body.error as unknown as { secondStep: { token: string } }).secondStep.token);
}

describe(`requests at once on ${testStoreName()}`, () => {
  it('V4: two Owners demoting each other at the same moment: exactly one succeeds and the workspace keeps an Owner', async () => {
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const ownerId = (await hub.hub.store.members.activeAdmins(hub.workspaceId)).find((member) => member.email === hub.ownerEmail)?.id ?? '';
    const secondId = await hub.addMember(owner, 'owner2@example.com', 'owner');
    const second = await hub.connect('owner2@example.com', MEMBER_PASSWORD);
    for (let round = 0; round < ROUNDS; round += 1) {
      const outcomes = await Promise.allSettled([demote(owner, secondId), demote(second, ownerId)]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled'), `round ${round}`).toHaveLength(1);
      expect(await hub.hub.store.members.activeOwnerCount(hub.workspaceId)).toBe(1);
      // The one still Owner makes the other an Owner again for the next round.
      const [winner, loserId] = outcomes[0]?.status === 'fulfilled' ? [owner, secondId] : [second, ownerId];
      const version = (await hub.hub.store.members.byId(loserId))?.version;
      await winner.mutate('member.edit', { input: { memberId: loserId, level: 'owner', restrictions: {}, baseVersion: version } });
      expect(await hub.hub.store.members.activeOwnerCount(hub.workspaceId)).toBe(2);
    }
  });

  it('issue 13.5: one authenticator code sent by two sign-ins at the same moment finishes only one of them', async () => {
    const token = (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
    const { secret } = await turnOn(hub, token, OWNER_PASSWORD);
    const calls = twoStepCalls(hub);
    for (let round = 0; round < ROUNDS; round += 1) {
      // A new time step each round: the code of the one before is taken already.
      hub.clock.now += 30_000;
      const [first, other] = await Promise.all([pendingSignIn(), pendingSignIn()]);
      const code = codeAt(secret, hub.clock.now);
      const answers = await Promise.all([calls.secondStep(first, code), calls.secondStep(other, code)]);
      expect(answers.map((answer) => answer.status).sort(), `round ${round}`).toEqual([200, 401]);
      expect(answers.find((answer) => answer.status === 401)?.body.error?.code).toBe('invalid_code');
    }
  });

  it('issue 13.5: one recovery code sent by two sign-ins at the same moment finishes only one of them', async () => {
    const token = (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
    const { recoveryCodes } = await turnOn(hub, token, OWNER_PASSWORD);
    const calls = twoStepCalls(hub);
    for (const code of recoveryCodes.slice(0, ROUNDS)) {
      const [first, other] = await Promise.all([pendingSignIn(), pendingSignIn()]);
      const answers = await Promise.all([calls.secondStep(first, code), calls.secondStep(other, code)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    }
    expect((await calls.status(token)).body).toMatchObject({ recoveryCodesLeft: recoveryCodes.length - ROUNDS });
  });
});
