// Handlers of the account calls (see shared/api/account-contract.ts): each is
// one HTTP call to the hub, which decides and answers in plain words.
import type { ApiHandlers } from '../../../shared/api/contract';
import { changePasswordOnHub, hubInfoOf, requestPasswordResetOnHub, signOutOthersOnHub } from '../account-http';
import type { DesktopCore } from '../desktop-core';

type AccountHandlers = Pick<ApiHandlers, 'account.changePassword' | 'account.signOutOthers' | 'account.requestPasswordReset' | 'account.hubInfo'>;

export function accountHandlers(core: DesktopCore): AccountHandlers {
  const signedIn = () => {
    const { hubUrl, token } = core.signedInHub();
    return { hubUrl: core.connectableUrl(hubUrl), token };
  };
  return {
    'account.changePassword': async (input) => {
      const { hubUrl, token } = signedIn();
      await changePasswordOnHub(hubUrl, token, input);
      return {};
    },
    'account.signOutOthers': () => {
      const { hubUrl, token } = signedIn();
      return signOutOthersOnHub(hubUrl, token);
    },
    'account.requestPasswordReset': async (input) => {
      const hubUrl = core.connectableUrl(input.hubUrl);
      // A hub without mail cannot send the link: say so rather than pretend it was sent.
      const { isMailConfigured } = await hubInfoOf(hubUrl);
      if (isMailConfigured) await requestPasswordResetOnHub(hubUrl, input.email);
      return { isMailConfigured };
    },
    'account.hubInfo': (input) => hubInfoOf(core.connectableUrl(input.hubUrl)),
  };
}
