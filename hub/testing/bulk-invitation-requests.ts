// Bulk invitations from a raw test client: a list of 1,000 rows, or one whose
// every row is mailed, takes longer than the client's usual wait for a reply.
import { randomUUID } from 'node:crypto';
import type { ServerMessageOf } from '../../shared/protocol';
import type { BulkInvitationRowInput } from '../../shared/protocol/bulk-invitations';
import type { TestClient } from './test-client';

const LONG_WAIT_MS = 60_000;

/** Sends a bulk request and resolves with its reply (ok or not), however long the hub takes. */
export async function sendBulkRequest(
  client: TestClient,
  type: 'members.bulk_invite' | 'members.bulk_invite_preview',
  rows: readonly BulkInvitationRowInput[],
  mutationId: string | null = type === 'members.bulk_invite' ? randomUUID() : null,
): Promise<ServerMessageOf<'reply'>> {
  const id = `bulk-${randomUUID()}`;
  const reply = client.waitFor('reply', (message) => message.id === id, LONG_WAIT_MS);
  client.sendRaw(JSON.stringify({ id, type, rows, ...(mutationId === null ? {} : { mutationId }) }));
  return reply;
}
