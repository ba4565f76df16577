// Password hashing with argon2id (OWASP's recommended parameters). Verifying
// lives in the PasswordGuard alone, so no path can check a password without
// passing its limits first.
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}
