// Contacts: who may see, change and delete them (L, R2, R5, R7). Owners and
// Managers reach contacts through the Contacts module; Agents only through
// Messages, narrowed by R5 and R7.
import type { BoundActor } from './actor';
import type { ActionOf, ContactTarget } from './actions';
import type { Decision } from './decision';
import { allow, deny, firstDenial } from './decision';
import { decideModule } from './decide-module';
import { ACCESS_LEVEL_PLURALS } from './levels';

/** R5: whether an agent's visibility scope includes the contact. */
export function isContactInScope(actor: BoundActor, contact: ContactTarget): boolean {
  const scope = actor.restrictions.contactVisibility;
  if (actor.level !== 'agent' || scope === 'all') return true;
  if (contact.assigneeId === actor.memberId) return true;
  if (scope === 'self_only' || actor.teamId === null) return false;
  return contact.teamId === actor.teamId || contact.assigneeTeamId === actor.teamId;
}

export function decideContactView(actor: BoundActor, contact: ContactTarget): Decision {
  if (actor.level !== 'agent') return decideModule(actor, 'contacts');
  return firstDenial(
    () => decideModule(actor, 'messages'),
    () =>
      isContactInScope(actor, contact)
        ? allow()
        : deny(
            'contact_not_visible',
            'R5',
            actor.restrictions.contactVisibility === 'self_only'
              ? 'This agent sees only contacts assigned to themselves'
              : 'This agent sees only contacts assigned to their team and themselves',
          ),
  );
}

/** Creating and assigning contacts happen in the Contacts module. */
export function decideContactsModule(actor: BoundActor): Decision {
  return decideModule(actor, 'contacts');
}

export function decideContactDelete(actor: BoundActor, action: ActionOf<'contact.delete'>): Decision {
  return firstDenial(
    () => decideContactView(actor, action.contact),
    () => decideModule(actor, 'contacts'),
    () =>
      actor.restrictions.contactDeletion
        ? deny('restricted', 'R2', `${ACCESS_LEVEL_PLURALS[actor.level]} with the “Contact Deletion” restriction cannot delete contacts`)
        : allow(),
  );
}

export function decideContactDetail(actor: BoundActor, action: ActionOf<'contact.set_detail'>): Decision {
  const field = action.field === 'phone' ? 'phone number' : 'email address';
  return firstDenial(
    () => decideContactView(actor, action.contact),
    () =>
      actor.restrictions.maskContactDetails && action.hasValue
        ? deny(
            'contact_detail_locked',
            'R7',
            `Agents with masked contact details may add a missing ${field} but not change one; ask a Manager`,
          )
        : allow(),
  );
}
