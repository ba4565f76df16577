// fast-check generators for actors, restrictions and every kind of action.
import fc from 'fast-check';
import type { Actor } from '../actor';
import type { Action, ContactTarget, MemberTarget } from '../actions';
import { ACCESS_LEVELS, PLANS } from '../levels';
import { MODULE_IDS } from '../matrix';
import type { Restrictions } from '../restrictions';
import { CONTACT_VISIBILITY_SCOPES } from '../restrictions';

const SELF = 'self';
const memberId = fc.constantFrom(SELF, 'm1', 'm2');
const teamId = fc.constantFrom<string | null>(null, 't1', 't2');

export const restrictionsArb: fc.Arbitrary<Restrictions> = fc.record({
  workspaceSettings: fc.boolean(),
  contactDeletion: fc.boolean(),
  dataExport: fc.boolean(),
  integrations: fc.boolean(),
  contactVisibility: fc.constantFrom(...CONTACT_VISIBILITY_SCOPES),
  workflowsButton: fc.boolean(),
  maskContactDetails: fc.boolean(),
});

export const actorArb: fc.Arbitrary<Actor> = fc.record({
  memberId: fc.constant(SELF),
  level: fc.constantFrom(...ACCESS_LEVELS),
  restrictions: restrictionsArb,
  plan: fc.constantFrom(...PLANS),
  teamId,
});

const memberTargetArb: fc.Arbitrary<MemberTarget> = fc.record({
  memberId,
  level: fc.constantFrom(...ACCESS_LEVELS),
  status: fc.constantFrom('pending' as const, 'active' as const),
});

const contactArb: fc.Arbitrary<ContactTarget> = fc.record({
  assigneeId: fc.constantFrom<string | null>(null, SELF, 'm1', 'm2'),
  teamId,
  assigneeTeamId: teamId,
});

const ownerCount = fc.integer({ min: 0, max: 3 });
const level = fc.constantFrom(...ACCESS_LEVELS);

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant('module.open' as const), module: fc.constantFrom(...MODULE_IDS) }),
  fc.record({ type: fc.constant('member.invite' as const), level, restrictions: restrictionsArb }),
  fc.record({ type: fc.constantFrom('invitation.resend' as const, 'invitation.cancel' as const), target: memberTargetArb }),
  fc.record({
    type: fc.constant('member.edit' as const),
    target: memberTargetArb,
    level,
    restrictions: restrictionsArb,
    activeOwnerCount: ownerCount,
  }),
  fc.record({ type: fc.constant('member.revoke' as const), target: memberTargetArb, activeOwnerCount: ownerCount }),
  fc.record({
    type: fc.constantFrom(
      'members.export' as const,
      'audit.view' as const,
      'audit.export' as const,
      'teams.manage' as const,
      'workspace.update_settings' as const,
      'channel.connect' as const,
      'channel.delete' as const,
      'integration.connect' as const,
      'shortcut.use' as const,
      'contact.create' as const,
    ),
  }),
  fc.record({ type: fc.constantFrom('contact.view' as const, 'contact.assign' as const, 'contact.delete' as const), contact: contactArb }),
  fc.record({
    type: fc.constant('contact.set_detail' as const),
    contact: contactArb,
    field: fc.constantFrom('phone' as const, 'email' as const),
    hasValue: fc.boolean(),
  }),
  fc.record({
    type: fc.constantFrom('profile.update' as const, 'notification_preferences.update' as const),
    targetMemberId: memberId,
  }),
);
