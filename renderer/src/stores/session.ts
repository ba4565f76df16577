// The person's session: first run, signed out or signed in, which hub and
// workspace, and the connection to the hub (always visible in the shell).
import { defineStore } from 'pinia';
import type { ConnectionState, SessionState } from '@shared/api/contract';
import type { AcceptInvitationInput, ApiInput } from '@shared/api/contract';
import { ApiCallError, callOrThrow, onApiEvent } from '../api/client';

interface SessionStoreState {
  session: SessionState | null;
  /** A gatehouse://invite link opened while the app runs. */
  openedInvite: { hubUrl: string; token: string } | null;
  /** In the web console: why the page cannot reach the console now, or null while it can. */
  consoleLostBecause: string | null;
  /** Issue 13.5: the password was right and the hub awaits a code for this email (the core keeps the pending token). */
  secondStepFor: string | null;
}

/** The core's answer to a right password of a person with two-step sign-in on. */
export const SECOND_STEP_REQUIRED = 'second_step_required';

export const useSessionStore = defineStore('session', {
  state: (): SessionStoreState => ({ session: null, openedInvite: null, consoleLostBecause: null, secondStepFor: null }),
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
    /** Throws as the core refused; on second_step_required it also records that a code is awaited (the sign-in form then asks for it). */
    async signIn(input: ApiInput<'session.signIn'>): Promise<void> {
      this.secondStepFor = null;
      try {
        this.session = await callOrThrow('session.signIn', input);
      } catch (failure) {
        if (failure instanceof ApiCallError && failure.code === SECOND_STEP_REQUIRED) this.secondStepFor = input.email;
        throw failure;
      }
    },
    /** The code from the app, or a recovery code, after the password: signs in, or throws on the code (wrong, too many, too late). */
    async completeSecondStep(code: string): Promise<void> {
      // A refusal leaves the step open: a wrong code may be tried again, and after second_step_expired the sentence stays on the field until the person goes back.
      this.session = await callOrThrow('session.completeSecondStep', { code });
      this.secondStepFor = null;
    },
    /** Back to the password: the core's pending sign-in is replaced by the next one, or expires. */
    cancelSecondStep(): void {
      this.secondStepFor = null;
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
