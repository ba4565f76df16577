// What the policy answers: allow, or deny with a stable code for programs, the
// spec rule it follows, and a sentence for people. The sentence names no rule
// and no field: the rule travels beside it, for programs, tests and the
// matrix's "Why?".
import type { SpecRuleId } from './spec-rules';

export const DENY_CODES = [
  /** The access level has no access to the module (section L). */
  'module_unavailable',
  /** A restriction switched on for the member takes it away (R1-R7). */
  'restricted',
  /** A4: the level may not invite (or manage the invitation of) that level. */
  'cannot_invite_level',
  /** E3 / A4: the level may not edit or revoke members of that level, or raise anyone to it. */
  'cannot_manage_level',
  /** U7: nobody edits or revokes their own access. */
  'self_protected',
  /** V4: the workspace would be left without an active Owner. */
  'last_owner',
  /** Issue 13.2: an access end date that is not in the future, or lies too far ahead. */
  'access_end_invalid',
  /** Issue 13.2 with V2: the member chosen to receive the contacts at the end cannot hold them. */
  'access_heir_invalid',
  /** A5: the restriction belongs to another access level. */
  'restriction_not_applicable',
  /** A5 / R7: the restriction is not offered on the workspace's plan. */
  'restriction_needs_plan',
  /** L2 / X1: something only Owners may do. */
  'owners_only',
  /** R5: the contact is outside what the agent may see. */
  'contact_not_visible',
  /** R7: a masked detail may be added once but never changed. */
  'contact_detail_locked',
  /** O2: a person changes their own profile and preferences, nobody else's. */
  'not_own_profile',
] as const;
export type DenyCode = (typeof DENY_CODES)[number];

export interface Allowed {
  allowed: true;
}

export interface Denied {
  allowed: false;
  code: DenyCode;
  rule: SpecRuleId;
  /** A plain sentence that says what and why, e.g. "Managers can invite Agents only, not Owners."; no rule ID in it. */
  message: string;
}

export type Decision = Allowed | Denied;

const ALLOWED: Allowed = Object.freeze({ allowed: true });

export function allow(): Allowed {
  return ALLOWED;
}

export function deny(code: DenyCode, rule: SpecRuleId, sentence: string): Denied {
  return { allowed: false, code, rule, message: `${sentence}.` };
}

/** The first denial of a sequence of checks, or allow when every check passes. */
export function firstDenial(...checks: Array<() => Decision>): Decision {
  for (const check of checks) {
    const decision = check();
    if (!decision.allowed) return decision;
  }
  return ALLOWED;
}
