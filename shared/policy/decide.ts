// The one decision function of the product. The hub calls it before every
// change it makes; the renderer calls it to decide what to show. Every access
// rule of the spec (U, A, L, R, V, E, O, X) is answered here and nowhere else.
import type { Actor } from './actor';
import { bindActor } from './actor';
import type { Action } from './actions';
import type { Decision } from './decision';
import { allow, deny, firstDenial } from './decision';
import { decideContactDelete, decideContactDetail, decideContactsModule, decideContactView } from './decide-contacts';
import {
  decideAudit,
  decideEdit,
  decideInvitationChange,
  decideInvite,
  decideMembersExport,
  decideOwnProfile,
  decideRevoke,
} from './decide-members';
import { decideModule } from './decide-module';
import { ACCESS_LEVEL_PLURALS } from './levels';

export function decide(actor: Actor, action: Action): Decision {
  const bound = bindActor(actor);
  switch (action.type) {
    case 'module.open':
      return decideModule(bound, action.module);
    case 'member.invite':
      return decideInvite(bound, action);
    case 'invitation.resend':
    case 'invitation.cancel':
      return decideInvitationChange(bound, action);
    case 'member.edit':
      return decideEdit(bound, action);
    case 'member.revoke':
      return decideRevoke(bound, action);
    case 'members.export':
      return decideMembersExport(bound);
    case 'audit.view':
    case 'audit.export':
      return decideAudit(bound, action);
    case 'teams.manage':
      return decideModule(bound, 'settings_teams');
    case 'workspace.update_settings':
      return decideModule(bound, 'settings_general');
    case 'workspace.set_access_warning':
      // L1: a workspace-wide rule about access, like requiring two-step sign-in: the Owners'.
      return bound.level === 'owner' ? allow() : deny('owners_only', 'L1', 'Only Owners can change when the hub warns that access is ending');
    case 'organization.view':
      // O1: the organization's people span its workspaces, so they are the Owners' to see.
      return bound.level === 'owner'
        ? allow()
        : deny('owners_only', 'O1', `Only Owners can see the people of the organization; ${ACCESS_LEVEL_PLURALS[bound.level]} cannot`);
    case 'channel.connect':
    case 'channel.delete':
      // L2: whatever their restrictions, Managers never connect or delete Channels.
      return bound.level === 'owner'
        ? allow()
        : deny('owners_only', 'L2', `Only Owners can connect or delete Channels; ${ACCESS_LEVEL_PLURALS[bound.level]} cannot`);
    case 'integration.connect':
      return firstDenial(
        () => decideModule(bound, 'settings_integrations'),
        () =>
          bound.restrictions.integrations
            ? deny('restricted', 'R4', 'Managers with the “Integration” restriction cannot connect integrations')
            : allow(),
      );
    case 'shortcut.use':
      return decideModule(bound, 'shortcut');
    case 'contact.view':
      return decideContactView(bound, action.contact);
    case 'contact.create':
    case 'contact.assign':
      return decideContactsModule(bound);
    case 'contact.delete':
      return decideContactDelete(bound, action);
    case 'contact.set_detail':
      return decideContactDetail(bound, action);
    case 'profile.update':
      return decideOwnProfile(bound, action.targetMemberId, 'profile');
    case 'notification_preferences.update':
      return decideOwnProfile(bound, action.targetMemberId, 'notification preferences');
  }
}

export function isAllowed(actor: Actor, action: Action): boolean {
  return decide(actor, action).allowed;
}
