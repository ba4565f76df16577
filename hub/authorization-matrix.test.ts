// The authorization matrix: for every access level x restriction set x plan x
// action, a raw WebSocket client (not the app's code) tries the action. It
// succeeds exactly when the shared policy allows it, a refusal changes
// nothing, and nothing the member may not see reaches them. Restrictions of
// another level never bind (the policy's property tests prove it), so each
// level is walked with every combination of its own restrictions: the whole
// space, in about a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Actor, Plan } from '../shared/policy';
import type { Restrictions } from '../shared/policy';
import { ACCESS_LEVELS, CONTACT_VISIBILITY_SCOPES, decide, NO_RESTRICTIONS, PLANS } from '../shared/policy';
import type { ServerMessage } from '../shared/protocol';
import { newId } from './auth/tokens';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { UNLIMITED_REQUEST_LIMITS } from './server/request-limits';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';


let hub: TestHub;
let actorClient: TestClient;
let actorId: string;
let teamId: string;

beforeAll(async () => {
  // Thousands of requests on one session: the quotas (tested in quotas.test.ts) would refuse them.
  hub = await startTestHub({ requestLimits: UNLIMITED_REQUEST_LIMITS });
  const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  teamId = (await owner.mutate('team.create', { name: 'Matrix team' })).team.id;
  actorId = await hub.addMember(owner, 'actor@example.com', 'manager');
  actorClient = await hub.connect('actor@example.com', MEMBER_PASSWORD);
});
afterAll(() => hub.stop());

const store = () => hub.hub.store;
const seq = async () => (await store().workspaces.byId(hub.workspaceId))?.seq ?? -1;

/** A member straight into the store, so a case costs no invitation round trip. */
async function makeMember(level: (typeof ACCESS_LEVELS)[number], status: 'pending' | 'active'): Promise<string> {
  const now = Date.now();
  const personId = newId();
  const memberId = newId();
  await store().people.insert({ id: personId, email: `${personId}@example.com`, displayName: 'Target', avatarDataUrl: null, passwordHash: null, createdAt: now, updatedAt: now });
  await store().members.insert({
    id: memberId,
    workspaceId: hub.workspaceId,
    personId,
    level,
    restrictions: { ...NO_RESTRICTIONS },
    status,
    teamId: null,
    invitedAt: now,
    invitedBy: null,
    joinedAt: status === 'active' ? now : null,
    lastSeenAt: null,
    version: 1,
  });
  return memberId;
}

async function makeContact(assigneeId: string | null, contactTeamId: string | null, phone: string | null): Promise<string> {
  const id = newId();
  await store().contacts.insert({ id, workspaceId: hub.workspaceId, name: 'Matrix contact', phone, email: null, assigneeId, teamId: contactTeamId, createdAt: Date.now(), updatedAt: Date.now() });
  return id;
}

type Case = { level: (typeof ACCESS_LEVELS)[number]; plan: Plan; restrictions: Actor['restrictions']; attempt: Attempt };
type Attempt =
  | { kind: 'invite'; level: (typeof ACCESS_LEVELS)[number]; withMask: boolean }
  | { kind: 'edit'; targetLevel: (typeof ACCESS_LEVELS)[number]; toLevel: (typeof ACCESS_LEVELS)[number] }
  | { kind: 'revoke'; targetLevel: (typeof ACCESS_LEVELS)[number] }
  | { kind: 'resend' | 'cancel'; targetLevel: (typeof ACCESS_LEVELS)[number] }
  | { kind: 'export' | 'audit' | 'team' | 'create_contact' }
  | { kind: 'delete_contact' | 'assign_contact' | 'set_phone'; mine: boolean; teamContact: boolean; hasPhone: boolean };

const LEVELS = [...ACCESS_LEVELS];
const BOTH = [false, true];

/** Every action variant the hub has a request for. */
const ATTEMPTS: Attempt[] = [
  ...LEVELS.flatMap((target) => BOTH.map((withMask) => ({ kind: 'invite' as const, level: target, withMask }))),
  ...LEVELS.flatMap((targetLevel) => LEVELS.map((toLevel) => ({ kind: 'edit' as const, targetLevel, toLevel }))),
  ...LEVELS.map((targetLevel) => ({ kind: 'revoke' as const, targetLevel })),
  ...LEVELS.flatMap((targetLevel) => (['resend', 'cancel'] as const).map((kind) => ({ kind, targetLevel }))),
  ...(['export', 'audit', 'team', 'create_contact'] as const).map((kind) => ({ kind })),
  ...(['delete_contact', 'assign_contact', 'set_phone'] as const).flatMap((kind) =>
    BOTH.flatMap((mine) => BOTH.flatMap((teamContact) => BOTH.map((hasPhone) => ({ kind, mine, teamContact, hasPhone })))),
  ),
];

/** Every combination of the restrictions of one level (the others never bind). */
function restrictionSets(level: (typeof ACCESS_LEVELS)[number]): Restrictions[] {
  if (level === 'owner') return [{ ...NO_RESTRICTIONS }];
  if (level === 'manager') {
    return BOTH.flatMap((workspaceSettings) =>
      BOTH.flatMap((contactDeletion) => BOTH.flatMap((dataExport) => BOTH.map((integrations) => ({ ...NO_RESTRICTIONS, workspaceSettings, contactDeletion, dataExport, integrations })))),
    );
  }
  return CONTACT_VISIBILITY_SCOPES.flatMap((contactVisibility) =>
    BOTH.flatMap((workflowsButton) => BOTH.map((maskContactDetails) => ({ ...NO_RESTRICTIONS, contactVisibility, workflowsButton, maskContactDetails }))),
  );
}

const CASES: Case[] = LEVELS.flatMap((level) =>
  PLANS.flatMap((plan) => restrictionSets(level).flatMap((restrictions) => ATTEMPTS.map((attempt) => ({ level, plan, restrictions, attempt })))),
);

/** What reached the actor must be what they may see: no member list without U1, no unmasked detail under R7. */
function assertNothingLeaked(actor: Actor, frames: ServerMessage[]): void {
  const canSeeMembers = decide(actor, { type: 'module.open', module: 'settings_users' }).allowed;
  const isMasked = actor.level === 'agent' && actor.restrictions.maskContactDetails && (actor.plan === 'advanced' || actor.plan === 'enterprise');
  for (const frame of frames) {
    const text = JSON.stringify(frame);
    if (!canSeeMembers && frame.type === 'changes') {
      expect(frame.changes.members.upserted.every((member) => member.id === actor.memberId), text).toBe(true);
    }
    if (!canSeeMembers) expect(frame.type, text).not.toBe('presence');
    if (isMasked) expect(text).not.toMatch(/\+44 20 7946/);
  }
}

/** Prepares the targets, and returns the policy question and the raw request that asks the hub. */
async function prepare(actor: Actor, attempt: Attempt): Promise<{ action: Action; type: string; body: Record<string, unknown> }> {
  const owners = () => store().members.activeOwnerCount(hub.workspaceId);
  const restrictionsFor = (target: (typeof ACCESS_LEVELS)[number], withMask: boolean) => ({
    ...NO_RESTRICTIONS,
    ...(target === 'agent' && withMask ? { maskContactDetails: true } : {}),
  });
  switch (attempt.kind) {
    case 'invite': {
      const restrictions = restrictionsFor(attempt.level, attempt.withMask);
      return {
        action: { type: 'member.invite', level: attempt.level, restrictions },
        type: 'member.invite',
        body: { input: { email: `${newId()}@example.com`, level: attempt.level, restrictions } },
      };
    }
    case 'edit': {
      const target = await makeMember(attempt.targetLevel, 'active');
      return {
        action: { type: 'member.edit', target: { memberId: target, level: attempt.targetLevel, status: 'active' }, level: attempt.toLevel, restrictions: { ...NO_RESTRICTIONS }, activeOwnerCount: await owners() },
        type: 'member.edit',
        body: { input: { memberId: target, level: attempt.toLevel, restrictions: { ...NO_RESTRICTIONS }, baseVersion: 1 } },
      };
    }
    case 'revoke': {
      const target = await makeMember(attempt.targetLevel, 'active');
      return {
        action: { type: 'member.revoke', target: { memberId: target, level: attempt.targetLevel, status: 'active' }, activeOwnerCount: await owners() },
        type: 'member.revoke',
        body: { input: { memberId: target, reassignContactsTo: null } },
      };
    }
    case 'resend':
    case 'cancel': {
      const target = await makeMember(attempt.targetLevel, 'pending');
      const type = attempt.kind === 'resend' ? 'invitation.resend' : 'invitation.cancel';
      return { action: { type, target: { memberId: target, level: attempt.targetLevel, status: 'pending' } }, type, body: { memberId: target } };
    }
    case 'export':
      return { action: { type: 'members.export' }, type: 'members.export', body: {} };
    case 'audit':
      return { action: { type: 'audit.view' }, type: 'audit.list', body: {} };
    case 'team':
      return { action: { type: 'teams.manage' }, type: 'team.create', body: { name: `Team ${newId()}` } };
    case 'create_contact':
      return { action: { type: 'contact.create' }, type: 'contact.create', body: { name: 'New', phone: null, email: null, assigneeId: null, teamId: null } };
    default: {
      const assigneeId = attempt.mine ? actor.memberId : null;
      const contactTeam = attempt.teamContact ? teamId : null;
      const phone = attempt.hasPhone ? '+44 20 7946 0000' : null;
      const contactId = await makeContact(assigneeId, contactTeam, phone);
      const contact = { assigneeId, teamId: contactTeam, assigneeTeamId: attempt.mine ? actor.teamId : null };
      if (attempt.kind === 'delete_contact') return { action: { type: 'contact.delete', contact }, type: 'contact.delete', body: { contactId } };
      if (attempt.kind === 'assign_contact') return { action: { type: 'contact.assign', contact }, type: 'contact.assign', body: { contactId, assigneeId: null, teamId: null } };
      return {
        action: { type: 'contact.set_detail', contact, field: 'phone', hasValue: attempt.hasPhone },
        type: 'contact.set_detail',
        body: { contactId, field: 'phone', value: '+44 20 7946 1111' },
      };
    }
  }
}

describe('authorization matrix through a raw socket', () => {
  it(`every action at every level, restriction set and plan succeeds exactly when the policy allows it (${CASES.length} cases)`, async () => {
    for (const { level: actorLevel, plan, restrictions, attempt } of CASES) {
      await store().workspaces.setPlan(hub.workspaceId, plan);
      await store().members.update(actorId, { level: actorLevel, restrictions, teamId });
      const actor: Actor = { memberId: actorId, level: actorLevel, restrictions, plan, teamId };
      const { action, type, body } = await prepare(actor, attempt);
      const expected = decide(actor, action);
      const before = await seq();
      const seen = actorClient.received.length;
      const isQuery = type === 'audit.list';
      const reply = await actorClient.request(type as never, isQuery ? body : { mutationId: newId(), ...body });
      const label = `${actorLevel} ${JSON.stringify(restrictions)} on ${plan}: ${type} ${JSON.stringify(attempt)}`;
      if (expected.allowed) {
        expect(reply.ok, `${label} should be allowed: ${JSON.stringify(reply)}`).toBe(true);
      } else {
        expect(reply, `${label} should be refused`).toMatchObject({ ok: false, error: { code: expected.code, rule: expected.rule } });
        expect(await seq(), label).toBe(before);
      }
      assertNothingLeaked(actor, actorClient.received.slice(seen));
    }
  }, 300_000);
});
