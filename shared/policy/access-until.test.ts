// V4 with issue 13.2 (temporary access): the workspace always keeps at least
// one active Owner whose access does not end, so no end date can take away
// its last Owner; who may set an end date follows A4 / E3 like any edit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import { decide } from './decide';
import { ACCESS_LEVELS } from './levels';
import { actor, restrictions, target } from './testing/actors';
import { actorArb, restrictionsArb } from './testing/arbitraries';

const SOON = Date.UTC(2030, 0, 1);
const owner = (accessUntil: number | null = null) => ({ ...target('owner'), accessUntil });

const editOwner = (accessUntil: number | null | undefined, openEndedOwnerCount: number, activeOwnerCount = 2, level: 'owner' | 'manager' = 'owner', current = owner()) =>
  decide(actor('owner'), { type: 'member.edit', target: current, level, restrictions: restrictions(), activeOwnerCount, accessUntil, openEndedOwnerCount });

describe('V4: an end date never takes away the last Owner without one', () => {
  it('V4: the only Owner without an end date cannot be given one, even beside an Owner whose access ends', () => {
    expect(editOwner(SOON, 1)).toEqual({
      allowed: false,
      code: 'last_owner',
      rule: 'V4',
      message: 'The last Owner whose access does not end cannot be given an end date; first make sure another Owner has access without an end date.',
    });
  });

  it('V4: with another Owner without an end date, an Owner can be given one', () => {
    expect(editOwner(SOON, 2).allowed).toBe(true);
  });

  it('V4: the last Owner without an end date cannot be demoted or revoked while the other Owners’ access ends', () => {
    expect(editOwner(null, 1, 2, 'manager')).toMatchObject({ allowed: false, code: 'last_owner', rule: 'V4', message: expect.stringContaining('cannot be demoted') });
    expect(decide(actor('owner'), { type: 'member.revoke', target: owner(), activeOwnerCount: 2, openEndedOwnerCount: 1 })).toMatchObject({
      allowed: false,
      code: 'last_owner',
      rule: 'V4',
      message: expect.stringContaining('cannot be revoked'),
    });
  });

  it('V4: an Owner whose access already ends may be revoked, demoted, extended or left without an end', () => {
    const ending = owner(SOON);
    expect(decide(actor('owner'), { type: 'member.revoke', target: ending, activeOwnerCount: 2, openEndedOwnerCount: 1 }).allowed).toBe(true);
    expect(editOwner(SOON + 1, 1, 2, 'owner', ending).allowed).toBe(true);
    expect(editOwner(null, 1, 2, 'manager', ending).allowed).toBe(true);
    expect(editOwner(null, 1, 2, 'owner', ending).allowed).toBe(true);
  });

  it('V4: an edit that leaves the end date out keeps the target’s, so it is no new refusal', () => {
    expect(editOwner(undefined, 1).allowed).toBe(true);
    expect(editOwner(undefined, 1, 2, 'owner', owner(SOON)).allowed).toBe(true);
  });

  it('V4: a pending Owner invitation with an end date holds nothing, so it is allowed', () => {
    expect(
      decide(actor('owner'), { type: 'member.edit', target: target('owner', 'p', 'pending'), level: 'owner', restrictions: restrictions(), activeOwnerCount: 1, accessUntil: SOON, openEndedOwnerCount: 1 }).allowed,
    ).toBe(true);
  });
});

describe('A4 / E3: who may set an end date is who may edit the member', () => {
  it('E3: a Manager sets an Agent’s end date but not a Manager’s or an Owner’s; an Agent sets none', () => {
    const edit = (by: 'manager' | 'agent', level: 'agent' | 'manager' | 'owner') =>
      decide(actor(by), { type: 'member.edit', target: target(level), level, restrictions: restrictions(), activeOwnerCount: 2, accessUntil: SOON, openEndedOwnerCount: 2 });
    expect(edit('manager', 'agent').allowed).toBe(true);
    expect(edit('manager', 'manager')).toMatchObject({ allowed: false, rule: 'E3' });
    expect(edit('manager', 'owner')).toMatchObject({ allowed: false, rule: 'E3' });
    expect(edit('agent', 'agent')).toMatchObject({ allowed: false, rule: 'U1' });
  });
});

describe('V4: as a property', () => {
  const endArb = fc.option(fc.integer({ min: 1, max: 2 ** 45 }), { nil: null });
  const targetArb = fc.record({
    memberId: fc.constantFrom('other-owner', 'self-owner', 'someone'),
    level: fc.constantFrom(...ACCESS_LEVELS),
    status: fc.constantFrom('pending' as const, 'active' as const),
    accessUntil: endArb,
  });
  const count = fc.integer({ min: 0, max: 3 });
  const actionArb: fc.Arbitrary<Extract<Action, { type: 'member.edit' | 'member.revoke' }>> = fc.oneof(
    fc.record({
      type: fc.constant('member.edit' as const),
      target: targetArb,
      level: fc.constantFrom(...ACCESS_LEVELS),
      restrictions: restrictionsArb,
      activeOwnerCount: count,
      accessUntil: fc.option(endArb, { nil: undefined }),
      openEndedOwnerCount: count,
    }),
    fc.record({ type: fc.constant('member.revoke' as const), target: targetArb, activeOwnerCount: count, openEndedOwnerCount: count }),
  );

  it('V4: no allowed edit or revoke takes away the last active Owner whose access does not end', () => {
    fc.assert(
      fc.property(actorArb, actionArb, (anyActor, action) => {
        const { target: aimed } = action;
        const isOpenEndedOwner = aimed.level === 'owner' && aimed.status === 'active' && aimed.accessUntil === null;
        const endAfter = action.type === 'member.edit' ? (action.accessUntil === undefined ? aimed.accessUntil : action.accessUntil) : null;
        const staysOpenEndedOwner = action.type === 'member.edit' && action.level === 'owner' && endAfter === null;
        const takesAway = isOpenEndedOwner && !staysOpenEndedOwner && (action.openEndedOwnerCount ?? 0) <= 1;
        return !(takesAway && decide(anyActor, action).allowed);
      }),
      { numRuns: 5_000 },
    );
  });
});
