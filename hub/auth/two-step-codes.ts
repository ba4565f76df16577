// Issue 13.5: the codes of the second step. Authenticator codes are TOTP
// (RFC 6238: SHA-1, 6 digits, 30-second steps, as every authenticator app
// expects) through otplib, accepted one step either side of the hub's clock;
// recovery codes are random, shown once and kept only as their SHA-256 (they
// carry 50 random bits, and every try is counted by the PasswordGuard).
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { RECOVERY_CODE_COUNT } from '../../shared/protocol';

const PERIOD_SECONDS = 30;
/** One step before and after the hub's clock: a phone's clock a little off, or a code typed as it changed. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;
const ISSUER = 'Gatehouse';

export function newAuthenticatorSecret(): string {
  return generateSecret();
}

export function otpauthUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/** The time step a code belongs to, when it is right within ±1 step of `now`; null when it is not. */
export function matchingStep(secret: string, code: string, now: number): number | null {
  const result = verifySync({ secret, token: code, epoch: Math.floor(now / 1000), epochTolerance: TOLERANCE_SECONDS });
  // The functional API answers for HOTP and TOTP alike; only a TOTP answer has the step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The step `now` falls in (for tests and for computing a code). */
export function stepAt(now: number): number {
  return Math.floor(now / 1000 / PERIOD_SECONDS);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten codes of ten base32 letters (50 bits each), shown as "abcde-fghij". */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const letters = Array.from({ length: 10 }, () => BASE32[randomInt(BASE32.length)]).join('');
    return `${letters.slice(0, 5)}-${letters.slice(5)}`;
  });
}

/** The stored form of a recovery code, from what was typed once spaces and hyphens are dropped and letters lower-cased. */
export function recoveryCodeHash(normalizedCode: string): string {
  return createHash('sha256').update(`gatehouse-recovery:${normalizedCode}`).digest('hex');
}
