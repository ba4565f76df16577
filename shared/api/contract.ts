// The typed contract between the renderer and the desktop core: every call
// with its input and output schemas, and every event the core pushes. Both
// transports (Electron IPC and the web console's socket) serve this table
// through the same handlers.
import { z } from 'zod';
import { AUDIT_ACTIONS, displayNameSchema, emailSchema, idSchema, passwordSchema, planSchema, timestampSchema } from '../domain/schemas';
import type { ClientRequestType } from '../protocol/requests';
import { clientRequestSchema } from '../protocol/requests';
import { presenceSchema, requestResultSchemas, secondStepCodeSchema, workspaceChangesSchema } from '../protocol';
import { ACCOUNT_CONTRACT } from './account-contract';
import { BULK_INVITATIONS_CONTRACT, bulkInvitationProgressSchema } from './bulk-invitations-contract';
import { HUB_SETTINGS_CONTRACT } from './hub-settings-contract';
import { LIST_QUERIES_CONTRACT, listsChangedSchema } from './list-queries-contract';
import { SHARING_CONTRACT } from './sharing-contract';
import { syncProgressSchema } from './sync-progress';
import { acceptInvitationInputSchema, invitationPreviewViewSchema, MY_INVITATIONS_CONTRACT } from './my-invitations-contract';
import { appInfoSchema, connectionStateSchema, hubUrlSchema, sessionStateSchema, unreadableCountsSchema, workspaceViewSchema } from './session-schemas';

export * from './session-schemas';
export * from './account-contract';
export * from './my-invitations-contract';
export * from './sharing-contract';
export * from './hub-settings-contract';
export * from './list-queries-contract';
export * from './sync-progress';
export * from './bulk-invitations-contract';
import type { ApiEventName, ApiMethodName, HubMethodName, HubRequestType, LocalMethodName } from './methods';
import { HUB_REQUEST_TYPES } from './methods';

export const startLocalWorkspaceInputSchema = z.strictObject({
  organizationName: displayNameSchema,
  workspaceName: displayNameSchema,
  plan: planSchema,
  ownerName: displayNameSchema,
  ownerEmail: emailSchema,
  password: passwordSchema,
  /** Listen on the local network too, so other desktops can connect. */
  isShared: z.boolean(),
  /** When shared: the address of this computer that others reach and links name (see sharing-contract.ts). */
  address: z.string().trim().min(1).max(100).nullable(),
});

export const exportResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), filePath: z.string(), rowCount: z.number().int() }),
  z.object({ status: z.literal('download'), url: z.string(), fileName: z.string(), rowCount: z.number().int() }),
  z.object({ status: z.literal('cancelled') }),
]);
export type ExportResult = z.infer<typeof exportResultSchema>;

/** Whether the system knows this IANA time zone (the renderer's own, as Intl resolves it). */
function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * X1: "Export CSV" of the audit log: the filters as `audit.list` takes them
 * (null: any; `from` inclusive and `to` exclusive, epoch ms UTC), and the
 * person's time zone, in which the file shows each time beside UTC.
 */
export const auditCsvInputSchema = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).nullable(),
  memberId: idSchema.nullable(),
  actorMemberId: idSchema.nullable(),
  from: timestampSchema.nullable(),
  to: timestampSchema.nullable(),
  timeZone: z.string().min(1).max(100).refine(isKnownTimeZone, 'This computer’s time zone is not one Gatehouse knows.'),
});
export type AuditCsvInput = z.infer<typeof auditCsvInputSchema>;

const empty = z.object({});

/** Where the log files are; `isOpened` when the system's file manager showed the folder (else the path is for the person to open). */
export const shownFolderSchema = z.object({ path: z.string(), isOpened: z.boolean() });
export type ShownFolder = z.infer<typeof shownFolderSchema>;

const LOCAL_CONTRACT = {
  'app.getInfo': { input: z.undefined(), output: appInfoSchema },
  'session.getState': { input: z.undefined(), output: sessionStateSchema },
  'setup.startLocalWorkspace': { input: startLocalWorkspaceInputSchema, output: sessionStateSchema },
  'session.signIn': {
    input: z.strictObject({ hubUrl: hubUrlSchema, email: emailSchema, password: z.string().min(1, 'Enter your password').max(200) }),
    output: sessionStateSchema,
  },
  /** Issue 13.5: the code (or a recovery code) after a password the hub answered with second_step_required. */
  'session.completeSecondStep': { input: z.strictObject({ code: secondStepCodeSchema }), output: sessionStateSchema },
  'session.signOut': { input: z.undefined(), output: sessionStateSchema },
  'session.selectWorkspace': { input: z.strictObject({ workspaceId: idSchema }), output: sessionStateSchema },
  'invitation.preview': { input: z.strictObject({ hubUrl: hubUrlSchema, token: z.string().min(20).max(200) }), output: invitationPreviewViewSchema },
  'invitation.accept': { input: acceptInvitationInputSchema, output: sessionStateSchema },
  'workspace.get': { input: z.undefined(), output: workspaceViewSchema.nullable() },
  'members.exportCsv': { input: z.undefined(), output: exportResultSchema },
  'links.openExternal': { input: z.strictObject({ url: z.url({ protocol: /^https?$/ }) }), output: empty },
  /** "Reconnect now": skip the rest of the wait before the next attempt to reach the hub. */
  'connection.reconnect': { input: z.undefined(), output: empty },
  /** "Show logs": the folder of the log files, opened in the file manager where there is one. */
  'app.showLogs': { input: z.undefined(), output: shownFolderSchema },
  ...ACCOUNT_CONTRACT,
  ...MY_INVITATIONS_CONTRACT,
  ...SHARING_CONTRACT,
  ...HUB_SETTINGS_CONTRACT,
  ...LIST_QUERIES_CONTRACT,
  ...BULK_INVITATIONS_CONTRACT,
  /** X1/D3: the audit log, as filtered, to a CSV file chosen in the save-as dialog; the hub checks and records it first. */
  'audit.exportCsv': { input: auditCsvInputSchema, output: exportResultSchema },
} as const satisfies Record<LocalMethodName, { input: z.ZodType; output: z.ZodType }>;

/**
 * A hub request as the renderer sends it: without id or mutationId, which the
 * core adds. Its input shape, so a field with a default may be left out (an
 * invitation without an end date leaves `accessUntil` out, issue 13.2).
 */
export type HubInput<T extends HubRequestType> = Omit<Extract<z.input<typeof clientRequestSchema>, { type: T }>, 'id' | 'type' | 'mutationId'>;

type HubContract = {
  [T in HubRequestType as `hub.${T}`]: { input: z.ZodType<HubInput<T>, unknown>; output: (typeof requestResultSchemas)[T] };
};

function hubEntry(type: HubRequestType) {
  const option = clientRequestSchema.options.find((candidate) => candidate.shape.type.value === type);
  if (!option) throw new Error(`No protocol schema for ${type}`);
  const mask: Record<string, true> = { id: true, type: true };
  if ('mutationId' in option.shape) mask['mutationId'] = true;
  const shape = option as unknown as z.ZodObject<z.ZodRawShape>;
  return { input: shape.omit(mask), output: requestResultSchemas[type] };
}

const HUB_CONTRACT = Object.fromEntries(HUB_REQUEST_TYPES.map((type) => [`hub.${type}`, hubEntry(type)])) as unknown as HubContract;

export const apiContract = { ...LOCAL_CONTRACT, ...HUB_CONTRACT };
export type ApiContract = typeof LOCAL_CONTRACT & HubContract;

export type ApiInput<M extends ApiMethodName> = z.input<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethodName> = z.output<ApiContract[M]['output']>;
export type ApiParsedInput<M extends ApiMethodName> = z.output<ApiContract[M]['input']>;

/** A failed call as the renderer sees it: a stable code, a sentence, and for a policy refusal its rule. */
export const apiErrorSchema = z.object({ code: z.string(), message: z.string(), rule: z.string().optional(), current: z.unknown().optional() });
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * A snapshot is in the replica and its lists answer: which workspace, at what
 * sequence, when, and what it could not read. The lists themselves come from
 * the windowed queries (`lists.changed` says to refetch them); `workspace.get`
 * still gives the whole view to whoever needs it.
 */
export const workspaceSnapshotEventSchema = z.object({
  workspaceId: z.string(),
  seq: z.number().int().nonnegative(),
  /** When the replica last heard from the hub (D1: shown while offline). */
  syncedAt: z.number().nullable(),
  /** What the snapshot held that this version could not read, left out of the replica. */
  unreadable: unreadableCountsSchema,
});
export type WorkspaceSnapshotEvent = z.infer<typeof workspaceSnapshotEventSchema>;

/** The events the core pushes to the renderer, each with its payload schema. */
export const apiEventSchemas = {
  'session.changed': sessionStateSchema,
  'connection.changed': connectionStateSchema,
  'workspace.snapshot': workspaceSnapshotEventSchema,
  'workspace.changes': z.object({ seq: z.number().int(), changes: workspaceChangesSchema }),
  /** Records the hub sent that this version could not read, left out of the view (all zero once it reads everything again). */
  'workspace.unreadable': unreadableCountsSchema,
  /**
   * Members whose online state or last seen differs from what the core last
   * heard (nothing, for a member not heard of since the connection's snapshot);
   * not sent when nothing moved, so a catch-up's list of every member does not cross whole.
   */
  'presence.changed': z.array(presenceSchema),
  'export.progress': z.object({ written: z.number().int(), total: z.number().int() }),
  /** A gatehouse://invite link was opened: show the accept screen for it. */
  'invitation.opened': z.object({ hubUrl: z.string(), token: z.string() }),
  /** A list the window shows changed in the replica: refetch the visible rows (list-queries-contract.ts). */
  'lists.changed': listsChangedSchema,
  /** How far a streamed first sync has got (sync-progress.ts). */
  'sync.progress': syncProgressSchema,
  /** How far a bulk invitation has got: `done` of `total` rows decided and, where the hub mails, mailed. */
  'invitations.progress': bulkInvitationProgressSchema,
} as const satisfies Record<ApiEventName, z.ZodType>;

export type ApiEventPayload<E extends ApiEventName> = z.infer<(typeof apiEventSchemas)[E]>;
export type ApiEvent = { [E in ApiEventName]: { name: E; payload: ApiEventPayload<E> } }[ApiEventName];

/** What the preload puts on `window.gatehouse` (and what the web transport implements too). */
export interface GatehouseApi {
  call<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>>;
  /** Subscribes to pushed events; returns the function that unsubscribes. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** One implementation per method; both transports dispatch through the same table. */
export type ApiHandlers = { [M in ApiMethodName]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M> };

/** Type-level proof that the dependency-free name list and the protocol agree. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const namesMatchProtocol: Exact<HubRequestType, Exclude<ClientRequestType, 'subscribe' | 'activity'>> = true;
void namesMatchProtocol;
export type { HubMethodName };
