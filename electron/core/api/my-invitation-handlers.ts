// Handlers of the calls about invitations to the signed-in person (see
// shared/api/my-invitations-contract.ts): each acts with the person's own
// session on the hub they are signed in to.
import type { ApiHandlers } from '../../../shared/api/contract';
import type { DesktopCore } from '../desktop-core';

type MyInvitationHandlers = Pick<ApiHandlers, 'invitation.listMine' | 'invitation.acceptMine' | 'invitation.decline'>;

export function myInvitationHandlers(core: DesktopCore): MyInvitationHandlers {
  return {
    'invitation.listMine': () => core.listMyInvitations(),
    'invitation.acceptMine': (input) => core.acceptMyInvitation(input.memberId),
    'invitation.decline': (input) => core.declineMyInvitation(input.memberId),
  };
}
