// Who is asking: the facts about a member that every decision depends on.
import type { AccessLevel, Plan } from './levels';
import type { Restrictions } from './restrictions';
import { effectiveRestrictions } from './restrictions';

export interface Actor {
  memberId: string;
  level: AccessLevel;
  /** As stored; the policy applies only those of the member's level that the plan offers. */
  restrictions: Restrictions;
  plan: Plan;
  teamId: string | null;
}

/** An actor whose restrictions are exactly the ones that bind them. */
export interface BoundActor extends Actor {
  readonly isBound: true;
}

export function bindActor(actor: Actor): BoundActor {
  return {
    ...actor,
    restrictions: effectiveRestrictions(actor.level, actor.plan, actor.restrictions),
    isBound: true,
  };
}
