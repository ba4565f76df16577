// Handlers of the calls about invitations to the signed-in person (see
// shared/api/my-invitations-contract.ts).
import type { ApiHandlers } from '../../../shared/api/contract';
import { ApiFailure } from '../api-failure';
import type { DesktopCore } from '../desktop-core';

type MyInvitationHandlers = Pick<ApiHandlers, 'invitation.listMine' | 'invitation.acceptMine' | 'invitation.decline'>;

export function myInvitationHandlers(core: DesktopCore): MyInvitationHandlers {
  void core;
  const unavailable = () => Promise.reject(new ApiFailure('unavailable', 'This version of Gatehouse cannot do that yet.'));
  return {
    'invitation.listMine': unavailable,
    'invitation.acceptMine': unavailable,
    'invitation.decline': unavailable,
  };
}
