// Handlers of the account calls (see shared/api/account-contract.ts): each is
// one HTTP call to the hub, which decides and answers in plain words (two-step
// sign-in included, issue 13.5).
import type { ApiHandlers } from '../../../shared/api/contract';
import { changePasswordOnHub, hubInfoOf, requestPasswordResetOnHub, signOutOthersOnHub } from '../account-http';
import {
  confirmTwoStepOnHub,
  disableTwoStepOnHub,
  enrolTwoStepOnHub,
  newRecoveryCodesOnHub,
  twoStepStatusOnHub,
} from '../account-two-step-http';
import type { DesktopCore } from '../desktop-core';

type AccountHandlers = Pick<
  ApiHandlers,
  | 'account.changePassword'
  | 'account.signOutOthers'
  | 'account.requestPasswordReset'
  | 'account.hubInfo'
  | 'account.twoStepStatus'
  | 'account.twoStepEnrol'
  | 'account.twoStepConfirm'
  | 'account.twoStepNewRecoveryCodes'
  | 'account.twoStepDisable'
>;

export function accountHandlers(core: DesktopCore): AccountHandlers {
  const signedIn = async () => {
    const { hubUrl, token } = core.signedInHub();
    return { hubUrl: await core.connectableUrl(hubUrl), token };
  };
  return {
    'account.changePassword': async (input) => {
      const { hubUrl, token } = await signedIn();
      await changePasswordOnHub(hubUrl, token, input);
      return {};
    },
    'account.signOutOthers': async () => {
      const { hubUrl, token } = await signedIn();
      return signOutOthersOnHub(hubUrl, token);
    },
    'account.requestPasswordReset': async (input) => {
      const hubUrl = await core.connectableUrl(input.hubUrl);
      // A hub without mail cannot send the link: say so rather than pretend it was sent.
      const { isMailConfigured } = await hubInfoOf(hubUrl);
      if (isMailConfigured) await requestPasswordResetOnHub(hubUrl, input.email);
      return { isMailConfigured };
    },
    'account.hubInfo': async (input) => hubInfoOf(await core.connectableUrl(input.hubUrl)),
    // Issue 13.5: over HTTP, never the workspace's socket: a workspace that refuses this session's socket still lets it set this up.
    'account.twoStepStatus': async () => {
      const { hubUrl, token } = await signedIn();
      return twoStepStatusOnHub(hubUrl, token);
    },
    'account.twoStepEnrol': async (input) => {
      const { hubUrl, token } = await signedIn();
      return enrolTwoStepOnHub(hubUrl, token, input.currentPassword);
    },
    'account.twoStepConfirm': async (input) => {
      const { hubUrl, token } = await signedIn();
      const codes = await confirmTwoStepOnHub(hubUrl, token, input.code);
      // This session now passed the second step: a workspace that refused it connects at once.
      core.reconnectNow();
      return codes;
    },
    'account.twoStepNewRecoveryCodes': async (input) => {
      const { hubUrl, token } = await signedIn();
      return newRecoveryCodesOnHub(hubUrl, token, input.code);
    },
    'account.twoStepDisable': async (input) => {
      const { hubUrl, token } = await signedIn();
      await disableTwoStepOnHub(hubUrl, token, input);
      return {};
    },
  };
}
