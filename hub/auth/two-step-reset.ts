// Issue 13.5: the last resort for a person who lost their authenticator and
// their recovery codes. The second step is the person's across the hub, so no
// workspace's Owner may reset it (that would let one organization take over an
// account used in another); only the hub's operator can, from the command
// line (or the desktop that runs the hub), and it is recorded in the audit log
// of every workspace the person is an active member of, so each one's Owners
// see that it happened.
import { emailSchema } from '../../shared/domain';
import { AuditWriter } from '../domain/audit-writer';
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';

export interface TwoStepResetEffects {
  email: string;
  displayName: string;
  isEnabled: boolean;
  /** The workspaces whose audit log records the reset. */
  workspaceNames: string[];
  sentences: string[];
}

export async function twoStepResetEffects(store: HubStore, email: string): Promise<TwoStepResetEffects> {
  const address = emailSchema.safeParse(email);
  const person = address.success ? await store.people.byEmail(address.data) : undefined;
  if (!person) throw new HubFailure('not_found', `There is no account with the address ${email} on this hub.`);
  const isEnabled = await store.twoStep.isEnabled(person.id);
  const workspaceNames = (await store.members.membershipsOf(person.id)).map((membership) => membership.workspaceName);
  const sentences = isEnabled
    ? [
        `${person.displayName} (${person.email}) has two-step sign-in on.`,
        'Resetting it removes their authenticator and recovery codes: they sign in with their password alone, and set it up again',
        'before any workspace that requires it lets them connect.',
        workspaceNames.length > 0 ? `The reset is recorded in the audit log of: ${workspaceNames.join(', ')}.` : 'They are not an active member of any workspace.',
      ]
    : [`${person.displayName} (${person.email}) does not have two-step sign-in on: there is nothing to reset.`];
  return { email: person.email, displayName: person.displayName, isEnabled, workspaceNames, sentences };
}

export function resetTwoStep(store: HubStore, email: string, now: number): Promise<TwoStepResetEffects> {
  return store.transaction(async (tx) => {
    const effects = await twoStepResetEffects(tx, email);
    if (!effects.isEnabled) return effects;
    const person = await tx.people.byEmail(effects.email);
    if (!person) return effects;
    await tx.twoStep.removeAll(person.id);
    await tx.twoStep.unmarkSessionsOf(person.id);
    for (const membership of await tx.members.membershipsOf(person.id)) {
      // Done by the hub for the person who runs it, not by a member of the workspace.
      await new AuditWriter(tx, membership.workspaceId, null, now).record(
        'two_step.reset',
        { id: membership.memberId, displayName: person.displayName },
        { twoStep: 'on' },
        { twoStep: 'off', by: 'operator' },
      );
    }
    return effects;
  });
}
