// The desktop's core, shared by the Electron app and the web console: the
// session with a hub (or the hub it runs itself), the local replica, the sync
// client, and the events the renderer listens to. It holds no Electron code,
// so the tests run it for real under Node.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ApiEvent, ApiEventPayload, ConnectionState, ExportResult, SessionState, WorkspaceView } from '../../shared/api/contract';
import type { ApiEventName } from '../../shared/api/methods';
import type { HubRequestType } from '../../shared/api/methods';
import type { Member } from '../../shared/domain';
import { decide } from '../../shared/policy';
import type { InvitationPreviewView } from '../../shared/api/my-invitations-contract';
import type { MeResponse, MyInvitation, Presence, SignInResponse } from '../../shared/protocol';
import { clientRequestSchema } from '../../shared/protocol';
import { bootstrapWorkspace, HubFailure } from '../../hub';
import { ApiFailure, offlineFailure } from './api-failure';
import type { DesktopConfig } from './config-store';
import { ConfigStore } from './config-store';
import type { DesktopPorts } from './desktop-ports';
import { writeMembersCsv } from './export/members-csv';
import {
  acceptInvitationOnHub,
  acceptMyInvitationOnHub,
  declineMyInvitationOnHub,
  listMyInvitationsOnHub,
  previewInvitationOnHub,
  signInToHub,
  signOutOfHub,
} from './hub-http';
import { hubKey, KnownHubs } from './known-hubs';
import type { LocalHub } from './local-hub';
import { startLocalHub } from './local-hub';
import { presenceNotifications } from './presence-notifications';
import { Replica } from './replica/replica';
import type { SyncEvent } from './sync/sync-client';
import { SyncClient } from './sync/sync-client';

const MUTATION_TYPES = new Set(
  clientRequestSchema.options.filter((option) => 'mutationId' in option.shape).map((option) => option.shape.type.value as string),
);

const OFFLINE: ConnectionState = { status: 'offline', detail: 'Not connected to a hub.', retryAt: null };

export interface StartLocalWorkspaceInput {
  organizationName: string;
  workspaceName: string;
  plan: 'starter' | 'growth' | 'advanced' | 'enterprise';
  ownerName: string;
  ownerEmail: string;
  password: string;
  isShared: boolean;
}

export class DesktopCore {
  private config: DesktopConfig;
  private readonly configStore: ConfigStore;
  private readonly knownHubs: KnownHubs;
  private localHub: LocalHub | null = null;
  private replica: Replica | null = null;
  private sync: SyncClient | null = null;
  private readonly presence = new Map<string, Presence>();
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  constructor(private readonly ports: DesktopPorts) {
    this.configStore = new ConfigStore(join(ports.dataDir, 'config.json'));
    this.config = this.configStore.read();
    this.knownHubs = new KnownHubs(join(ports.dataDir, 'known-hubs.json'));
  }

  /** Picks up where the last run left off: the local hub if there is one, and the signed-in workspace. */
  async init(): Promise<void> {
    const { hub } = this.config;
    if (hub?.isLocal) await this.ensureLocalHub(hub.isShared, hub.port);
    if (!this.config.person || !this.ports.secrets.load() || !this.config.activeWorkspaceId) return;
    try {
      this.openWorkspace(this.config.activeWorkspaceId);
    } catch (error) {
      // A replica that cannot be kept (a folder in its place, say) must not stop the window from
      // opening: the person stays signed in and is told on their next step.
      if (!(error instanceof ApiFailure)) throw error;
      this.ports.logger.error({ code: error.code, reason: error.message }, 'could not open the workspace at start');
    }
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sessionState(): SessionState {
    const { hub, person } = this.config;
    const token = this.ports.secrets.load();
    return {
      phase: hub === null ? 'first_run' : person && token ? 'signed_in' : 'signed_out',
      hub: hub ? { url: this.publicHubUrl(), isLocal: hub.isLocal, isShared: hub.isShared } : null,
      person,
      workspaces: this.config.workspaces,
      activeWorkspaceId: this.config.activeWorkspaceId,
      connection: this.sync?.state ?? OFFLINE,
      secretStorage: this.ports.secrets.kind,
    };
  }

  async startLocalWorkspace(input: StartLocalWorkspaceInput): Promise<SessionState> {
    if (this.sessionState().phase === 'signed_in') throw new ApiFailure('already_signed_in', 'Sign out before starting a new workspace.');
    const local = await this.ensureLocalHub(input.isShared, this.config.hub?.isLocal ? this.config.hub.port : null);
    try {
      await bootstrapWorkspace(local.hub.store, {
        organizationName: input.organizationName,
        workspaceName: input.workspaceName,
        plan: input.plan,
        ownerEmail: input.ownerEmail,
        ownerName: input.ownerName,
        ownerPassword: input.password,
      });
    } catch (error) {
      // The hub's refusal keeps its own code (a name it cannot accept is not "already a member").
      if (error instanceof HubFailure) throw new ApiFailure(error.code, error.message);
      throw error;
    }
    return this.signIn(local.localUrl, input.ownerEmail, input.password);
  }

  async signIn(hubUrl: string, email: string, password: string): Promise<SessionState> {
    const url = this.connectableUrl(hubUrl);
    const session = await signInToHub(url, email, password);
    this.knownHubs.add(url);
    return this.adoptSession(url, session);
  }

  /** The invitation behind a link, with the hub it comes from and whether this app has used that hub before. */
  async previewInvitation(hubUrl: string, token: string): Promise<InvitationPreviewView> {
    const preview = await previewInvitationOnHub(this.connectableUrl(hubUrl), token);
    return { ...preview, hubUrl: hubKey(hubUrl), isKnownHub: this.isKnownHub(hubUrl) };
  }

  /**
   * Creates a new account through an invitation link. A link may name any hub,
   * so nothing goes to one this app has never used unless the person confirmed
   * it; the saved hub changes only once the hub has accepted.
   */
  async acceptInvitation(hubUrl: string, token: string, password: string, displayName = '', isHubConfirmed = false): Promise<SessionState> {
    if (!isHubConfirmed && !this.isKnownHub(hubUrl)) {
      throw new ApiFailure(
        'hub_not_confirmed',
        `Gatehouse has never connected to the hub at ${hubKey(hubUrl)}. Check that it is the hub you expect, and confirm it before sending your details there.`,
      );
    }
    const url = this.connectableUrl(hubUrl);
    const session = await acceptInvitationOnHub(url, { token, password, displayName });
    this.knownHubs.add(url);
    return this.adoptSession(url, session);
  }

  /** The signed-in person's own pending invitations on their hub. */
  async listMyInvitations(): Promise<MyInvitation[]> {
    const { hubUrl, token } = this.signedInHub();
    return listMyInvitationsOnHub(hubUrl, token);
  }

  /** Accepts one of them: the workspace joins the list (and opens, when none was open). */
  async acceptMyInvitation(memberId: string): Promise<SessionState> {
    const { hubUrl, token } = this.signedInHub();
    const me = await acceptMyInvitationOnHub(hubUrl, token, memberId);
    this.adoptMe(me);
    const joined = me.workspaces.find((each) => each.memberId === memberId);
    if (joined && !this.config.activeWorkspaceId) this.openWorkspace(joined.workspaceId);
    return this.emitSession();
  }

  async declineMyInvitation(memberId: string): Promise<MyInvitation[]> {
    const { hubUrl, token } = this.signedInHub();
    return declineMyInvitationOnHub(hubUrl, token, memberId);
  }

  async signOut(): Promise<SessionState> {
    const token = this.ports.secrets.load();
    const hubUrl = this.hubUrl();
    this.closeWorkspace();
    const file = this.replicaFile();
    if (file) Replica.destroy(file);
    if (token && hubUrl) await signOutOfHub(hubUrl, token);
    this.ports.secrets.clear();
    this.saveConfig({ ...this.config, person: null, workspaces: [], activeWorkspaceId: null });
    return this.emitSession();
  }

  selectWorkspace(workspaceId: string): SessionState {
    if (!this.config.workspaces.some((each) => each.workspaceId === workspaceId)) {
      throw new ApiFailure('not_found', 'You are not a member of that workspace.');
    }
    this.openWorkspace(workspaceId);
    return this.emitSession();
  }

  /** D1: the workspace as last synced, readable with or without the hub. */
  workspaceView(): WorkspaceView | null {
    const workspaceId = this.config.activeWorkspaceId;
    const view = workspaceId ? this.replica?.view(workspaceId) : null;
    if (!view) return null;
    const isOnline = this.sync?.state.status === 'online';
    const presence = view.snapshot.members.map((member) => ({
      memberId: member.id,
      isOnline: isOnline && (this.presence.get(member.id)?.isOnline ?? false),
      lastSeenAt: this.presence.get(member.id)?.lastSeenAt ?? member.lastSeenAt,
    }));
    return { seq: view.seq, snapshot: view.snapshot, presence, syncedAt: view.syncedAt };
  }

  /** Passes a request to the hub; every change is refused while offline (D1). */
  hubRequest(type: HubRequestType, body: Record<string, unknown>): Promise<unknown> {
    if (!this.sync) return Promise.reject(offlineFailure());
    return this.sync.request(type, body, { isMutation: MUTATION_TYPES.has(type) });
  }

  /** U8/D3/R3: the member list to a CSV file chosen in the save-as dialog; the hub checks R3 and records it. */
  async exportMembersCsv(): Promise<ExportResult> {
    const view = this.workspaceView();
    if (!view || this.sync?.state.status !== 'online') throw offlineFailure();
    const self = view.snapshot.members.find((member) => member.id === view.snapshot.selfMemberId);
    if (self) {
      const actor = { memberId: self.id, level: self.level, restrictions: self.restrictions, plan: view.snapshot.workspace.plan, teamId: self.teamId };
      const decision = decide(actor, { type: 'members.export' });
      if (!decision.allowed) throw new ApiFailure(decision.code, decision.message, decision.rule);
    }
    const date = new Date().toISOString().slice(0, 10);
    const safeName = view.snapshot.workspace.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'workspace';
    const target = await this.ports.chooseExportTarget(`${safeName} members ${date}.csv`);
    if (!target) return { status: 'cancelled' };
    const exported = (await this.hubRequest('members.export', {})) as { members: Member[]; teams: Array<{ id: string; workspaceId: string; name: string }> };
    const rowCount = await writeMembersCsv(target.path, exported.members, exported.teams, (written, total) =>
      this.emit('export.progress', { written, total }),
    );
    return target.kind === 'file'
      ? { status: 'saved', filePath: target.path, rowCount }
      : { status: 'download', url: target.url, fileName: target.fileName, rowCount };
  }

  openExternal(url: string): Promise<void> {
    return this.ports.openExternal(url);
  }

  /** A gatehouse://invite link was opened (deep link). */
  invitationOpened(hubUrl: string, token: string): void {
    this.emit('invitation.opened', { hubUrl, token });
  }

  async close(): Promise<void> {
    this.closeWorkspace();
    await this.localHub?.hub.close();
    this.localHub = null;
  }

  /** The replica file of this person on this hub. */
  replicaFile(): string | null {
    const hubUrl = this.hubUrl();
    const personId = this.config.person?.personId;
    if (!hubUrl || !personId) return null;
    const key = createHash('sha256').update(`${hubUrl}\n${personId}`).digest('hex').slice(0, 32);
    return join(this.ports.dataDir, 'replicas', `${key}.sqlite`);
  }

  private hubUrl(): string | null {
    if (!this.config.hub) return null;
    return this.config.hub.isLocal && this.localHub ? this.localHub.localUrl : this.config.hub.url;
  }

  private publicHubUrl(): string {
    return this.localHub && this.config.hub?.isLocal ? this.localHub.publicUrl : (this.config.hub?.url ?? '');
  }

  /** The hub and token of the signed-in session, for calls made on the person's own behalf. */
  signedInHub(): { hubUrl: string; token: string } {
    const token = this.ports.secrets.load();
    const hubUrl = this.hubUrl();
    if (!token || !hubUrl || !this.config.person) throw new ApiFailure('signed_out', 'Sign in first.');
    return { hubUrl, token };
  }

  /** A hub this app signed in to or joined before, the hub of its session, or the hub it runs itself. */
  isKnownHub(hubUrl: string): boolean {
    const url = this.connectableUrl(hubUrl);
    if (this.localHub && url === this.localHub.localUrl) return true;
    const current = this.hubUrl();
    return (current !== null && hubKey(current) === hubKey(url)) || this.knownHubs.has(url);
  }

  /** The local hub is reached on 127.0.0.1 whatever address it advertises. */
  connectableUrl(hubUrl: string): string {
    const url = hubUrl.trim().replace(/\/+$/, '');
    if (this.localHub && (url === this.localHub.publicUrl || url === this.localHub.localUrl)) return this.localHub.localUrl;
    return url;
  }

  private async ensureLocalHub(isShared: boolean, port: number | null): Promise<LocalHub> {
    if (this.localHub && this.config.hub?.isShared === isShared) return this.localHub;
    await this.localHub?.hub.close();
    this.localHub = await startLocalHub({
      dataDir: this.ports.dataDir,
      port,
      isShared,
      logger: this.ports.logger,
      ...(this.ports.migrations?.hub ? { migrationsDir: this.ports.migrations.hub } : {}),
    });
    return this.localHub;
  }

  private adoptSession(hubUrl: string, session: SignInResponse): SessionState {
    this.closeWorkspace();
    const isLocal = this.localHub !== null && hubUrl === this.localHub.localUrl;
    this.ports.secrets.save(session.token);
    const firstWorkspace = session.workspaces[0]?.workspaceId ?? null;
    this.saveConfig({
      hub: { url: isLocal ? (this.localHub?.publicUrl ?? hubUrl) : hubUrl, isLocal, isShared: isLocal && (this.config.hub?.isShared ?? false), port: isLocal ? (this.localHub?.port ?? null) : null },
      person: { personId: session.personId, displayName: session.displayName, email: session.email },
      workspaces: session.workspaces,
      activeWorkspaceId: firstWorkspace,
    });
    if (!isLocal && this.localHub) {
      void this.localHub.hub.close();
      this.localHub = null;
    }
    if (firstWorkspace) this.openWorkspace(firstWorkspace);
    return this.emitSession();
  }

  /** The person's facts and workspaces as the hub now has them, keeping the open workspace. */
  private adoptMe(me: MeResponse): void {
    const isActiveKept = me.workspaces.some((each) => each.workspaceId === this.config.activeWorkspaceId);
    this.saveConfig({
      ...this.config,
      person: { personId: me.personId, displayName: me.displayName, email: me.email },
      workspaces: me.workspaces,
      activeWorkspaceId: isActiveKept ? this.config.activeWorkspaceId : null,
    });
  }

  private openWorkspace(workspaceId: string): void {
    this.sync?.stop();
    this.sync = null;
    this.presence.clear();
    const token = this.ports.secrets.load();
    const hubUrl = this.hubUrl();
    const file = this.replicaFile();
    const person = this.config.person;
    if (!token || !hubUrl || !file || !person) return;
    if (!this.replica || this.replica.file !== file) {
      this.replica?.close();
      this.replica = Replica.open(file, { hubUrl: this.config.hub?.url ?? hubUrl, personId: person.personId }, this.ports.migrations?.replica);
      if (this.replica.rebuiltBecause) this.ports.logger.warn({ reason: this.replica.rebuiltBecause }, 'local replica rebuilt from the hub');
    }
    this.saveConfig({ ...this.config, activeWorkspaceId: workspaceId });
    this.sync = new SyncClient({
      hubUrl,
      token,
      workspaceId,
      replica: this.replica,
      onEvent: (event) => this.onSync(workspaceId, event),
      ...(this.ports.syncBackoff ? { backoff: this.ports.syncBackoff } : {}),
    });
    this.sync.start();
  }

  private closeWorkspace(): void {
    this.sync?.stop();
    this.sync = null;
    this.replica?.close();
    this.replica = null;
    this.presence.clear();
  }

  private onSync(workspaceId: string, event: SyncEvent): void {
    switch (event.type) {
      case 'connection':
        this.emit('connection.changed', event.state);
        if (event.state.status !== 'online') this.presence.clear();
        return;
      case 'snapshot': {
        const view = this.workspaceView();
        if (view) this.emit('workspace.snapshot', view);
        return;
      }
      case 'changes':
        this.emit('workspace.changes', { seq: event.seq, changes: event.changes });
        return;
      case 'presence':
        this.notifyPresence(event.presence);
        for (const each of event.presence) this.presence.set(each.memberId, each);
        this.emit('presence.changed', event.presence);
        return;
      case 'revoked': {
        const remaining = this.config.workspaces.filter((each) => each.workspaceId !== workspaceId);
        this.saveConfig({ ...this.config, workspaces: remaining, activeWorkspaceId: remaining[0]?.workspaceId ?? null });
        this.ports.notify('Access revoked', event.message);
        if (remaining[0]) this.openWorkspace(remaining[0].workspaceId);
        this.emitSession();
        return;
      }
      case 'session_ended':
        this.ports.secrets.clear();
        this.emitSession();
        return;
    }
  }

  /**
   * Called for every presence event, so it reads only the members the event
   * names, not the whole workspace; the first presence list (nothing known
   * before it) notifies nobody and reads nothing.
   */
  private notifyPresence(updates: Presence[]): void {
    const workspaceId = this.config.activeWorkspaceId;
    // Before the first presence list nothing is known; after it, a member not in it was offline.
    const hasPresenceList = this.presence.size > 0;
    if (!workspaceId || !this.replica || !hasPresenceList) return;
    const state = this.replica.state(workspaceId);
    if (!state || state.preferences.scope === 'nobody') return;
    const members = new Map(this.replica.members(workspaceId, updates.map((each) => each.memberId)).map((member) => [member.id, member]));
    const known = (memberId: string) => this.presence.get(memberId)?.isOnline ?? false;
    for (const notification of presenceNotifications(updates, known, members, state.preferences, state.selfMemberId)) {
      this.ports.notify(notification.title, notification.body);
    }
  }

  private saveConfig(config: DesktopConfig): void {
    this.config = config;
    this.configStore.write(config);
  }

  private emitSession(): SessionState {
    const state = this.sessionState();
    this.emit('session.changed', state);
    return state;
  }

  private emit<E extends ApiEventName>(name: E, payload: ApiEventPayload<E>): void {
    const event = { name, payload } as ApiEvent;
    for (const listener of this.listeners) listener(event);
  }
}
