// Who may invite, edit, revoke and export whom: A4, A5, E3, U1, U7, U8, V4, X1.
import type { BoundActor } from './actor';
import type { ActionOf, MemberTarget } from './actions';
import type { Decision } from './decision';
import { allow, deny, firstDenial } from './decision';
import { decideModule } from './decide-module';
import type { AccessLevel, Plan } from './levels';
import { ACCESS_LEVEL_LABELS, ACCESS_LEVEL_PLURALS, PLAN_LABELS } from './levels';
import type { RestrictionDefinition, Restrictions } from './restrictions';
import { isRestrictionAvailableOnPlan, isRestrictionSet, RESTRICTIONS } from './restrictions';

/** A4: the levels each level may invite; edit and revoke follow the same line (E3). */
export const INVITABLE_LEVELS = {
  owner: ['owner', 'manager', 'agent'],
  manager: ['agent'],
  agent: [],
} as const satisfies Record<AccessLevel, readonly AccessLevel[]>;

export function invitableLevels(level: AccessLevel): readonly AccessLevel[] {
  return INVITABLE_LEVELS[level];
}

function canReachLevel(actor: BoundActor, level: AccessLevel): boolean {
  return invitableLevels(actor.level).includes(level);
}

/** A sentence that says what the actor's level may do with others, for A4 / E3 denials. */
function levelReachSentence(actor: BoundActor, verb: string, level: AccessLevel): string {
  const reachable = invitableLevels(actor.level);
  const levels = ACCESS_LEVEL_PLURALS[actor.level];
  if (reachable.length === 0) return `${levels} cannot ${verb} anyone`;
  const names = reachable.map((each) => ACCESS_LEVEL_PLURALS[each]).join(', ');
  return `${levels} can ${verb} ${names} only, not ${ACCESS_LEVEL_PLURALS[level]}`;
}

function usersPage(actor: BoundActor): () => Decision {
  return () => decideModule(actor, 'settings_users');
}

function notSelf(actor: BoundActor, target: MemberTarget, verb: string): () => Decision {
  return () =>
    target.memberId === actor.memberId
      ? deny('self_protected', 'U7', `Nobody can ${verb} their own access; another Owner or Manager must do it`)
      : allow();
}

/** A4 line: invitations are refused as cannot_invite_level, edits and revokes as cannot_manage_level. */
function reaches(actor: BoundActor, level: AccessLevel, verb: string, rule: 'A4' | 'E3', code: 'cannot_invite_level' | 'cannot_manage_level'): () => Decision {
  return () => (canReachLevel(actor, level) ? allow() : deny(code, rule, levelReachSentence(actor, verb, level)));
}

/** A5: may this restriction be offered for a member of this level on this plan? */
export function decideRestrictionOffered(definition: RestrictionDefinition, level: AccessLevel, plan: Plan): Decision {
  if (definition.level !== level) {
    return deny(
      'restriction_not_applicable',
      'A5',
      `The “${definition.label}” restriction applies to ${ACCESS_LEVEL_PLURALS[definition.level]} only, not ${ACCESS_LEVEL_PLURALS[level]}`,
    );
  }
  if (!isRestrictionAvailableOnPlan(definition, plan)) {
    const minimum = PLAN_LABELS[definition.minimumPlan ?? plan];
    return deny(
      'restriction_needs_plan',
      'A5',
      `The “${definition.label}” restriction needs the ${minimum} plan or higher; this workspace is on ${PLAN_LABELS[plan]}`,
    );
  }
  return allow();
}

/** A5: every restriction switched on must belong to the chosen level and be on the plan. */
export function decideRestrictionsFit(level: AccessLevel, plan: Plan, restrictions: Restrictions): Decision {
  return firstDenial(
    ...RESTRICTIONS.filter((definition) => isRestrictionSet(restrictions, definition.key)).map(
      (definition) => () => decideRestrictionOffered(definition, level, plan),
    ),
  );
}

function keepsAnOwner(target: MemberTarget, nextLevel: AccessLevel | null, activeOwnerCount: number): () => Decision {
  return () => {
    const losesOwner = target.level === 'owner' && target.status === 'active' && nextLevel !== 'owner';
    return losesOwner && activeOwnerCount <= 1
      ? deny(
          'last_owner',
          'V4',
          nextLevel === null
            ? 'The last Owner of a workspace cannot be revoked; make another member Owner first'
            : 'The last Owner of a workspace cannot be demoted; make another member Owner first',
        )
      : allow();
  };
}

/**
 * V4 with issue 13.2: the workspace always keeps at least one active Owner
 * whose access does not end, so it can never lose its last Owner by a date.
 * `nextLevel` null is a revoke; `nextAccessUntil` the end date after an edit.
 */
function keepsAnOpenEndedOwner(
  target: MemberTarget,
  nextLevel: AccessLevel | null,
  nextAccessUntil: number | null,
  openEndedOwnerCount: number,
): () => Decision {
  return () => {
    const isOpenEndedOwner = target.level === 'owner' && target.status === 'active' && (target.accessUntil ?? null) === null;
    const staysOpenEndedOwner = nextLevel === 'owner' && nextAccessUntil === null;
    if (!isOpenEndedOwner || staysOpenEndedOwner || openEndedOwnerCount > 1) return allow();
    const what = nextLevel === null ? 'revoked' : nextLevel !== 'owner' ? 'demoted' : 'given an end date';
    return deny(
      'last_owner',
      'V4',
      `The last Owner whose access does not end cannot be ${what}; first make sure another Owner has access without an end date`,
    );
  };
}

export function decideInvite(actor: BoundActor, action: ActionOf<'member.invite'>): Decision {
  return firstDenial(
    usersPage(actor),
    reaches(actor, action.level, 'invite', 'A4', 'cannot_invite_level'),
    () => decideRestrictionsFit(action.level, actor.plan, action.restrictions),
  );
}

/** Resending or cancelling an invitation is managing an invite of that level (A4). */
export function decideInvitationChange(
  actor: BoundActor,
  action: ActionOf<'invitation.resend'> | ActionOf<'invitation.cancel'>,
): Decision {
  const verb = action.type === 'invitation.resend' ? 'resend invitations to' : 'cancel invitations of';
  return firstDenial(usersPage(actor), reaches(actor, action.target.level, verb, 'A4', 'cannot_invite_level'));
}

export function decideEdit(actor: BoundActor, action: ActionOf<'member.edit'>): Decision {
  return firstDenial(
    usersPage(actor),
    notSelf(actor, action.target, 'edit'),
    reaches(actor, action.target.level, 'edit', 'E3', 'cannot_manage_level'),
    () =>
      canReachLevel(actor, action.level)
        ? allow()
        : deny(
            'cannot_manage_level',
            'E3',
            `${ACCESS_LEVEL_PLURALS[actor.level]} cannot make anyone ${ACCESS_LEVEL_LABELS[action.level]}`,
          ),
    keepsAnOwner(action.target, action.level, action.activeOwnerCount),
    keepsAnOpenEndedOwner(
      action.target,
      action.level,
      action.accessUntil === undefined ? (action.target.accessUntil ?? null) : action.accessUntil,
      action.openEndedOwnerCount ?? action.activeOwnerCount,
    ),
    () => decideRestrictionsFit(action.level, actor.plan, action.restrictions),
  );
}

export function decideRevoke(actor: BoundActor, action: ActionOf<'member.revoke'>): Decision {
  return firstDenial(
    usersPage(actor),
    notSelf(actor, action.target, 'revoke'),
    reaches(actor, action.target.level, 'revoke', 'A4', 'cannot_manage_level'),
    keepsAnOwner(action.target, null, action.activeOwnerCount),
    keepsAnOpenEndedOwner(action.target, null, null, action.openEndedOwnerCount ?? action.activeOwnerCount),
  );
}

/** U8 through the Users page, and R3 for Managers. */
export function decideMembersExport(actor: BoundActor): Decision {
  return firstDenial(usersPage(actor), () =>
    actor.restrictions.dataExport
      ? deny('restricted', 'R3', `${ACCESS_LEVEL_PLURALS[actor.level]} with the “Data Export” restriction cannot export data`)
      : allow(),
  );
}

/** X1: the audit log is the Owners'. */
export function decideAudit(actor: BoundActor, action: ActionOf<'audit.view'> | ActionOf<'audit.export'>): Decision {
  if (actor.level === 'owner') return allow();
  const verb = action.type === 'audit.view' ? 'view' : 'export';
  return deny('owners_only', 'X1', `Only Owners can ${verb} the audit log`);
}

/** O2: profile and notification preferences belong to their person. */
export function decideOwnProfile(actor: BoundActor, targetMemberId: string, what: string): Decision {
  return targetMemberId === actor.memberId
    ? allow()
    : deny('not_own_profile', 'O2', `Members change their own ${what} only`);
}
