// Who may invite, edit, revoke and export whom: A4, A5, E3, U1, U7, U8, V4, X1, O2.
import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { invitableLevels } from './decide-members';
import type { AccessLevel } from './levels';
import { actor, restrictions, target } from './testing/actors';

const LEVELS: AccessLevel[] = ['owner', 'manager', 'agent'];

describe('A4: who may invite whom', () => {
  const EXPECTED: Record<AccessLevel, AccessLevel[]> = {
    owner: ['owner', 'manager', 'agent'],
    manager: ['agent'],
    agent: [],
  };
  const cases = LEVELS.flatMap((inviter) => LEVELS.map((invitee) => ({ inviter, invitee, allowed: EXPECTED[inviter].includes(invitee) })));

  it.each(cases)('A4: $inviter inviting $invitee is allowed=$allowed', ({ inviter, invitee, allowed }) => {
    const decision = decide(actor(inviter), { type: 'member.invite', level: invitee, restrictions: restrictions() });
    expect(decision.allowed).toBe(allowed);
    expect(invitableLevels(inviter)).toEqual(EXPECTED[inviter]);
  });

  it('A4: Managers are told they can invite Agents only', () => {
    expect(decide(actor('manager'), { type: 'member.invite', level: 'owner', restrictions: restrictions() })).toEqual({
      allowed: false,
      code: 'cannot_invite_level',
      rule: 'A4',
      message: 'Managers can invite Agents only, not Owners.',
    });
  });

  it('A4/U1: Agents are refused at the Users page before anything else', () => {
    expect(decide(actor('agent'), { type: 'member.invite', level: 'agent', restrictions: restrictions() })).toMatchObject({
      allowed: false,
      rule: 'U1',
      message: 'Agents never see the Users page.',
    });
  });

  it('A4: resending and cancelling follow the same line', () => {
    for (const type of ['invitation.resend', 'invitation.cancel'] as const) {
      expect(decide(actor('manager'), { type, target: target('agent', 'p', 'pending') }).allowed).toBe(true);
      expect(decide(actor('manager'), { type, target: target('manager', 'p', 'pending') })).toMatchObject({ allowed: false, rule: 'A4' });
      expect(decide(actor('owner'), { type, target: target('owner', 'p', 'pending') }).allowed).toBe(true);
    }
  });
});

describe('A5: restrictions must fit the chosen level and plan', () => {
  it('A5: a Manager restriction on an Agent invitation is refused', () => {
    expect(decide(actor('owner'), { type: 'member.invite', level: 'agent', restrictions: restrictions({ dataExport: true }) })).toEqual({
      allowed: false,
      code: 'restriction_not_applicable',
      rule: 'A5',
      message: 'The “Data Export” restriction applies to Managers only, not Agents.',
    });
  });

  it('A5: any restriction on an Owner invitation is refused', () => {
    expect(decide(actor('owner'), { type: 'member.invite', level: 'owner', restrictions: restrictions({ workflowsButton: true }) })).toMatchObject({
      allowed: false,
      code: 'restriction_not_applicable',
    });
  });

  it.each(['starter', 'growth'] as const)('A5/R7: masking is refused on the %s plan', (plan) => {
    const decision = decide(actor('owner', {}, plan), {
      type: 'member.invite',
      level: 'agent',
      restrictions: restrictions({ maskContactDetails: true }),
    });
    expect(decision).toMatchObject({ allowed: false, code: 'restriction_needs_plan', rule: 'A5' });
    expect(decision.allowed || decision.message).toContain('needs the Advanced plan or higher');
  });

  it.each(['advanced', 'enterprise'] as const)('A5/R7: masking is accepted on the %s plan', (plan) => {
    expect(
      decide(actor('owner', {}, plan), { type: 'member.invite', level: 'agent', restrictions: restrictions({ maskContactDetails: true }) }).allowed,
    ).toBe(true);
  });

  it('A5: an edit is held to the same fit', () => {
    const decision = decide(actor('owner', {}, 'growth'), {
      type: 'member.edit',
      target: target('manager'),
      level: 'agent',
      restrictions: restrictions({ maskContactDetails: true }),
      activeOwnerCount: 1,
    });
    expect(decision).toMatchObject({ allowed: false, code: 'restriction_needs_plan' });
  });
});

describe('E3: edit follows A4', () => {
  const edit = (by: AccessLevel, from: AccessLevel, to: AccessLevel) =>
    decide(actor(by), { type: 'member.edit', target: target(from), level: to, restrictions: restrictions(), activeOwnerCount: 2 });

  it('E3: an Owner may edit anyone else to any level', () => {
    for (const from of LEVELS) for (const to of LEVELS) expect(edit('owner', from, to).allowed).toBe(true);
  });

  it('E3: a Manager may edit Agents, keeping them Agents', () => {
    expect(edit('manager', 'agent', 'agent').allowed).toBe(true);
  });

  it('E3: a Manager may not edit Owners or Managers', () => {
    expect(edit('manager', 'manager', 'agent')).toMatchObject({ allowed: false, code: 'cannot_manage_level', rule: 'E3' });
    expect(edit('manager', 'owner', 'owner')).toMatchObject({ allowed: false, code: 'cannot_manage_level', rule: 'E3' });
  });

  it('E3: a Manager may not raise an Agent above Agent', () => {
    expect(edit('manager', 'agent', 'manager')).toEqual({
      allowed: false,
      code: 'cannot_manage_level',
      rule: 'E3',
      message: 'Managers cannot make anyone Manager.',
    });
    expect(edit('manager', 'agent', 'owner')).toMatchObject({ allowed: false, rule: 'E3' });
  });

  it('E3: a Manager may set an Agent’s restrictions', () => {
    const decision = decide(actor('manager'), {
      type: 'member.edit',
      target: target('agent'),
      level: 'agent',
      restrictions: restrictions({ contactVisibility: 'self_only', workflowsButton: true }),
      activeOwnerCount: 1,
    });
    expect(decision.allowed).toBe(true);
  });

  it('U1: an Agent edits nobody', () => {
    expect(edit('agent', 'agent', 'agent')).toMatchObject({ allowed: false, rule: 'U1' });
  });
});

describe('U7: nobody edits or revokes their own access', () => {
  it.each(LEVELS.filter((level) => level !== 'agent'))('U7: a %s cannot edit themselves', (level) => {
    const self = actor(level);
    const decision = decide(self, {
      type: 'member.edit',
      target: target(level, self.memberId),
      level,
      restrictions: restrictions(),
      activeOwnerCount: 3,
    });
    expect(decision).toEqual({
      allowed: false,
      code: 'self_protected',
      rule: 'U7',
      message: 'Nobody can edit their own access; another Owner or Manager must do it.',
    });
  });

  it.each(LEVELS.filter((level) => level !== 'agent'))('U7: a %s cannot revoke themselves', (level) => {
    const self = actor(level);
    const decision = decide(self, { type: 'member.revoke', target: target(level, self.memberId), activeOwnerCount: 3 });
    expect(decision).toMatchObject({ allowed: false, code: 'self_protected', rule: 'U7' });
  });
});

describe('V4: the last Owner stays', () => {
  it('V4: the last active Owner cannot be revoked', () => {
    expect(decide(actor('owner'), { type: 'member.revoke', target: target('owner'), activeOwnerCount: 1 })).toEqual({
      allowed: false,
      code: 'last_owner',
      rule: 'V4',
      message: 'The last Owner of a workspace cannot be revoked; make another member Owner first.',
    });
  });

  it.each(['manager', 'agent'] as const)('V4: the last active Owner cannot be demoted to %s', (level) => {
    const decision = decide(actor('owner'), {
      type: 'member.edit',
      target: target('owner'),
      level,
      restrictions: restrictions(),
      activeOwnerCount: 1,
    });
    expect(decision).toMatchObject({ allowed: false, code: 'last_owner', rule: 'V4' });
  });

  it('V4: with a second active Owner, an Owner can be demoted or revoked', () => {
    expect(decide(actor('owner'), { type: 'member.revoke', target: target('owner'), activeOwnerCount: 2 }).allowed).toBe(true);
    expect(
      decide(actor('owner'), { type: 'member.edit', target: target('owner'), level: 'manager', restrictions: restrictions(), activeOwnerCount: 2 }).allowed,
    ).toBe(true);
  });

  it('V4: a pending Owner invitation does not hold the workspace, so it can be revoked', () => {
    expect(decide(actor('owner'), { type: 'member.revoke', target: target('owner', 'p', 'pending'), activeOwnerCount: 1 }).allowed).toBe(true);
  });

  it('V4: keeping the last Owner an Owner is not a demotion', () => {
    expect(
      decide(actor('owner'), { type: 'member.edit', target: target('owner'), level: 'owner', restrictions: restrictions(), activeOwnerCount: 1 }).allowed,
    ).toBe(true);
  });
});

describe('V: revoke follows A4', () => {
  it('V: a Manager may revoke Agents only', () => {
    expect(decide(actor('manager'), { type: 'member.revoke', target: target('agent'), activeOwnerCount: 1 }).allowed).toBe(true);
    expect(decide(actor('manager'), { type: 'member.revoke', target: target('manager'), activeOwnerCount: 1 })).toMatchObject({
      allowed: false,
      rule: 'A4',
      message: 'Managers can revoke Agents only, not Managers.',
    });
  });
});

describe('U8 and X1: export and the audit log', () => {
  it('U8: Owners and unrestricted Managers export; Agents do not', () => {
    expect(decide(actor('owner'), { type: 'members.export' }).allowed).toBe(true);
    expect(decide(actor('manager'), { type: 'members.export' }).allowed).toBe(true);
    expect(decide(actor('agent'), { type: 'members.export' })).toMatchObject({ allowed: false, rule: 'U1' });
  });

  it('X1: only Owners view and export the audit log', () => {
    for (const type of ['audit.view', 'audit.export'] as const) {
      expect(decide(actor('owner'), { type }).allowed).toBe(true);
      expect(decide(actor('manager'), { type })).toMatchObject({ allowed: false, code: 'owners_only', rule: 'X1' });
      expect(decide(actor('agent'), { type })).toMatchObject({ allowed: false, rule: 'X1' });
    }
  });
});

describe('O2: a person edits their own profile', () => {
  it.each(LEVELS)('O2: a %s updates their own profile and preferences, nobody else’s', (level) => {
    const self = actor(level);
    for (const type of ['profile.update', 'notification_preferences.update'] as const) {
      expect(decide(self, { type, targetMemberId: self.memberId }).allowed).toBe(true);
      expect(decide(self, { type, targetMemberId: 'someone-else' })).toMatchObject({ allowed: false, code: 'not_own_profile', rule: 'O2' });
    }
  });
});
