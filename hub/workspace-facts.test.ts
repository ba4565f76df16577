// Issue 11.6: Owners (and Managers who may open Workspace Settings) see their
// workspace's plan, what it offers, and whether invitations are emailed,
// through a raw socket; Agents and Managers without Workspace Settings (R1)
// are refused in plain words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubRequestError } from './testing/test-client';
import type { TestClient } from './testing/test-client';
import type { SmtpSink } from './testing/smtp-sink';
import { startSmtpSink } from './testing/smtp-sink';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

async function refusal(client: TestClient): Promise<HubRequestError> {
  const error: unknown = await client.call('workspace.facts').catch((caught: unknown) => caught);
  if (!(error instanceof HubRequestError)) throw new Error('workspace.facts was not refused');
  return error;
}

describe('workspace.facts', () => {
  let hub: TestHub;
  let owner: TestClient;
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
    hub = await startTestHub({ plan: 'growth' });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(async () => {
    await hub.stop();
    await sink.close();
  });

  it('issue 11.6: an Owner sees the plan, that masking (R7) needs Advanced, and whether invitations are emailed', async () => {
    const facts = await owner.call('workspace.facts');
    expect(facts).toMatchObject({ workspaceId: hub.workspaceId, plan: 'growth', isMaskingAvailable: false, isInvitationEmailed: false });
    expect(facts.restrictions.find((each) => each.restriction === 'R7')).toEqual({
      restriction: 'R7',
      label: 'Mask Phone Number and Email Address',
      level: 'agent',
      isAvailable: false,
      minimumPlan: 'advanced',
    });
    expect(facts.restrictions.filter((each) => each.isAvailable)).toHaveLength(6);

    // The operator sets up mail and moves the plan: the next answer says so, no reconnect needed.
    await hub.hub.admin.setMail({ host: '127.0.0.1', port: sink.port, security: 'none', user: null, from: 'hub@example.com' });
    await hub.hub.admin.setPlan(hub.workspaceId, 'advanced');
    expect(await owner.call('workspace.facts')).toMatchObject({ plan: 'advanced', isMaskingAvailable: true, isInvitationEmailed: true });
  });

  it('issue 11.6: a Manager who may open Workspace Settings sees them; one restricted from it (R1) and Agents are refused in plain words', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await hub.addMember(owner, 'closed@example.com', 'manager', { workspaceSettings: true });
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    expect(await manager.call('workspace.facts')).toMatchObject({ plan: 'growth' });

    const closed = (await refusal(await hub.connect('closed@example.com', MEMBER_PASSWORD))).error;
    expect(closed).toEqual({
      code: 'restricted',
      rule: 'R1',
      message: 'Managers with the “Access to Workspace Settings” restriction cannot open General Settings.',
    });
    const agent = (await refusal(await hub.connect('agent@example.com', MEMBER_PASSWORD))).error;
    expect(agent).toEqual({ code: 'module_unavailable', rule: 'L3', message: 'Agents have no access to General Settings.' });
  });
});
