// What a request handler works with: the store, the acting member (read fresh
// inside the transaction), the clock, and the recorders for changes, audit and
// mail to send once the transaction has committed.
import type { Action } from '../../shared/policy';
import { decide } from '../../shared/policy';
import type { HubStore } from '../store/hub-store';
import type { WorkspaceRow } from '../store/repos/workspaces';
import { AuditWriter } from './audit-writer';
import { ChangeRecorder } from './change-recorder';
import { HubFailure, notFound } from './hub-failure';
import type { IsOnline } from './projection';
import type { Viewer } from './viewer';

export interface InvitationEmail {
  to: string;
  inviteUrl: string;
  workspaceName: string;
  organizationName: string;
  invitedByName: string;
  level: string;
  expiresAt: number;
}

/**
 * The hub's settings as a request sees them. Read when the request runs, not
 * copied at start: the person who runs the hub may change the public address
 * or the mail server while it runs (hub/server/hub-settings-source.ts).
 */
export interface HubSettings {
  /** Where people reach the hub's pages, for invitation links. */
  readonly publicUrl: string;
  readonly invitationTtlMs: number;
  /** Whether the hub mails invitation links (SMTP is configured). */
  readonly isMailConfigured: boolean;
}

export interface MutationContext {
  store: HubStore;
  viewer: Viewer;
  workspace: WorkspaceRow;
  now: number;
  settings: HubSettings;
  changes: ChangeRecorder;
  audit: AuditWriter;
  outbox: InvitationEmail[];
  isOnline: IsOnline;
  /** Issue 13.2: set when a request stored an end date or the warning days, so the hub re-arms its due-work timer. */
  accessEndsChanged: boolean;
}

/** `store` is the request's transaction store: everything the handler reads and writes goes through it. */
export async function createMutationContext(
  store: HubStore,
  viewer: Viewer,
  settings: HubSettings,
  now: number,
  isOnline: IsOnline,
): Promise<MutationContext> {
  const workspace = await store.workspaces.byId(viewer.member.workspaceId);
  if (!workspace) throw notFound('The workspace');
  return {
    store,
    viewer,
    workspace,
    now,
    settings,
    changes: new ChangeRecorder(store),
    audit: new AuditWriter(store, workspace.id, viewer.member, now),
    outbox: [],
    isOnline,
    accessEndsChanged: false,
  };
}

/**
 * Runs `work` in a savepoint of the request's transaction (a refusal rolls
 * back that part only), with a context whose store, changes and audit all go
 * through the savepoint's own store. The outbox is the request's; the flag
 * for re-arming the due-work timer carries over once the part has landed.
 */
export function inSavepoint<T>(context: MutationContext, work: (inner: MutationContext) => Promise<T>): Promise<T> {
  return context.store.transaction(async (tx) => {
    const inner: MutationContext = { ...context, store: tx, changes: context.changes.using(tx), audit: context.audit.using(tx) };
    const result = await work(inner);
    if (inner.accessEndsChanged) context.accessEndsChanged = true;
    return result;
  });
}

/** Asks the shared policy; a denial becomes the hub's refusal with its rule. */
export function ensureAllowed(context: MutationContext, action: Action): void {
  const decision = decide(context.viewer.actor, action);
  if (!decision.allowed) throw HubFailure.denied(decision);
}
