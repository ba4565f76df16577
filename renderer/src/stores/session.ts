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
  /** In the web console: why the page cannot reach the console now, or null while it can. */
  consoleLostBecause: string | null;
}

export const useSessionStore = defineStore('session', {
  state: (): SessionStoreState => ({ session: null, openedInvite: null, consoleLostBecause: null }),
  getters: {
    phase: (state) => state.session?.phase ?? 'loading',
    connection: (state): ConnectionState => state.session?.connection ?? { status: 'connecting', detail: null, retryAt: null },
    /** Changes go through the console to the hub: both must answer. */
    isOnline(): boolean {
      return this.consoleLostBecause === null && this.connection.status === 'online';
    },
    /** Why a change cannot be made now, in words, or null. */
    blockedReason(): string | null {
      if (this.consoleLostBecause) return this.consoleLostBecause;
      return this.connection.status === 'online' ? null : 'Needs a connection to the hub';
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
      await this.refresh();
    },
    /** The state as the core has it now (after the web console came back, say). */
    async refresh(): Promise<void> {
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
    /** "Reconnect now": the hub is tried at once; the chip follows the connection events. */
    async reconnectNow(): Promise<void> {
      await callOrThrow('connection.reconnect', undefined);
    },
    async selectWorkspace(workspaceId: string): Promise<void> {
      this.session = await callOrThrow('session.selectWorkspace', { workspaceId });
    },
  },
});
