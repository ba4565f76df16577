// Small builders for policy tests: an actor or target in one line.
import type { Actor } from '../actor';
import type { ContactTarget, MemberTarget } from '../actions';
import type { AccessLevel, Plan } from '../levels';
import type { Restrictions } from '../restrictions';
import { NO_RESTRICTIONS } from '../restrictions';

export function actor(level: AccessLevel, restrictions: Partial<Restrictions> = {}, plan: Plan = 'enterprise'): Actor {
  return {
    memberId: `self-${level}`,
    level,
    restrictions: { ...NO_RESTRICTIONS, ...restrictions },
    plan,
    teamId: 'team-a',
  };
}

export function target(level: AccessLevel, memberId = `other-${level}`, status: MemberTarget['status'] = 'active'): MemberTarget {
  return { memberId, level, status };
}

export function contact(overrides: Partial<ContactTarget> = {}): ContactTarget {
  return { assigneeId: null, teamId: null, assigneeTeamId: null, ...overrides };
}

export function restrictions(overrides: Partial<Restrictions> = {}): Restrictions {
  return { ...NO_RESTRICTIONS, ...overrides };
}
