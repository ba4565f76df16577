// Issue 11.6: a workspace's plan, changed by the person who runs the hub
// (billing is not the Owners', L1). What a change does is said first; applied,
// a restriction the new plan does not offer (R7 below Advanced) is switched
// off for those who had it, connected desktops get a fresh snapshot, and the
// audit log records each member it changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

describe('plan changes', () => {
  let hub: TestHub;
  let owner: TestClient;
  let maskedId: string;

  beforeEach(async () => {
    hub = await startTestHub({ plan: 'advanced' });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    maskedId = await hub.addMember(owner, 'masked@example.com', 'agent', { maskContactDetails: true, workflowsButton: true }, 'Mia Masked');
    await hub.addMember(owner, 'plain@example.com', 'agent', {}, 'Pat Plain');
    await owner.mutate('contact.create', { name: 'Carla Customer', phone: '+1 555 0100 42', email: 'carla@customer.example', assigneeId: null, teamId: null });
  });
  afterEach(() => hub.stop());

  it('issue 11.6 / R7: the effects of going below Advanced name the Agents who lose masking, and change nothing', async () => {
    const effects = await hub.hub.admin.planChangeEffects(hub.workspaceId, 'growth');
    expect(effects).toMatchObject({
      from: 'advanced',
      to: 'growth',
      restrictionsLost: [{ restriction: 'R7', label: 'Mask Phone Number and Email Address', members: [{ memberId: maskedId, displayName: 'Mia Masked' }] }],
      restrictionsGained: [],
    });
    expect(effects.sentences).toEqual([
      'Support moves from the Advanced plan to Growth.',
      '“Mask Phone Number and Email Address” is not offered on the Growth plan: 1 Agent loses it (Mia Masked), so they will see phone numbers and email addresses in full. The switch is turned off and stays off if the plan goes back up.',
    ]);
    expect((await hub.hub.store.workspaces.byId(hub.workspaceId))?.plan).toBe('advanced');
    expect((await hub.hub.store.members.byId(maskedId))?.restrictions.maskContactDetails).toBe(true);

    expect((await hub.hub.admin.planChangeEffects(hub.workspaceId, 'enterprise')).sentences).toEqual(['Support moves from the Advanced plan to Enterprise.']);
    expect((await hub.hub.admin.planChangeEffects(hub.workspaceId, 'advanced')).sentences).toEqual(['Support is already on the Advanced plan; nothing changes.']);
  });

  it('issue 11.6 / R7: applied, the Agent loses masking (other switches stay), desktops get a fresh snapshot, and it is audited', async () => {
    const agent = await hub.connect('masked@example.com', MEMBER_PASSWORD);
    const maskedSnapshot = agent.snapshots().at(-1)?.snapshot;
    expect(maskedSnapshot?.contacts[0]).toMatchObject({ isMasked: true });
    const ownerSnapshots = owner.snapshots().length;

    const effects = await hub.hub.admin.setPlan(hub.workspaceId, 'growth');
    expect(effects.restrictionsLost[0]?.members).toHaveLength(1);

    const member = await hub.hub.store.members.byId(maskedId);
    expect(member?.restrictions).toEqual({ ...NO_RESTRICTIONS, workflowsButton: true });
    const fresh = await agent.waitFor('snapshot', (message) => message.snapshot.workspace.plan === 'growth');
    expect(fresh.snapshot.contacts[0]).toMatchObject({ phone: '+1 555 0100 42', email: 'carla@customer.example', isMasked: false });
    await owner.waitFor('snapshot', (message) => message.snapshot.workspace.plan === 'growth');
    expect(owner.snapshots().length).toBe(ownerSnapshots + 1);

    const audit = await owner.call('audit.list', {});
    expect(audit.entries[0]).toMatchObject({
      action: 'workspace.plan_changed',
      actorMemberId: null,
      targetMemberId: null,
      before: { plan: 'advanced' },
      after: { plan: 'growth', restrictionsDropped: 1 },
    });
    expect(audit.entries[1]).toMatchObject({
      action: 'member.edited',
      actorMemberId: null,
      actorName: 'Gatehouse',
      targetMemberId: maskedId,
      before: { restrictions: { maskContactDetails: true } },
      after: { restrictions: { maskContactDetails: false }, plan: 'growth' },
    });

    // Back up to Advanced: masking is offered again but stays off until someone switches it on.
    const up = await hub.hub.admin.setPlan(hub.workspaceId, 'advanced');
    expect(up.sentences).toContain('“Mask Phone Number and Email Address” becomes available for Agents.');
    expect((await hub.hub.store.members.byId(maskedId))?.restrictions.maskContactDetails).toBe(false);
  });

  it('issue 11.6: a plan change is refused in plain words for an unknown workspace or plan', async () => {
    await expect(hub.hub.admin.setPlan('no-such-workspace', 'growth')).rejects.toThrow('There is no workspace no-such-workspace on this hub.');
    await expect(hub.hub.admin.setPlan(hub.workspaceId, 'gold' as never)).rejects.toThrow('Choose a plan: starter, growth, advanced or enterprise');
  });

  it('issue 11.6: the workspace list gives each workspace its organization, plan and member counts', async () => {
    await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });
    expect(await hub.hub.admin.listWorkspaces()).toEqual([
      expect.objectContaining({ workspaceId: hub.workspaceId, workspaceName: 'Support', organizationName: 'Acme', plan: 'advanced', activeMembers: 3, pendingMembers: 1 }),
    ]);
  });
});
