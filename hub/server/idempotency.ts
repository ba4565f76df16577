// Idempotency keys (mutationId) bound to the member who sent them and to a
// fingerprint of the request: a resend of the same request is answered with
// the first reply and applied once; the same key with another request is
// refused, never answered with someone else's result. Reads (exports
// included) are never recorded, so never replayed.
import type { MutationRequest } from '../../shared/protocol';
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';
import { requestFingerprint } from './request-fingerprint';
import { replayStoredReply, toStoredReply } from './stored-reply';

export interface IdempotencyKey {
  personId: string;
  memberId: string;
  workspaceId: string;
  mutationId: string;
  fingerprint: string;
}

export function idempotencyKeyOf(
  request: MutationRequest,
  sender: { personId: string; memberId: string; workspaceId: string },
): IdempotencyKey {
  return { ...sender, mutationId: request.mutationId, fingerprint: requestFingerprint(request) };
}

function reusedKey(): HubFailure {
  return new HubFailure(
    'idempotency_key_reused',
    'This change carries the identifier of an earlier, different change, so it was not applied. Send it again as a new change.',
  );
}

/**
 * The reply to answer again when this key was already applied, or undefined
 * when it is new. Keys stored before fingerprints existed (empty fingerprint)
 * are honoured for a resend in the same workspace until they expire.
 */
export async function replayOf(store: HubStore, key: IdempotencyKey): Promise<unknown> {
  const applied = await store.changes.appliedMutation(key.personId, key.mutationId);
  if (!applied) return undefined;
  const isLegacy = applied.fingerprint === '';
  const isSameRequest = isLegacy
    ? applied.workspaceId === key.workspaceId
    : applied.memberId === key.memberId && applied.fingerprint === key.fingerprint;
  if (!isSameRequest) throw reusedKey();
  return replayStoredReply(store, applied.reply);
}

export async function recordApplied(store: HubStore, key: IdempotencyKey, reply: unknown, at: number): Promise<void> {
  await store.changes.recordMutation({
    personId: key.personId,
    mutationId: key.mutationId,
    workspaceId: key.workspaceId,
    memberId: key.memberId,
    fingerprint: key.fingerprint,
    reply: toStoredReply(reply),
    createdAt: at,
  });
}

export async function updateAppliedReply(store: HubStore, key: IdempotencyKey, reply: unknown): Promise<void> {
  await store.changes.updateMutationReply(key.personId, key.mutationId, toStoredReply(reply));
}
