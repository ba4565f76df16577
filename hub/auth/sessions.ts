// Sessions: a bearer token per sign-in, kept only as its hash.
import type { SignInResponse } from '../../shared/protocol';
import type { HubStore } from '../store/hub-store';
import type { PersonRow } from '../store/repos/people';
import { hashToken, newSecretToken } from './tokens';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** `secondStepAt`: when the sign-in passed the second step (issue 13.5); left out, it did not. */
export async function createSession(
  store: HubStore,
  person: PersonRow,
  now: number,
  ttlMs: number = SESSION_TTL_MS,
  secondStepAt: number | null = null,
): Promise<SignInResponse> {
  const token = newSecretToken();
  await store.sessions.insert({ tokenHash: hashToken(token), personId: person.id, createdAt: now, expiresAt: now + ttlMs, secondStepAt });
  return {
    token,
    personId: person.id,
    displayName: person.displayName,
    email: person.email,
    workspaces: await store.members.membershipsOf(person.id),
  };
}

/** The person a bearer token signs in, or null when it is unknown or expired. */
export async function personForToken(store: HubStore, token: string, now: number): Promise<PersonRow | null> {
  return (await sessionForToken(store, token, now))?.person ?? null;
}

/** The live session of a bearer token and its person, or null. */
export async function sessionForToken(store: HubStore, token: string, now: number): Promise<{ sessionHash: string; person: PersonRow } | null> {
  const sessionHash = hashToken(token);
  const session = await store.sessions.valid(sessionHash, now);
  const person = session ? await store.people.byId(session.personId) : undefined;
  return person ? { sessionHash, person } : null;
}

/**
 * What an Authorization header holds: nothing, a token of the shape the hub
 * issues, or something else (another scheme, wrong characters or length), so
 * "sign in first" and "that token is not valid" can be told apart.
 */
export type BearerCredential = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'token'; token: string };

/** Why a request without a usable session is refused (401 unauthorized), in the words a person reads. */
export const UNAUTHORIZED_MESSAGES = {
  missing: 'Sign in first.',
  malformed: 'The sign-in token is not valid; sign in again.',
  ended: 'The session has ended; sign in again.',
} as const;

/** The scheme is read without case (RFC 9110); the token holds base64url characters only. */
const BEARER = /^Bearer +([A-Za-z0-9_-]{20,200})$/i;

export function bearerCredential(header: string | undefined): BearerCredential {
  if (header === undefined || header.trim() === '') return { kind: 'missing' };
  const token = BEARER.exec(header.trim())?.[1];
  return token === undefined ? { kind: 'malformed' } : { kind: 'token', token };
}

/** The bearer token of a header, or null when it is missing or malformed. */
export function bearerToken(header: string | undefined): string | null {
  const credential = bearerCredential(header);
  return credential.kind === 'token' ? credential.token : null;
}
