// Issue 14.2: what hub instances sharing one PostgreSQL tell each other, on
// which LISTEN/NOTIFY channel, and how a payload is read. The change and
// session channels are sent by triggers (hub/store/pg/migrations), the
// others by the instances (cluster-publisher.ts). Every payload names its
// origin, the sending connection's application_name, so an instance skips
// what it sent itself. A payload that does not parse is logged and dropped
// by the listener: it cannot come from this version of the hub.
import { z } from 'zod';
import { accessEndingMessageSchema } from '../../shared/protocol';

export const CLUSTER_CHANNELS = {
  /** A workspace committed up to a seq (trigger on workspaces.seq). */
  changes: 'gatehouse_changes',
  /** Sessions whose rows were deleted (trigger on sessions). */
  sessionsEnded: 'gatehouse_sessions_ended',
  /** Socket messages for members wherever they are connected (issue 13.2's access_ending). */
  memberMessages: 'gatehouse_member_messages',
  /** A member came online or went offline somewhere in the cluster (presence-leases.ts). */
  presence: 'gatehouse_presence',
} as const;

export type ClusterChannel = (typeof CLUSTER_CHANNELS)[keyof typeof CLUSTER_CHANNELS];

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7_999;

const committedChange = z.object({ workspaceId: z.string(), seq: z.number().int().nonnegative(), origin: z.string() });
const sessionsEnded = z.object({ sessionHashes: z.array(z.string()), origin: z.string() });
const memberMessage = z.object({
  origin: z.string(),
  workspaceId: z.string(),
  memberIds: z.array(z.string()),
  message: accessEndingMessageSchema,
});
const presenceMove = z.object({
  origin: z.string(),
  workspaceId: z.string(),
  memberId: z.string(),
  isOnline: z.boolean(),
  lastSeenAt: z.number().nullable(),
});

export type CommittedChange = z.infer<typeof committedChange>;
export type SessionsEnded = z.infer<typeof sessionsEnded>;
export type MemberMessage = z.infer<typeof memberMessage>;
export type PresenceMove = z.infer<typeof presenceMove>;

export const CLUSTER_PAYLOADS = {
  [CLUSTER_CHANNELS.changes]: committedChange,
  [CLUSTER_CHANNELS.sessionsEnded]: sessionsEnded,
  [CLUSTER_CHANNELS.memberMessages]: memberMessage,
  [CLUSTER_CHANNELS.presence]: presenceMove,
} as const;

export interface ClusterPayloads {
  gatehouse_changes: CommittedChange;
  gatehouse_sessions_ended: SessionsEnded;
  gatehouse_member_messages: MemberMessage;
  gatehouse_presence: PresenceMove;
}

/** The payload read by its channel's shape, or an error saying why it is not one. */
export function parsePayload<C extends ClusterChannel>(channel: C, payload: string): ClusterPayloads[C] {
  return CLUSTER_PAYLOADS[channel].parse(JSON.parse(payload)) as ClusterPayloads[C];
}
