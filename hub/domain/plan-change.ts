// A workspace's plan, changed by the person who runs the hub (billing is not
// the Owners', L1). What a change does is said before it is applied: a
// restriction the new plan does not offer (R7 below Advanced) is switched off
// for every member who had it, so it neither binds them now nor comes back by
// itself if the plan goes up again. Applied in one transaction, recorded as a
// change so every connected desktop gets a fresh snapshot, and audited.
import type { PlanChangeEffects } from '../../shared/domain/hub-settings';
import type { Plan, RestrictionDefinition, Restrictions } from '../../shared/policy';
import {
  ACCESS_LEVEL_LABELS,
  ACCESS_LEVEL_PLURALS,
  isRestrictionAvailableOnPlan,
  isRestrictionSet,
  NO_RESTRICTIONS,
  PLAN_LABELS,
  RESTRICTIONS,
} from '../../shared/policy';
import type { HubStore } from '../store/hub-store';
import type { MemberWithPerson } from '../store/repos/members';
import type { WorkspaceRow } from '../store/repos/workspaces';
import { accessFacts, AuditWriter } from './audit-writer';
import { ChangeRecorder } from './change-recorder';
import { HubFailure } from './hub-failure';

/** What losing each restriction means for the members who had it, when it says more than its name. */
const WHAT_LOSING_MEANS: Partial<Record<keyof Restrictions, string>> = {
  maskContactDetails: 'they will see phone numbers and email addresses in full',
};

async function workspaceOf(store: HubStore, workspaceId: string): Promise<WorkspaceRow> {
  const workspace = await store.workspaces.byId(workspaceId);
  if (!workspace) throw new HubFailure('not_found', `There is no workspace ${workspaceId} on this hub.`);
  return workspace;
}

function holders(members: MemberWithPerson[], definition: RestrictionDefinition): MemberWithPerson[] {
  return members.filter((member) => member.level === definition.level && isRestrictionSet(member.restrictions, definition.key));
}

function lostSentence(definition: RestrictionDefinition, to: Plan, names: string[]): string {
  const offer = `“${definition.label}” is not offered on the ${PLAN_LABELS[to]} plan`;
  if (names.length === 0) return `${offer}; no ${ACCESS_LEVEL_LABELS[definition.level]} has it switched on.`;
  const who = names.length === 1 ? `1 ${ACCESS_LEVEL_LABELS[definition.level]} loses it` : `${names.length} ${ACCESS_LEVEL_PLURALS[definition.level]} lose it`;
  const meaning = WHAT_LOSING_MEANS[definition.key];
  return `${offer}: ${who} (${names.join(', ')})${meaning ? `, so ${meaning}` : ''}. The switch is turned off and stays off if the plan goes back up.`;
}

async function effectsOf(
  store: HubStore,
  workspace: WorkspaceRow,
  to: Plan,
): Promise<{ effects: PlanChangeEffects; lost: Array<{ definition: RestrictionDefinition; members: MemberWithPerson[] }> }> {
  const from = workspace.plan;
  const members = await store.members.inWorkspace(workspace.id);
  const lost = RESTRICTIONS.filter((definition) => isRestrictionAvailableOnPlan(definition, from) && !isRestrictionAvailableOnPlan(definition, to)).map(
    (definition) => ({ definition, members: holders(members, definition) }),
  );
  const gained = RESTRICTIONS.filter((definition) => !isRestrictionAvailableOnPlan(definition, from) && isRestrictionAvailableOnPlan(definition, to));
  const sentences =
    from === to
      ? [`${workspace.name} is already on the ${PLAN_LABELS[to]} plan; nothing changes.`]
      : [
          `${workspace.name} moves from the ${PLAN_LABELS[from]} plan to ${PLAN_LABELS[to]}.`,
          ...lost.map(({ definition, members: losing }) => lostSentence(definition, to, losing.map((member) => member.displayName))),
          ...gained.map((definition) => `“${definition.label}” becomes available for ${ACCESS_LEVEL_PLURALS[definition.level]}.`),
        ];
  return {
    lost,
    effects: {
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      from,
      to,
      restrictionsLost: lost.map(({ definition, members: losing }) => ({
        restriction: definition.id,
        label: definition.label,
        members: losing.map((member) => ({ memberId: member.id, displayName: member.displayName, email: member.email })),
      })),
      restrictionsGained: gained.map((definition) => ({ restriction: definition.id, label: definition.label })),
      sentences,
    },
  };
}

/** What moving the workspace to `to` would do, changing nothing. */
export async function planChangeEffects(store: HubStore, workspaceId: string, to: Plan): Promise<PlanChangeEffects> {
  return (await effectsOf(store, await workspaceOf(store, workspaceId), to)).effects;
}

function withoutSwitch(restrictions: Restrictions, key: keyof Restrictions): Restrictions {
  return { ...restrictions, [key]: NO_RESTRICTIONS[key] };
}

/**
 * Moves the workspace to `to`. Returns what it did and what changed, for the
 * caller to deliver to connected desktops once committed (the plan is part of
 * every member's view, so each gets a fresh snapshot).
 */
export function applyPlanChange(store: HubStore, workspaceId: string, to: Plan, now: number): Promise<{ effects: PlanChangeEffects; changes: ChangeRecorder }> {
  return store.transaction(async (tx) => {
    // R7: what the plan takes away is counted after any other change of the workspace has landed (hub/store/repos/locks.ts).
    await tx.locks.workspace(workspaceId);
    const workspace = await workspaceOf(tx, workspaceId);
    const { effects, lost } = await effectsOf(tx, workspace, to);
    const changes = new ChangeRecorder(tx);
    if (workspace.plan === to) return { effects, changes };
    // Done by the hub for the person who runs it, not by a member of the workspace.
    const audit = new AuditWriter(tx, workspace.id, null, now);
    await tx.workspaces.setPlan(workspace.id, to);
    for (const { definition, members } of lost) {
      for (const member of members) {
        const current = (await tx.members.byId(member.id)) ?? member;
        await tx.members.update(member.id, { restrictions: withoutSwitch(current.restrictions, definition.key) });
        const updated = await tx.members.byId(member.id);
        if (!updated) continue;
        await changes.record(workspace.id, 'member', member.id);
        await audit.record('member.edited', updated, accessFacts(current), { ...accessFacts(updated), plan: to });
      }
    }
    await audit.record('workspace.plan_changed', null, { plan: workspace.plan }, { plan: to, restrictionsDropped: lost.reduce((count, each) => count + each.members.length, 0) });
    await changes.record(workspace.id, 'workspace', workspace.id);
    return { effects, changes };
  });
}
