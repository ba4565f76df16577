// Issue 14.2: what an instance itself tells the others (changes and ended
// sessions are told by the commits' triggers instead). A NOTIFY on a pooled
// connection, outside any transaction: it reaches every listener at once.
import type pg from 'pg';
import type { MemberMessage, PresenceMove } from './cluster-messages';
import { CLUSTER_CHANNELS, MAX_NOTIFY_PAYLOAD_BYTES } from './cluster-messages';

/** Cuts `memberIds` into groups whose payloads each fit one NOTIFY. */
export function memberMessagePayloads(origin: string, workspaceId: string, memberIds: readonly string[], message: MemberMessage['message']): string[] {
  const payloadOf = (ids: string[]): string => JSON.stringify({ origin, workspaceId, memberIds: ids, message } satisfies MemberMessage);
  const emptySize = Buffer.byteLength(payloadOf([]));
  const payloads: string[] = [];
  let group: string[] = [];
  let size = emptySize;
  for (const memberId of memberIds) {
    // Its JSON string and the comma before it.
    const added = Buffer.byteLength(JSON.stringify(memberId)) + 1;
    if (group.length > 0 && size + added > MAX_NOTIFY_PAYLOAD_BYTES) {
      payloads.push(payloadOf(group));
      group = [];
      size = emptySize;
    }
    group.push(memberId);
    size += added;
  }
  if (group.length > 0) payloads.push(payloadOf(group));
  const tooLarge = payloads.find((payload) => Buffer.byteLength(payload) > MAX_NOTIFY_PAYLOAD_BYTES);
  if (tooLarge) throw new Error(`A message for one member is ${Buffer.byteLength(tooLarge)} bytes, more than a NOTIFY carries`);
  return payloads;
}

export class ClusterPublisher {
  constructor(
    private readonly pool: pg.Pool,
    private readonly instanceName: string,
  ) {}

  /** Sends an `access_ending` to these members' sockets on the other instances. */
  async sendToMembers(workspaceId: string, memberIds: readonly string[], message: MemberMessage['message']): Promise<void> {
    for (const payload of memberMessagePayloads(this.instanceName, workspaceId, memberIds, message)) await this.notify(CLUSTER_CHANNELS.memberMessages, payload);
  }

  async presenceMoved(move: Omit<PresenceMove, 'origin'>): Promise<void> {
    await this.notify(CLUSTER_CHANNELS.presence, JSON.stringify({ ...move, origin: this.instanceName } satisfies PresenceMove));
  }

  private async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }
}
