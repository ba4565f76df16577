// Issue 13.5: past the deadline of a workspace that requires two-step
// sign-in, the hub refuses the socket of a session without the second step
// with 428 and a sentence; the desktop shows that sentence (not a status
// number), keeps the replica and keeps trying, so the person can set it up
// and be connected again.
import { generateSync } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestHub } from '../../../hub/testing';
import { bearer, MEMBER_PASSWORD, OWNER_PASSWORD, postJson, startTestHub } from '../../../hub/testing';
import type { SyncHarness } from './testing/sync-harness';
import { startSyncHarness } from './testing/sync-harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Turns two-step sign-in on for a session, as a person does in Profile: password, the hub's secret, the app's first code. */
async function turnOnTwoStep(hub: TestHub, token: string, password: string): Promise<void> {
  const enrolled = await postJson(`${hub.hub.url}/api/account/two-step/enrol`, { currentPassword: password }, bearer(token));
  const code = generateSync({ secret: String(enrolled.body['secret']) });
  const confirmed = await postJson(`${hub.hub.url}/api/account/two-step/confirm`, { code }, bearer(token));
  expect(confirmed.status).toBe(200);
}

describe('issue 13.5: a socket refused until two-step sign-in is set up', () => {
  it('issue 13.5: the desktop shows the hub’s sentence and keeps retrying', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.stop());
    const ownerToken = (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.addMember(owner, 'agent@example.com', 'agent');
    await turnOnTwoStep(hub, ownerToken, OWNER_PASSWORD);
    const required = await owner.request('workspace.require_two_step', { mutationId: 'require-two-step-1', isRequired: true, graceDays: 0 });
    expect(required.ok).toBe(true);

    const agent = await hub.signIn('agent@example.com', MEMBER_PASSWORD);
    const sync: SyncHarness = await startSyncHarness({
      hubUrl: hub.hub.url,
      token: agent.token,
      personId: agent.personId,
      workspaceId: hub.workspaceId,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    cleanups.push(() => sync.close());
    sync.client.start();
    const refused = await sync.waitFor('connection', (event) => event.state.status === 'offline' && event.state.detail !== undefined);
    expect(refused.state).toMatchObject({ status: 'offline' });
    expect(refused.state.status === 'offline' && refused.state.detail).toMatch(/requires two-step sign-in\. Turn it on in your Profile/);
    expect(sync.events.some((event) => event.type === 'revoked' || event.type === 'session_ended')).toBe(false);
  });
});
