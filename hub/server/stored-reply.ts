// What the hub keeps of a reply so a resent mutation gets the same answer: only
// what a resend needs. Never a live invitation link (only its hash is stored)
// and never an avatar image: a member's avatar is read again from the person
// when the reply is replayed, so a flood of profile updates cannot fill the
// store with copies of images.
import type { HubStore } from '../store/hub-store';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toStoredReply(result: unknown): unknown {
  if (!isRecord(result)) return result;
  const stored: Record<string, unknown> = { ...result };
  if ('inviteUrl' in stored) stored.inviteUrl = null;
  // A bulk invitation's rows (members.bulk_invite) each carry a link.
  if (Array.isArray(stored.rows)) stored.rows = stored.rows.map((row: unknown) => (isRecord(row) && 'inviteUrl' in row ? { ...row, inviteUrl: null } : row));
  if (isRecord(stored.member) && 'avatarDataUrl' in stored.member) stored.member = { ...stored.member, avatarDataUrl: null };
  return stored;
}

/** The stored reply, with the member's avatar as the person has it now (null once the member is gone). */
export async function replayStoredReply(store: HubStore, stored: unknown): Promise<unknown> {
  if (!isRecord(stored) || !isRecord(stored.member) || typeof stored.member.id !== 'string') return stored;
  const avatarDataUrl = (await store.members.byId(stored.member.id))?.avatarDataUrl ?? null;
  return { ...stored, member: { ...stored.member, avatarDataUrl } };
}
