// Parses a request body with its shared schema; a bad one is refused as invalid_message.
import type { IncomingMessage } from 'node:http';
import type { SchemaIssue } from '../../domain/field-words';
import { issueInWords } from '../../domain/field-words';
import { HubFailure } from '../../domain/hub-failure';
import { bearerCredential, personForToken, UNAUTHORIZED_MESSAGES } from '../../auth/sessions';
import type { HttpRouteDeps } from './route-deps';

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: SchemaIssue[] } };
}

export function parse<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HubFailure('invalid_message', issueInWords(result.error.issues[0], 'The request is not valid.'));
  return result.data;
}

/** The signed-in person behind the request's bearer token, or unauthorized (saying which of the three it is). */
export async function requirePerson(deps: HttpRouteDeps, request: IncomingMessage) {
  const credential = bearerCredential(request.headers.authorization);
  if (credential.kind !== 'token') throw new HubFailure('unauthorized', UNAUTHORIZED_MESSAGES[credential.kind]);
  const person = await personForToken(deps.store, credential.token, deps.now());
  if (!person) throw new HubFailure('unauthorized', UNAUTHORIZED_MESSAGES.ended);
  return { token: credential.token, person };
}
