// What a revoked member's desktop is told, on the socket that closes and at
// its next connection: an admin revoked them, or (issue 13.2) their access
// reached its end date, which the hub remembers per person and workspace.
import type { RevokedMessage } from '../../shared/protocol';
import type { HubStore } from '../store/hub-store';

export const REVOKED_TEXT = 'Your access to this workspace was revoked.';
export const ACCESS_ENDED_TEXT = 'Your access to this workspace has ended: it reached the end date set when it was given. Ask an Owner or Manager if you still need it.';

/** An admin's revoke, or any end whose reason could not be read. */
export function plainRevokedMessage(): RevokedMessage {
  return { type: 'revoked', message: REVOKED_TEXT, reason: 'revoked', accessUntil: null };
}

export async function revokedMessageFor(store: HubStore, workspaceId: string, personId: string): Promise<RevokedMessage> {
  const ended = await store.members.endedAccessOf(workspaceId, personId);
  if (!ended) return plainRevokedMessage();
  return { type: 'revoked', message: ACCESS_ENDED_TEXT, reason: 'access_ended', accessUntil: ended.accessUntil };
}
