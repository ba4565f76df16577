// Issue 13.5: Owners require two-step sign-in for their workspace, with a
// grace period; the deadline is a stored date the hub checks at each socket
// (the test moves the hub's clock, no timer is involved). Before and during
// the grace period everyone connects and those without it are told; after it,
// sessions that did not pass the second step get no socket of that workspace,
// while the account routes still let them set it up. Only Owners turn it on;
// nobody on the wire can reset another person's second step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, postJson, signInFrom } from './testing/account-requests';
import { addOtherOrganization, OTHER_OWNER } from './testing/other-organization';
import { TestClient } from './testing/test-client';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './testing/test-hub';
import type { ClockedHub } from './two-step-fixtures';
import { codeAt, openSocket, startClockedHub, turnOn, twoStepCalls } from './two-step-fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
let hub: ClockedHub;
let calls: ReturnType<typeof twoStepCalls>;
let owner: TestClient;
let ownerToken: string;

beforeEach(async () => {
  hub = await startClockedHub();
  calls = twoStepCalls(hub);
  ownerToken = (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
  owner = await TestClient.open(hub.hub.socketUrl, ownerToken, hub.workspaceId);
  await owner.subscribe(null);
});
afterEach(() => hub.stop());

async function memberSession(email: string): Promise<string> {
  return (await hub.signIn(email, MEMBER_PASSWORD)).token;
}

async function require2fa(client: TestClient, isRequired: boolean, graceDays: number) {
  const reply = await client.request('workspace.require_two_step', { mutationId: `m-${Math.random().toString(36).slice(2, 12)}`, isRequired, graceDays });
  return reply;
}

describe('issue 13.5: who may require two-step sign-in', () => {
  it('issue 13.5 / L1: Managers and Agents are refused; an Owner without it is told to turn it on first; an Owner with it may, and it is audited', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await hub.addMember(owner, 'agent@example.com', 'agent');
    for (const email of ['manager@example.com', 'agent@example.com']) {
      const client = await TestClient.open(hub.hub.socketUrl, await memberSession(email), hub.workspaceId);
      await client.subscribe(null);
      const refused = await require2fa(client, true, 7);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error).toMatchObject({ code: 'owners_only', message: 'Only Owners can require two-step sign-in for the workspace.' });
      client.close();
    }
    const withoutIt = await require2fa(owner, true, 7);
    expect(!withoutIt.ok && withoutIt.error.code).toBe('two_step_state');

    await turnOn(hub, ownerToken, OWNER_PASSWORD);
    const allowed = await require2fa(owner, true, 7);
    expect(allowed.ok && allowed.result).toEqual({ requirement: { requiredAt: hub.clock.now, deadline: hub.clock.now + 7 * DAY_MS } });
    const audit = await owner.call('audit.list', { action: 'workspace.two_step_required' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      actorName: 'Olive Owner',
      before: { isRequired: false },
      after: { isRequired: true, requiredAt: hub.clock.now, deadline: hub.clock.now + 7 * DAY_MS, graceDays: 7 },
    });
  });

  it('issue 13.5: the grace period is 0 to 90 whole days', async () => {
    await turnOn(hub, ownerToken, OWNER_PASSWORD);
    for (const graceDays of [-1, 91, 1.5]) {
      const refused = await require2fa(owner, true, graceDays);
      expect(!refused.ok && refused.error.code, String(graceDays)).toBe('invalid_message');
    }
  });
});

describe('issue 13.5: before, during and after the grace period', () => {
  it('issue 13.5: members without it connect during the grace period and are told the deadline; after it their sockets are refused in words', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const agentToken = await memberSession('agent@example.com');
    // Before it is required: nothing to tell.
    expect((await calls.status(agentToken)).body['requirements']).toEqual([]);
    expect((await openSocket(hub, agentToken)).status).toBe(101);

    await turnOn(hub, ownerToken, OWNER_PASSWORD);
    const deadline = hub.clock.now + 3 * DAY_MS;
    expect((await require2fa(owner, true, 3)).ok).toBe(true);

    // Within the grace period: still let in, and told when.
    hub.clock.now = deadline - 1;
    expect((await openSocket(hub, agentToken)).status).toBe(101);
    expect((await calls.status(agentToken)).body['requirements']).toEqual([
      { workspaceId: hub.workspaceId, workspaceName: 'Support', organizationName: 'Acme', requiredAt: deadline - 3 * DAY_MS, deadline },
    ]);

    // From the deadline on: refused, with a reason to show and a way out.
    hub.clock.now = deadline;
    // 428: an older desktop shows it and retries, where 403 would make it drop the workspace as if revoked.
    expect(await openSocket(hub, agentToken)).toEqual({
      status: 428,
      body: { error: { code: 'two_step_required', message: 'Support requires two-step sign-in. Turn it on in your Profile (under Two-step sign-in), then Gatehouse connects again.' } },
    });
    // The Owner, whose session passed the second step when turning it on, still connects.
    expect((await openSocket(hub, ownerToken)).status).toBe(101);

    // Setting it up needs no socket; the session that confirmed the app connects again at once.
    const { secret } = await turnOn(hub, agentToken, MEMBER_PASSWORD);
    expect((await openSocket(hub, agentToken)).status).toBe(101);

    // A session signed in with the password alone before (it never passed the second step) stays refused;
    // signing in again, now with a code, connects.
    hub.clock.now += 30_000;
    const answer = await signInFrom(hub.hub.url, 'agent@example.com', MEMBER_PASSWORD);
    const pending = (answer.body.error as unknown as { secondStep: { token: string } }).secondStep.token;
    const fresh = await calls.secondStep(pending, codeAt(secret, hub.clock.now));
    expect((await openSocket(hub, String(fresh.body.token))).status).toBe(101);
  });

  it('issue 13.5: a session signed in before the member turned it on is refused after the deadline; turning it off brings the refusal back', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const before = await memberSession('agent@example.com');
    const here = await memberSession('agent@example.com');
    await turnOn(hub, ownerToken, OWNER_PASSWORD);
    expect((await require2fa(owner, true, 0)).ok).toBe(true);
    const { secret } = await turnOn(hub, here, MEMBER_PASSWORD);
    expect((await openSocket(hub, before)).body?.error?.code).toBe('two_step_required');
    expect((await openSocket(hub, here)).status).toBe(101);

    hub.clock.now += 30_000;
    expect((await calls.disable(here, MEMBER_PASSWORD, codeAt(secret, hub.clock.now))).status).toBe(200);
    expect((await openSocket(hub, here)).body?.error?.code).toBe('two_step_required');
  });

  it('issue 13.5: when Owners stop requiring it, sessions without it connect again; another organization is never affected', async () => {
    const other = await addOtherOrganization(hub);
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const agentToken = await memberSession('agent@example.com');
    await turnOn(hub, ownerToken, OWNER_PASSWORD);
    expect((await require2fa(owner, true, 0)).ok).toBe(true);
    expect((await openSocket(hub, agentToken)).status).toBe(428);
    const otherToken = (await hub.signIn(OTHER_OWNER.email, OTHER_OWNER.password)).token;
    expect((await openSocket(hub, otherToken, other.workspaceId)).status).toBe(101);

    const off = await require2fa(owner, false, 0);
    expect(off.ok && off.result).toEqual({ requirement: null });
    expect((await openSocket(hub, agentToken)).status).toBe(101);
    expect((await calls.status(agentToken)).body['requirements']).toEqual([]);
  });
});

describe("issue 13.5: no workspace can reset a person's second step", () => {
  it('issue 13.5: an Owner has no request nor route that resets another person: the wire refuses each try', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const agentToken = await memberSession('agent@example.com');
    await turnOn(hub, agentToken, MEMBER_PASSWORD);
    const agentId = (await hub.hub.store.people.byEmail('agent@example.com'))?.id ?? '';

    // Socket: no such request.
    owner.sendRaw(JSON.stringify({ id: 'reset-1', type: 'two_step.reset', mutationId: 'reset-mutation-1', personId: agentId }));
    const reply = await owner.waitFor('reply', (message) => message.id === 'reset-1');
    expect(!reply.ok && reply.error.code).toBe('unknown_type');
    // HTTP: the account routes act on the caller only; a person named in the body is refused.
    const named = await postJson(`${hub.hub.url}/api/account/two-step/disable`, { currentPassword: OWNER_PASSWORD, code: '123456', personId: agentId }, bearer(ownerToken));
    expect(named.body.error?.code).toBe('invalid_message');
    for (const path of [`/api/people/${agentId}/two-step/reset`, `/api/account/two-step/reset`, `/api/workspaces/${hub.workspaceId}/two-step/reset`]) {
      expect((await postJson(`${hub.hub.url}${path}`, { personId: agentId }, bearer(ownerToken))).status, path).toBe(404);
    }
    // The agent's second step is untouched.
    expect((await calls.status(agentToken)).body['isEnabled']).toBe(true);
    hub.clock.now += 30_000;
    const answer = await signInFrom(hub.hub.url, 'agent@example.com', MEMBER_PASSWORD);
    expect(answer.body.error?.code).toBe('second_step_required');
  });

  it('issue 13.5: the operator resets it (HubAdmin), recorded in the audit log of each workspace of the person', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent', {}, 'Avery Agent');
    const agentToken = await memberSession('agent@example.com');
    await turnOn(hub, agentToken, MEMBER_PASSWORD);
    expect((await hub.hub.admin.twoStepResetEffects('agent@example.com')).isEnabled).toBe(true);
    expect((await hub.hub.admin.resetTwoStep('agent@example.com')).workspaceNames).toEqual(['Support']);
    expect((await signInFrom(hub.hub.url, 'agent@example.com', MEMBER_PASSWORD)).status).toBe(200);
    expect((await calls.status(agentToken)).body).toMatchObject({ isEnabled: false, isSessionVerified: false });
    const audit = await owner.call('audit.list', { action: 'two_step.reset' });
    expect(audit.entries).toEqual([
      expect.objectContaining({ actorMemberId: null, actorName: 'Gatehouse', targetName: 'Avery Agent', before: { twoStep: 'on' }, after: { twoStep: 'off', by: 'operator' } }),
    ]);
    await expect(hub.hub.admin.resetTwoStep('nobody@example.com')).rejects.toThrow('There is no account with the address nobody@example.com on this hub.');
  });
});
