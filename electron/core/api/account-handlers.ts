// Handlers of the account calls (see shared/api/account-contract.ts).
import type { ApiHandlers } from '../../../shared/api/contract';
import { ApiFailure } from '../api-failure';
import type { DesktopCore } from '../desktop-core';

type AccountHandlers = Pick<ApiHandlers, 'account.changePassword' | 'account.signOutOthers' | 'account.requestPasswordReset'>;

export function accountHandlers(core: DesktopCore): AccountHandlers {
  void core;
  const unavailable = () => Promise.reject(new ApiFailure('unavailable', 'This version of Gatehouse cannot do that yet.'));
  return {
    'account.changePassword': unavailable,
    'account.signOutOthers': unavailable,
    'account.requestPasswordReset': unavailable,
  };
}
