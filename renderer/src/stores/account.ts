// The signed-in person's own account: change the password, sign out the other
// sessions, and "forgot password" from the sign-in screen.
import { defineStore } from 'pinia';
import { callOrThrow } from '../api/client';

export interface AccountState {
  /** How many sessions the last "sign out other sessions" ended, or null before it. */
  lastSignedOutCount: number | null;
}

export const useAccountStore = defineStore('account', {
  state: (): AccountState => ({ lastSignedOutCount: null }),
  actions: {
    async changePassword(currentPassword: string, newPassword: string): Promise<void> {
      await callOrThrow('account.changePassword', { currentPassword, newPassword });
    },
    async signOutOthers(): Promise<number> {
      const { signedOut } = await callOrThrow('account.signOutOthers', undefined);
      this.lastSignedOutCount = signedOut;
      return signedOut;
    },
    /** False when the hub cannot send email, so no link can come. */
    async requestPasswordReset(hubUrl: string, email: string): Promise<boolean> {
      const { isMailConfigured } = await callOrThrow('account.requestPasswordReset', { hubUrl, email });
      return isMailConfigured;
    },
  },
});
