// The signed-in person's own pending invitations: an account that already
// exists accepts or declines them here, from its own session (never through
// a link and a password).
import { defineStore } from 'pinia';
import type { MyInvitation } from '@shared/api/contract';
import { callOrThrow } from '../api/client';
import { useSessionStore } from './session';

interface MyInvitationsState {
  invitations: MyInvitation[];
  isDialogOpen: boolean;
}

export const useMyInvitationsStore = defineStore('myInvitations', {
  state: (): MyInvitationsState => ({ invitations: [], isDialogOpen: false }),
  getters: {
    count: (state) => state.invitations.length,
  },
  actions: {
    async load(): Promise<void> {
      this.invitations = await callOrThrow('invitation.listMine', undefined);
    },
    /** Joins the workspace: the session (and so the workspace switcher) gets it at once. */
    async accept(memberId: string): Promise<void> {
      const session = useSessionStore();
      session.session = await callOrThrow('invitation.acceptMine', { memberId });
      this.invitations = this.invitations.filter((each) => each.memberId !== memberId);
    },
    async decline(memberId: string): Promise<void> {
      this.invitations = await callOrThrow('invitation.decline', { memberId });
    },
  },
});
