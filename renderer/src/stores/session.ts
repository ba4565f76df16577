// The person's session: first run, signed out or signed in, which hub and
// workspace, and the connection to the hub (always visible in the shell).
import { defineStore } from 'pinia';
import type { ConnectionState, SessionState } from '@shared/api/contract';
import type { AcceptInvitationInput, ApiInput } from '@shared/api/contract';
import { callOrThrow, onApiEvent } from '../api/client';

interface SessionStoreState {
  session: SessionState | null;
  /** A gatehouse://invite link opened while the app runs. */
  openedInvite: { hubUrl: string; token: string } | null;
}

export const useSessionStore = defineStore('session', {
  state: (): SessionStoreState => ({ session: null, openedInvite: null }),
  getters: {
    phase: (state) => state.session?.phase ?? 'loading',
    connection: (state): ConnectionState => state.session?.connection ?? { status: 'connecting', detail: null, retryAt: null },
    isOnline(): boolean {
      return this.connection.status === 'online';
    },
    activeWorkspace: (state) => state.session?.workspaces.find((each) => each.workspaceId === state.session?.activeWorkspaceId) ?? null,
  },
  actions: {
    async load(): Promise<void> {
      onApiEvent((event) => {
        if (event.name === 'session.changed') this.session = event.payload;
        if (event.name === 'connection.changed' && this.session) this.session = { ...this.session, connection: event.payload };
        if (event.name === 'invitation.opened') this.openedInvite = event.payload;
      });
      this.session = await callOrThrow('session.getState', undefined);
    },
    async startLocalWorkspace(input: ApiInput<'setup.startLocalWorkspace'>): Promise<void> {
      this.session = await callOrThrow('setup.startLocalWorkspace', input);
    },
    async signIn(input: ApiInput<'session.signIn'>): Promise<void> {
      this.session = await callOrThrow('session.signIn', input);
    },
    /** A new account through an invitation link; `isHubConfirmed` once the person confirmed a hub this app never used. */
    async acceptInvitation(input: AcceptInvitationInput): Promise<void> {
      this.session = await callOrThrow('invitation.accept', input);
      this.openedInvite = null;
    },
    async signOut(): Promise<void> {
      this.session = await callOrThrow('session.signOut', undefined);
    },
    async selectWorkspace(workspaceId: string): Promise<void> {
      this.session = await callOrThrow('session.selectWorkspace', { workspaceId });
    },
  },
});
