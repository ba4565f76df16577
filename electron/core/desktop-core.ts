// The desktop's core, shared by the Electron app and the web console: the
// session with a hub (or the hub it runs itself), the local replica, the sync
// client, and the events the renderer listens to. It holds no Electron code,
// so the tests run it for real under Node.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ApiEvent, ApiEventPayload, AuditCsvInput, ConnectionState, ExportResult, SessionState, ShownFolder, WorkspaceView } from '../../shared/api/contract';
import type { UnreadableCounts } from '../../shared/api/session-schemas';
import { NO_UNREADABLE } from '../../shared/api/session-schemas';
import type { ApiEventName } from '../../shared/api/methods';
import type { HubRequestType } from '../../shared/api/methods';
import { decide } from '../../shared/policy';
import type { InvitationPreviewView } from '../../shared/api/my-invitations-contract';
import type { SharingOptions } from '../../shared/api/sharing-contract';
import type { HubSettingsState } from '../../shared/api/hub-settings-contract';
import type { AccessEndingNotice, MeResponse, MyInvitation, Presence, SignInResponse } from '../../shared/protocol';
import { clientRequestSchema } from '../../shared/protocol';
import type { RequestProgress } from '../../shared/protocol/bulk-invitations';
import type { HubAdmin } from '../../hub';
import { bootstrapWorkspace, HubFailure } from '../../hub';
import { ApiFailure, offlineFailure } from './api-failure';
import type { DesktopConfig } from './config-store';
import { PendingSecondStep } from './account-second-step';
import { ConfigStore } from './config-store';
import { REVIEW_REMINDERS_FILE, remindIfReviewDue, ReviewReminders } from './reviews/review-reminders';
import type { DesktopPorts, ExportTarget } from './desktop-ports';
import { saveAuditCsv } from './export/audit-csv-save';
import { exportMembersCsv } from './export/members-csv-export';
import { grantMembersExport } from './export/members-export-grant';
import {
  acceptInvitationOnHub,
  acceptMyInvitationOnHub,
  declineMyInvitationOnHub,
  listMyInvitationsOnHub,
  previewInvitationOnHub,
  signOutOfHub,
} from './hub-http';
import { hubKey, KnownHubs } from './known-hubs';
import { logFolder } from './logging/desktop-logger';
import type { LocalHub } from './local-hub';
import { startLocalHub } from './local-hub';
import { shareableAddresses } from './network-addresses';
import { presenceNotifications } from './presence-notifications';
import { accessEndedMessage, accessEndingNotifications } from './temporary-access/access-end-words';
import { Replica } from './replica/replica';
import type { OpenWorkspace } from './replica/replica-queries';
import { ReplicaQueries } from './replica/replica-queries';
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
  /** When shared: the address of this computer others use (not needed when an operator's address is set). */
  address: string | null;
}

/** How the local hub is offered to others: what the person chose, with the port kept across restarts. */
interface Sharing {
  isShared: boolean;
  address: string | null;
}

export class DesktopCore {
  private config: DesktopConfig;
  private readonly configStore: ConfigStore;
  private readonly knownHubs: KnownHubs;
  private localHub: LocalHub | null = null;
  private replica: Replica | null = null;
  /** The list queries' own connection to the replica file (windows, pickers, export). */
  private lists: ReplicaQueries | null = null;
  private sync: SyncClient | null = null;
  /**
   * U3: each member's presence as this core last heard it from the hub, for
   * the open workspace. Kept across a dropped connection, so the full list a
   * catch-up brings is compared with it; reset by a snapshot taken on
   * subscribing, whose rows are then what is known (only the members online
   * and those who moved while it streamed follow it: a member not here is offline).
   */
  private readonly presence = new Map<string, Presence>();
  /** Whether presence counts: the hub is heard and has sent its presence list since this connection began. */
  private isPresenceHeard = false;
  private readonly secondStep = new PendingSecondStep();
  private readonly reviewReminders: ReviewReminders;
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  /** Why the app last left a workspace or the session on its own (revoked, signed out elsewhere, expired), until the next choice. */
  private leftBecause: string | null = null;

  constructor(private readonly ports: DesktopPorts) {
    this.configStore = new ConfigStore(join(ports.dataDir, 'config.json'));
    this.config = this.configStore.read();
    this.knownHubs = new KnownHubs(join(ports.dataDir, 'known-hubs.json'));
    this.reviewReminders = new ReviewReminders({
      file: join(ports.dataDir, REVIEW_REMINDERS_FILE),
      notify: (title, body) => this.ports.notify(title, body),
      log: (message, facts) => this.ports.logger.info(facts ?? {}, message),
    });
  }

  /** Picks up where the last run left off: the local hub if there is one, and the signed-in workspace. */
  async init(): Promise<void> {
    const { hub } = this.config;
    if (hub?.isLocal) await this.ensureLocalHub({ isShared: hub.isShared, address: hub.address }, hub.port);
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

  async sessionState(): Promise<SessionState> {
    const { hub, person } = this.config;
    const token = this.ports.secrets.load();
    return {
      phase: hub === null ? 'first_run' : person && token ? 'signed_in' : 'signed_out',
      hub: hub
        ? {
            url: await this.publicHubUrl(),
            isLocal: hub.isLocal,
            isShared: hub.isShared,
            address: hub.isLocal && hub.isShared ? hub.address : null,
            urlSource: hub.isLocal ? await this.localHubUrlSource() : null,
          }
        : null,
      person,
      workspaces: this.config.workspaces,
      activeWorkspaceId: this.config.activeWorkspaceId,
      connection: this.sync?.state ?? OFFLINE,
      secretStorage: this.ports.secrets.kind,
      leftBecause: this.leftBecause,
    };
  }

  async startLocalWorkspace(input: StartLocalWorkspaceInput): Promise<SessionState> {
    if ((await this.sessionState()).phase === 'signed_in') throw new ApiFailure('already_signed_in', 'Sign out before starting a new workspace.');
    const sharing = this.checkedSharing({ isShared: input.isShared, address: input.address });
    const local = await this.ensureLocalHub(sharing, this.config.hub?.isLocal ? this.config.hub.port : null);
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
    const url = await this.connectableUrl(hubUrl);
    // A person with two-step sign-in on gets second_step_required here; the core keeps the pending token and the window asks for a code.
    const session = await this.secondStep.signIn(url, email, password);
    this.knownHubs.add(url);
    return this.adoptSession(url, session);
  }

  /** The code of a sign-in whose password was right (issue 13.5); the pending token never leaves the core. */
  async completeSecondStep(code: string): Promise<SessionState> {
    const { hubUrl, session } = await this.secondStep.complete(code);
    this.knownHubs.add(hubUrl);
    return this.adoptSession(hubUrl, session);
  }

  /** The invitation behind a link, with the hub it comes from and whether this app has used that hub before. */
  async previewInvitation(hubUrl: string, token: string): Promise<InvitationPreviewView> {
    const preview = await previewInvitationOnHub(await this.connectableUrl(hubUrl), token);
    return { ...preview, hubUrl: hubKey(hubUrl), isKnownHub: await this.isKnownHub(hubUrl) };
  }

  /**
   * Creates a new account through an invitation link. A link may name any hub,
   * so nothing goes to one this app has never used unless the person confirmed
   * it; the saved hub changes only once the hub has accepted.
   */
  async acceptInvitation(hubUrl: string, token: string, password: string, displayName = '', isHubConfirmed = false): Promise<SessionState> {
    if (!isHubConfirmed && !await this.isKnownHub(hubUrl)) {
      throw new ApiFailure(
        'hub_not_confirmed',
        `Gatehouse has never connected to the hub at ${hubKey(hubUrl)}. Check that it is the hub you expect, and confirm it before sending your details there.`,
      );
    }
    const url = await this.connectableUrl(hubUrl);
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

  /** Signs out by choice, or (with `reason`) because the app had to: the reason is shown on the sign-in screen. */
  async signOut(reason: string | null = null): Promise<SessionState> {
    const token = this.ports.secrets.load();
    const hubUrl = this.hubUrl();
    this.closeWorkspace();
    this.leftBecause = reason;
    const file = this.replicaFile();
    if (file) Replica.destroy(file);
    this.ports.secrets.clear();
    this.saveConfig({ ...this.config, person: null, workspaces: [], activeWorkspaceId: null });
    const state = await this.emitSession();
    // The hub is told last: the app is signed out here whether or not the hub answers.
    if (token && hubUrl) await signOutOfHub(hubUrl, token);
    return state;
  }

  async selectWorkspace(workspaceId: string): Promise<SessionState> {
    if (!this.config.workspaces.some((each) => each.workspaceId === workspaceId)) {
      throw new ApiFailure('not_found', 'You are not a member of that workspace.');
    }
    this.leftBecause = null;
    this.openWorkspace(workspaceId);
    return this.emitSession();
  }

  /** D1: the workspace as last synced, readable with or without the hub. */
  workspaceView(): WorkspaceView | null {
    const workspaceId = this.config.activeWorkspaceId;
    const view = workspaceId ? this.replica?.view(workspaceId) : null;
    if (!view) return null;
    const isLive = this.isPresenceLive();
    const presence = view.snapshot.members.map((member) => ({
      memberId: member.id,
      isOnline: isLive && (this.presence.get(member.id)?.isOnline ?? false),
      lastSeenAt: (isLive ? this.presence.get(member.id)?.lastSeenAt : undefined) ?? member.lastSeenAt,
    }));
    return { seq: view.seq, snapshot: view.snapshot, presence, syncedAt: view.syncedAt, unreadable: this.sync?.unreadableCounts ?? NO_UNREADABLE };
  }

  /** Passes a request to the hub; every change is refused while offline (D1). `onProgress` hears the hub's progress frames for it. */
  hubRequest(type: HubRequestType, body: Record<string, unknown>, onProgress?: (progress: RequestProgress) => void): Promise<unknown> {
    if (!this.sync) return Promise.reject(offlineFailure());
    return this.sync.request(type, body, { isMutation: MUTATION_TYPES.has(type), ...(onProgress ? { onProgress } : {}) });
  }

  /** D3: where to write a file the person asked for (the save-as dialog, or a download in the web console); null when they cancelled. */
  chooseSaveTarget(suggestedName: string): Promise<ExportTarget | null> {
    return this.ports.chooseExportTarget(suggestedName);
  }

  /** Pushes an event to the window on behalf of a feature beside the core (a bulk invitation's progress). */
  publish<E extends ApiEventName>(name: E, payload: ApiEventPayload<E>): void {
    this.emit(name, payload);
  }

  /** U8/D3/R3: the member list to a CSV file chosen in the save-as dialog; the hub checks R3 and records it. */
  async exportMembersCsv(): Promise<ExportResult> {
    const lists = this.openLists();
    // The summary, not the whole workspace view: only the signed-in member is needed to ask the policy first.
    const summary = lists?.queries.summary(lists.open) ?? null;
    if (!lists || !summary || this.sync?.state.status !== 'online') throw offlineFailure();
    const self = summary.self;
    if (self) {
      const actor = { memberId: self.id, level: self.level, restrictions: self.restrictions, plan: summary.workspace.plan, teamId: self.teamId };
      const decision = decide(actor, { type: 'members.export' });
      if (!decision.allowed) throw new ApiFailure(decision.code, decision.message, decision.rule);
    }
    const date = new Date().toISOString().slice(0, 10);
    const safeName = summary.workspace.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'workspace';
    const target = await this.ports.chooseExportTarget(`${safeName} members ${date}.csv`);
    if (!target) return { status: 'cancelled' };
    // The hub authorizes and records the export first (R3, X1) and answers with a count, not the members; the rows then
    // stream from the replica, which holds exactly what the hub sent this member, once it holds what the hub counted.
    const open = () => this.openLists()?.open ?? lists.open;
    const rowCount = await exportMembersCsv({
      authorize: () =>
        grantMembersExport({
          ask: (input) => (this.sync ? this.sync.request('members.export', input) : Promise.reject(offlineFailure())),
          queries: lists.queries,
          open,
          logger: this.ports.logger,
        }),
      queries: lists.queries,
      open,
      file: target.path,
      onProgress: (written, total) => this.emit('export.progress', { written, total }),
    });
    return target.kind === 'file'
      ? { status: 'saved', filePath: target.path, rowCount }
      : { status: 'download', url: target.url, fileName: target.fileName, rowCount };
  }
  /** X1/D3: the audit log, as the person filtered it, to a CSV file chosen in the save-as dialog; the hub checks and records it first. */
  exportAuditCsv(input: AuditCsvInput): Promise<ExportResult> {
    return saveAuditCsv(input, {
      lists: this.openLists(),
      isOnline: this.sync?.state.status === 'online',
      ask: (type, body) => (this.sync ? this.sync.request(type, body) : Promise.reject(offlineFailure())),
      chooseExportTarget: (name) => this.ports.chooseExportTarget(name),
      onProgress: (written, total) => this.emit('export.progress', { written, total }),
      logger: this.ports.logger,
    });
  }


  unreadableCounts(): UnreadableCounts {
    return this.sync?.unreadableCounts ?? NO_UNREADABLE;
  }

  /** The open workspace's list queries, or null when none is open. */
  openLists(): { queries: ReplicaQueries; open: OpenWorkspace } | null {
    const workspaceId = this.config.activeWorkspaceId;
    if (!this.lists || !workspaceId) return null;
    return { queries: this.lists, open: { workspaceId, isPresenceLive: this.isPresenceLive() } };
  }

  /** U3: the hub is heard and its presence list has come since this connection began. */
  private isPresenceLive(): boolean {
    return this.sync?.state.status === 'online' && this.isPresenceHeard;
  }

  openExternal(url: string): Promise<void> {
    return this.ports.openExternal(url);
  }

  /** "Reconnect now": the open workspace's client tries at once instead of waiting out its backoff. */
  reconnectNow(): void {
    this.sync?.reconnectNow();
  }

  /** "Show logs": the folder the log files are written to (./logging/desktop-logger.ts). */
  async showLogs(): Promise<ShownFolder> {
    const path = logFolder(this.ports.dataDir);
    const isOpened = this.ports.showFolder ? await this.ports.showFolder(path).catch(() => false) : false;
    return { path, isOpened };
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

  private async publicHubUrl(): Promise<string> {
    return this.localHub && this.config.hub?.isLocal ? await this.localHub.publicUrl() : (this.config.hub?.url ?? '');
  }

  /** The hub and token of the signed-in session, for calls made on the person's own behalf. */
  signedInHub(): { hubUrl: string; token: string } {
    const token = this.ports.secrets.load();
    const hubUrl = this.hubUrl();
    if (!token || !hubUrl || !this.config.person) throw new ApiFailure('signed_out', 'Sign in first.');
    return { hubUrl, token };
  }

  /** A hub this app signed in to or joined before, the hub of its session, or the hub it runs itself. */
  async isKnownHub(hubUrl: string): Promise<boolean> {
    const url = await this.connectableUrl(hubUrl);
    if (this.localHub && url === this.localHub.localUrl) return true;
    const current = this.hubUrl();
    return (current !== null && hubKey(current) === hubKey(url)) || this.knownHubs.has(url);
  }

  /** The local hub is reached on 127.0.0.1 whatever address it advertises. */
  async connectableUrl(hubUrl: string): Promise<string> {
    const url = hubUrl.trim().replace(/\/+$/, '');
    const local = this.localHub;
    if (local && (await local.isOwnUrl(url))) return local.localUrl;
    return url;
  }

  /** This computer's addresses others might reach, and the operator's public address when one is set. */
  sharingOptions(): SharingOptions {
    return { addresses: this.ports.shareableAddresses?.() ?? shareableAddresses(), operatorUrl: this.operatorUrl() };
  }

  /**
   * Shares the local hub on the chosen address, or stops sharing it: the hub
   * restarts on the same port with its new public address (links made from
   * now on name it), and the open workspace reconnects at once.
   */
  async setSharing(choice: Sharing): Promise<SessionState> {
    const { hub } = this.config;
    if (!hub?.isLocal || !this.localHub) throw new ApiFailure('not_local_hub', 'Only a hub Gatehouse runs on this computer can be shared from here.');
    const sharing = this.checkedSharing(choice);
    await this.ensureLocalHub(sharing, this.localHub.port);
    this.saveConfig({ ...this.config, hub: { ...hub, url: await this.localHub.publicUrl(), isShared: sharing.isShared, address: sharing.address, port: this.localHub.port } });
    if (this.config.activeWorkspaceId) this.openWorkspace(this.config.activeWorkspaceId);
    return this.emitSession();
  }

  /** "Hub settings": whether this app runs the hub it uses, and that hub's settings (never the SMTP password). */
  async hubSettingsState(): Promise<HubSettingsState> {
    const local = this.runningLocalHub();
    return local ? { isLocalHub: true, settings: await local.hub.admin.getSettings() } : { isLocalHub: false };
  }

  /**
   * The operator's controls of the hub this app runs. Only its own app
   * reaches them (in-process, never over the network); on someone else's hub
   * its operator uses the hub's command line.
   */
  localHubAdmin(): HubAdmin {
    const local = this.runningLocalHub();
    if (!local) {
      throw new ApiFailure(
        'not_local_hub',
        'This app does not run the hub it is connected to. Invitation email, the public address and plans are set by whoever runs that hub, with the hub’s command line on its computer.',
      );
    }
    return local.hub.admin;
  }

  /** "Hub settings" changed the address in links: what is saved and shown (the account menu's note) follows at once. */
  async localHubAddressChanged(): Promise<SessionState> {
    const { hub } = this.config;
    if (hub?.isLocal && this.localHub) this.saveConfig({ ...this.config, hub: { ...hub, url: await this.localHub.publicUrl() } });
    return this.emitSession();
  }

  private runningLocalHub(): LocalHub | null {
    return this.config.hub?.isLocal && this.localHub ? this.localHub : null;
  }

  /**
   * Where the local hub's address comes from, as the session says it. An
   * address stored in "Hub settings" is set by whoever runs this computer's
   * hub, as GATEHOUSE_PUBLIC_URL is, so it reads as theirs.
   */
  private async localHubUrlSource(): Promise<'operator' | 'hub_settings' | 'chosen' | 'loopback' | null> {
    return await this.localHub?.publicUrlSource() ?? null;
  }

  /** GATEHOUSE_PUBLIC_URL, when it is an http(s) address; anything else is logged and left out, never half-used. */
  private operatorUrl(): string | null {
    const value = this.ports.operatorHubUrl?.trim().replace(/\/+$/, '') ?? '';
    if (!value) return null;
    if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
    this.ports.logger.warn({ value }, 'the public address set for the hub is not an http(s) address; it is not used');
    return null;
  }

  /** What is shown is what runs: a shared hub needs an address of this computer (or the operator's), and only one that exists now. */
  private checkedSharing(choice: Sharing): Sharing {
    if (!choice.isShared) return { isShared: false, address: null };
    const address = choice.address?.trim() || null;
    if (address === null) {
      if (this.operatorUrl()) return { isShared: true, address: null };
      throw new ApiFailure('address_required', 'Choose the address of this computer that the others will use to reach it.');
    }
    if (!this.sharingOptions().addresses.some((each) => each.address === address)) {
      throw new ApiFailure('address_unknown', `This computer has no address ${address} now. Choose one of its current addresses.`);
    }
    return { isShared: true, address };
  }

  private async ensureLocalHub(sharing: Sharing, port: number | null): Promise<LocalHub> {
    const current = this.localHub;
    if (current && current.isShared === sharing.isShared && current.address === sharing.address) return current;
    await current?.hub.close();
    this.localHub = null;
    this.localHub = await startLocalHub({
      dataDir: this.ports.dataDir,
      port: port ?? current?.port ?? null,
      isShared: sharing.isShared,
      address: sharing.address,
      operatorUrl: this.operatorUrl(),
      logger: this.ports.logger,
      ...(this.ports.migrations?.hub ? { migrationsDir: this.ports.migrations.hub } : {}),
    });
    return this.localHub;
  }

  private async adoptSession(hubUrl: string, session: SignInResponse): Promise<SessionState> {
    this.closeWorkspace();
    this.leftBecause = null;
    const local = this.localHub !== null && hubUrl === this.localHub.localUrl ? this.localHub : null;
    this.ports.secrets.save(session.token);
    const firstWorkspace = session.workspaces[0]?.workspaceId ?? null;
    // The local hub's settings are those it runs with now: on first run nothing was saved before this.
    this.saveConfig({
      hub: local
        ? { url: await local.publicUrl(), isLocal: true, isShared: local.isShared, port: local.port, address: local.address }
        : { url: hubUrl, isLocal: false, isShared: false, port: null, address: null },
      person: { personId: session.personId, displayName: session.displayName, email: session.email },
      workspaces: session.workspaces,
      activeWorkspaceId: firstWorkspace,
    });
    if (!local && this.localHub) {
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
    this.forgetPresence();
    const token = this.ports.secrets.load();
    const hubUrl = this.hubUrl();
    const file = this.replicaFile();
    const person = this.config.person;
    if (!token || !hubUrl || !file || !person) return;
    if (!this.replica || this.replica.file !== file) {
      this.lists?.close();
      this.lists = null;
      this.replica?.close();
      // Named by the address this app connects to: the local hub's public address may change with its sharing, the replica need not.
      this.replica = Replica.open(file, { hubUrl, personId: person.personId }, this.ports.migrations?.replica);
      if (this.replica.rebuiltBecause) this.ports.logger.warn({ reason: this.replica.rebuiltBecause }, 'local replica rebuilt from the hub');
      this.lists = ReplicaQueries.open(this.replica.file);
    }
    this.saveConfig({ ...this.config, activeWorkspaceId: workspaceId });
    const sync: SyncClient = new SyncClient({
      hubUrl,
      token,
      workspaceId,
      replica: this.replica,
      // Only the open workspace's client speaks for the app: one already replaced (another workspace opened) must not move the chip.
      onEvent: (event) => {
        if (this.sync !== sync) return;
        // The sync client does not wait for its listener; a session read from the local hub's store makes this one asynchronous, so its failure is logged here.
        void this.onSync(workspaceId, event).catch((error: unknown) =>
          this.ports.logger.error({ event: event.type, reason: error instanceof Error ? error.message : String(error) }, 'could not act on a sync event'),
        );
      },
      logger: this.ports.logger,
      ...(this.ports.syncBackoff ? { backoff: this.ports.syncBackoff } : {}),
    });
    this.sync = sync;
    sync.start();
  }

  private closeWorkspace(): void {
    this.sync?.stop();
    this.sync = null;
    this.lists?.close();
    this.lists = null;
    this.replica?.close();
    this.replica = null;
    this.forgetPresence();
  }

  private forgetPresence(): void {
    this.presence.clear();
    this.isPresenceHeard = false;
  }

  /** Issue 13.1: each time the hub is reached, ask whether a scheduled access review is due (the hub's stored UTC date decides); notified once per due date. */
  private remindOfDueReview(workspaceId: string): void {
    const membership = this.config.workspaces.find((each) => each.workspaceId === workspaceId);
    if (!membership) return;
    void remindIfReviewDue((type, body) => this.hubRequest(type, body), this.reviewReminders, membership, (message, facts) =>
      this.ports.logger.warn(facts ?? {}, message),
    );
  }

  private async onSync(workspaceId: string, event: SyncEvent): Promise<void> {
    const changed = this.lists?.afterSync(workspaceId, event);
    if (changed) this.emit('lists.changed', changed);
    switch (event.type) {
      case 'connection':
        this.emit('connection.changed', event.state);
        // Until the next presence list, nobody counts as online; what was heard stays, to compare that list with.
        if (event.state.status !== 'online') this.isPresenceHeard = false;
        else this.remindOfDueReview(workspaceId);
        return;
      case 'snapshot': {
        // Taken on subscribing (presence not yet heard): its rows are now what is known of everyone's presence.
        if (!this.isPresenceHeard) this.presence.clear();
        // Only the workspace's own row: the lists are read by windows (lists.changed, above, told them to refetch), and
        // reading the whole view back here cost 0.6 s at 100,000 members for a payload the window never read.
        const state = this.replica?.state(workspaceId);
        if (state) this.emit('workspace.snapshot', { workspaceId, seq: state.seq, syncedAt: state.syncedAt, unreadable: this.sync?.unreadableCounts ?? NO_UNREADABLE });
        return;
      }
      case 'changes':
        this.emit('workspace.changes', { seq: event.seq, changes: event.changes });
        return;
      case 'presence': {
        // Only what moved crosses to the windows: a catch-up's list names every member, most as they were.
        const moved = event.presence.filter((each) => this.hasPresenceMoved(each));
        if (this.isPresenceHeard) this.notifyPresence(moved);
        for (const each of moved) this.presence.set(each.memberId, each);
        this.isPresenceHeard = true;
        if (moved.length > 0) this.emit('presence.changed', moved);
        return;
      }
      case 'revoked':
        await this.leaveRevokedWorkspace(workspaceId, event.reason === 'access_ended' ? { accessUntil: event.accessUntil } : null);
        return;
      case 'access_ending':
        this.notifyAccessEnding(workspaceId, event.notices);
        return;
      case 'progress':
        this.emit('sync.progress', event.progress);
        return;
      case 'unreadable':
        this.emit('workspace.unreadable', event.counts);
        return;
      case 'session_ended':
        // The hub no longer knows this session: back to sign-in, saying why. The replica stays for the same person's next sign-in.
        this.leftBecause = event.reason;
        this.closeWorkspace();
        this.ports.secrets.clear();
        await this.emitSession();
        return;
    }
  }

  /**
   * The sync client has wiped the workspace from the replica. The person
   * goes on in another workspace of theirs, or back to sign-in when none is
   * left, told which workspace they lost either way.
   */
  private async leaveRevokedWorkspace(workspaceId: string, ended: { accessUntil: number | null } | null): Promise<void> {
    const name = this.workspaceNameOf(workspaceId);
    // Issue 13.2: access that ended by itself says so, and when, in this person's time zone.
    const message = ended ? accessEndedMessage(name, ended.accessUntil, Date.now()) : `Your access to ${name} was revoked.`;
    const remaining = this.config.workspaces.filter((each) => each.workspaceId !== workspaceId);
    this.sync?.stop();
    this.sync = null;
    this.ports.notify(ended ? 'Access ended' : 'Access revoked', message);
    this.leftBecause = message;
    this.saveConfig({ ...this.config, workspaces: remaining, activeWorkspaceId: remaining[0]?.workspaceId ?? null });
    if (remaining[0]) {
      this.openWorkspace(remaining[0].workspaceId);
      await this.emitSession();
      return;
    }
    void this.signOut(message);
  }

  private workspaceNameOf(workspaceId: string): string {
    return this.config.workspaces.find((each) => each.workspaceId === workspaceId)?.workspaceName ?? 'this workspace';
  }

  /** Issue 13.2: the hub's warning that access ends soon, as a system notification per member it names. */
  private notifyAccessEnding(workspaceId: string, notices: readonly AccessEndingNotice[]): void {
    for (const notification of accessEndingNotifications(notices, this.workspaceNameOf(workspaceId), Date.now())) {
      this.ports.notify(notification.title, notification.body);
    }
  }

  /** Whether this differs from what the core last heard of the member (nothing heard: it does). */
  private hasPresenceMoved(update: Presence): boolean {
    const known = this.presence.get(update.memberId);
    return known === undefined || known.isOnline !== update.isOnline || known.lastSeenAt !== update.lastSeenAt;
  }

  /**
   * Called for the presence that moved, once the first presence list of the
   * connection is in (nothing known before it: that list notifies nobody), so
   * it reads only the members it names, not the whole workspace.
   */
  private notifyPresence(updates: Presence[]): void {
    const workspaceId = this.config.activeWorkspaceId;
    if (!workspaceId || !this.replica || updates.length === 0) return;
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

  private async emitSession(): Promise<SessionState> {
    const state = await this.sessionState();
    this.emit('session.changed', state);
    return state;
  }

  private emit<E extends ApiEventName>(name: E, payload: ApiEventPayload<E>): void {
    const event = { name, payload } as ApiEvent;
    for (const listener of this.listeners) listener(event);
  }
}
