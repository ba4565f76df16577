// Issue 13.5: an Owner requires two-step sign-in for their workspace, with a
// grace period in days. The deadline is a stored date (UTC milliseconds); the
// hub checks it whenever a socket of the workspace is opened (upgrade-auth),
// never with a timer. Before it, members without the second step are told
// (their status lists the workspace and its deadline); from it on, a session
// that did not pass the second step gets no socket of this workspace, while
// the account routes (over HTTP, no socket needed) still let them set it up.
import type { RequestResult, TwoStepRequirement } from '../../shared/protocol';
import type { HubStore } from '../store/hub-store';
import { HubFailure } from './hub-failure';
import type { MutationContext } from './mutation-context';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function requireTwoStep(context: MutationContext, input: { isRequired: boolean; graceDays: number }): Promise<RequestResult<'workspace.require_two_step'>> {
  const { store, viewer, workspace, now } = context;
  // L1: a workspace-wide rule about how people sign in; Managers and Agents never set it.
  if (viewer.member.level !== 'owner') {
    throw new HubFailure('owners_only', 'Only Owners can require two-step sign-in for the workspace.', 'L1');
  }
  const repo = store.twoStep;
  const before = await repo.ruleOf(workspace.id);
  if (!input.isRequired) {
    if (before) {
      await repo.clearRule(workspace.id);
      await context.audit.record('workspace.two_step_required', null, ruleFacts(before), { isRequired: false });
    }
    return { requirement: null };
  }
  // An Owner without it would shut themselves out of their own workspace at the deadline.
  if (!(await repo.isEnabled(viewer.member.personId))) {
    throw new HubFailure('two_step_state', 'Turn on two-step sign-in for your own account first (in your Profile), then require it for the workspace.');
  }
  const rule = { workspaceId: workspace.id, requiredAt: before?.requiredAt ?? now, deadline: now + input.graceDays * DAY_MS, requiredByMemberId: viewer.member.id };
  await repo.setRule(rule);
  await context.audit.record('workspace.two_step_required', null, before ? ruleFacts(before) : { isRequired: false }, { ...ruleFacts(rule), graceDays: input.graceDays });
  return { requirement: { requiredAt: rule.requiredAt, deadline: rule.deadline } };
}

function ruleFacts(rule: { requiredAt: number; deadline: number }): Record<string, unknown> {
  return { isRequired: true, requiredAt: rule.requiredAt, deadline: rule.deadline };
}

/** The person's active workspaces that require the second step, with each deadline. */
export async function twoStepRequirementsOf(store: HubStore, personId: string): Promise<TwoStepRequirement[]> {
  const requirements: TwoStepRequirement[] = [];
  for (const membership of await store.members.membershipsOf(personId)) {
    const rule = await store.twoStep.ruleOf(membership.workspaceId);
    if (rule) {
      requirements.push({
        workspaceId: membership.workspaceId,
        workspaceName: membership.workspaceName,
        organizationName: membership.organizationName,
        requiredAt: rule.requiredAt,
        deadline: rule.deadline,
      });
    }
  }
  return requirements;
}

/**
 * Whether a session may open a socket of the workspace: yes unless the
 * workspace requires the second step, its deadline has come, and the session
 * did not pass it (or the person has since turned it off).
 */
export async function isRefusedForTwoStep(
  store: HubStore,
  workspaceId: string,
  session: { personId: string; secondStepAt: number | null },
  now: number,
): Promise<boolean> {
  const rule = await store.twoStep.ruleOf(workspaceId);
  if (!rule || now < rule.deadline) return false;
  return session.secondStepAt === null || !(await store.twoStep.isEnabled(session.personId));
}
