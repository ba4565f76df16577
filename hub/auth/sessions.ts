// Sessions: a bearer token per sign-in, kept only as its hash.
import type { SignInResponse } from '../../shared/protocol';
import type { HubStore } from '../store/hub-store';
import type { PersonRow } from '../store/repos/people';
import { hashToken, newSecretToken } from './tokens';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function createSession(store: HubStore, person: PersonRow, now: number, ttlMs: number = SESSION_TTL_MS): SignInResponse {
  const token = newSecretToken();
  store.sessions.insert({ tokenHash: hashToken(token), personId: person.id, createdAt: now, expiresAt: now + ttlMs });
  return {
    token,
    personId: person.id,
    displayName: person.displayName,
    email: person.email,
    workspaces: store.members.membershipsOf(person.id),
  };
}

/** The person a bearer token signs in, or null when it is unknown or expired. */
export function personForToken(store: HubStore, token: string, now: number): PersonRow | null {
  return sessionForToken(store, token, now)?.person ?? null;
}

/** The live session of a bearer token and its person, or null. */
export function sessionForToken(store: HubStore, token: string, now: number): { sessionHash: string; person: PersonRow } | null {
  const sessionHash = hashToken(token);
  const session = store.sessions.valid(sessionHash, now);
  const person = session ? store.people.byId(session.personId) : undefined;
  return person ? { sessionHash, person } : null;
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  return match?.[1] ?? null;
}
