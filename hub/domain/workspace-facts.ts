// What a workspace's Owners (and Managers who may open its settings) may know
// of how the hub serves it: its plan and what the plan offers (R7 masking from
// Advanced up), and whether invitations are emailed or handed to the inviter.
// The plan itself is set by the person who runs the hub, not here (L1).
import { isRestrictionAvailableOnPlan, RESTRICTIONS, restrictionById } from '../../shared/policy';
import type { RequestResult } from '../../shared/protocol';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';

export function workspaceFacts(context: MutationContext): RequestResult<'workspace.facts'> {
  ensureAllowed(context, { type: 'module.open', module: 'settings_general' });
  const { plan } = context.workspace;
  return {
    workspaceId: context.workspace.id,
    plan,
    restrictions: RESTRICTIONS.map((definition) => ({
      restriction: definition.id,
      label: definition.label,
      level: definition.level,
      isAvailable: isRestrictionAvailableOnPlan(definition, plan),
      minimumPlan: definition.minimumPlan ?? null,
    })),
    isMaskingAvailable: isRestrictionAvailableOnPlan(restrictionById('R7'), plan),
    isInvitationEmailed: context.settings.isMailConfigured,
  };
}
