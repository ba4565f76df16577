// Properties over every actor and action: a restriction only ever takes away,
// and every refusal explains itself by citing a rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { DENY_CODES } from './decision';
import type { Restrictions } from './restrictions';
import { NO_RESTRICTIONS } from './restrictions';
import { actionArb, actorArb, restrictionsArb } from './testing/arbitraries';

const RUNS = { numRuns: 5_000 };

/** The restrictions with some switched off (or R5 widened) as `mask` picks: never stricter than before. */
function loosen(restrictions: Restrictions, mask: Restrictions): Restrictions {
  return {
    workspaceSettings: restrictions.workspaceSettings && mask.workspaceSettings,
    contactDeletion: restrictions.contactDeletion && mask.contactDeletion,
    dataExport: restrictions.dataExport && mask.dataExport,
    integrations: restrictions.integrations && mask.integrations,
    contactVisibility:
      mask.contactVisibility === 'all'
        ? 'all'
        : restrictions.contactVisibility === 'self_only' && mask.contactVisibility === 'team_and_self'
          ? 'team_and_self'
          : restrictions.contactVisibility,
    workflowsButton: restrictions.workflowsButton && mask.workflowsButton,
    maskContactDetails: restrictions.maskContactDetails && mask.maskContactDetails,
  };
}

describe('restrictions never grant more than the bare access level', () => {
  it('R1-R7: whatever restrictions a member has, they may do nothing their bare level may not', () => {
    fc.assert(
      fc.property(actorArb, actionArb, (actor, action) => {
        const restricted = decide(actor, action);
        const bare = decide({ ...actor, restrictions: { ...NO_RESTRICTIONS } }, action);
        return !restricted.allowed || bare.allowed;
      }),
      RUNS,
    );
  });

  it('R1-R7: switching any restriction off never takes anything away (monotonic)', () => {
    fc.assert(
      fc.property(actorArb, restrictionsArb, actionArb, (actor, mask, action) => {
        const fewer = { ...actor, restrictions: loosen(actor.restrictions, mask) };
        return !decide(actor, action).allowed || decide(fewer, action).allowed;
      }),
      RUNS,
    );
  });

  it('U7: no actor, however privileged, may edit or revoke themselves', () => {
    fc.assert(
      fc.property(actorArb, actionArb, (actor, action) => {
        if (action.type !== 'member.edit' && action.type !== 'member.revoke') return true;
        if (action.target.memberId !== actor.memberId) return true;
        return !decide(actor, action).allowed;
      }),
      RUNS,
    );
  });

  it('V4: no allowed edit or revoke removes the last active Owner', () => {
    fc.assert(
      fc.property(actorArb, actionArb, (actor, action) => {
        if (action.type !== 'member.edit' && action.type !== 'member.revoke') return true;
        const { target, activeOwnerCount } = action;
        const removesOwner = target.level === 'owner' && target.status === 'active' && (action.type === 'member.revoke' || action.level !== 'owner');
        return !(removesOwner && activeOwnerCount <= 1 && decide(actor, action).allowed);
      }),
      RUNS,
    );
  });

  it('A4/E3: nobody invites or promotes above what their level may invite', () => {
    const rank = { owner: 0, manager: 1, agent: 2 } as const;
    fc.assert(
      fc.property(actorArb, actionArb, (actor, action) => {
        if (action.type !== 'member.invite' && action.type !== 'member.edit') return true;
        if (!decide(actor, action).allowed) return true;
        return actor.level === 'owner' || (actor.level === 'manager' && rank[action.level] === rank.agent);
      }),
      RUNS,
    );
  });

  it('every refusal has a known code, its rule, and a plain sentence that names no rule (issue 11.3)', () => {
    fc.assert(
      fc.property(actorArb, actionArb, (actor, action) => {
        const decision = decide(actor, action);
        if (decision.allowed) return true;
        expect(DENY_CODES).toContain(decision.code);
        expect(decision.message.endsWith('.')).toBe(true);
        expect(decision.message).not.toMatch(/\b[AULRVEDOX]\d\b/);
        expect(decision.message.length).toBeGreaterThan(20);
        return true;
      }),
      RUNS,
    );
  });
});
