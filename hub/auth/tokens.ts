// Secrets handed out by the hub (session and invitation tokens): 256 random
// bits, and only their SHA-256 is ever stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newId(): string {
  return randomUUID();
}
