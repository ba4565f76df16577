// Every check of a password (signing in, changing it) goes through this one
// guard, which takes its point BEFORE the password is verified: a burst of
// guesses sent at once is counted as it arrives, so no more than the limit are
// ever verified, however many are in flight.
//
// Three counts, all kept in LimiterStorage (they survive a restart):
// - per account and address: a few attempts, then that pair is blocked, for
//   longer each time it is blocked again within a day (growing delays). An
//   attacker's address is shut out of the account without shutting its owner
//   out: the owner's own address has its own count.
// - per account: a higher hourly ceiling over all addresses together, so a
//   guesser spread over many addresses is stopped too (OWASP ASVS 2.2.1 asks
//   for at most 100 failures an hour; ours is lower). Only attempts that got
//   past their own pair's count are charged here, so one address cannot use up
//   the ceiling.
// - per address: one password tried against many accounts.
// A correct password gives back the points it took and clears its pair (and
// the pair's history of blocks), so only failures add up. An unknown email is
// counted, and a decoy hash verified, exactly like a known one.
import argon2 from 'argon2';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { HubFailure } from '../domain/hub-failure';
import type { LimiterStorage } from './limiter-storage';
import { hashPassword } from './passwords';

export interface PasswordLimits {
  /** Attempts on one account from one address before the pair is blocked. */
  attemptsPerAccountAndAddress: number;
  /** The window of that count, in seconds. */
  windowSeconds: number;
  /** How long a pair is first blocked; each further block within a day doubles it. */
  blockSeconds: number;
  maxBlockSeconds: number;
  /** Attempts on one account from all addresses together in an hour. */
  attemptsPerAccountPerHour: number;
  /** Attempts from one address on any account in an hour. */
  attemptsPerAddressPerHour: number;
}

export const DEFAULT_PASSWORD_LIMITS: PasswordLimits = {
  attemptsPerAccountAndAddress: 5,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
  maxBlockSeconds: 24 * 60 * 60,
  attemptsPerAccountPerHour: 50,
  attemptsPerAddressPerHour: 100,
};

export interface PasswordAttempt {
  /** The account the password is for: its email address, known or not. */
  account: string;
  /** Where the attempt comes from (see ClientAddressResolver). */
  address: string;
  /** The account's stored hash, or null for an unknown email (a decoy is verified instead). */
  passwordHash: string | null;
  password: string;
}

/** What was tried, for the sentence of a refusal ("Too many code attempts"). */
export type AttemptKind = 'password' | 'code';

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

export class PasswordGuard {
  /** How many passwords (and second-step codes) were actually verified (for tests and metrics). */
  verifications = 0;

  private constructor(
    private readonly limits: PasswordLimits,
    private readonly pair: RateLimiterAbstract,
    private readonly pairBlocks: RateLimiterAbstract,
    private readonly account: RateLimiterAbstract,
    private readonly address: RateLimiterAbstract,
  ) {}

  static async open(storage: LimiterStorage, limits: PasswordLimits = DEFAULT_PASSWORD_LIMITS): Promise<PasswordGuard> {
    const [pair, pairBlocks, account, address] = await Promise.all([
      storage.limiter({ keyPrefix: 'pw_pair', points: limits.attemptsPerAccountAndAddress, duration: limits.windowSeconds }),
      // Counts how often a pair was blocked in the last day; never refuses.
      storage.limiter({ keyPrefix: 'pw_pair_blocks', points: Number.MAX_SAFE_INTEGER, duration: DAY }),
      storage.limiter({ keyPrefix: 'pw_account', points: limits.attemptsPerAccountPerHour, duration: HOUR }),
      storage.limiter({ keyPrefix: 'pw_address', points: limits.attemptsPerAddressPerHour, duration: HOUR }),
    ]);
    return new PasswordGuard(limits, pair, pairBlocks, account, address);
  }

  /**
   * Verifies the password if the limits allow one more attempt, and says
   * whether it was right; throws rate_limited when they do not.
   */
  check(attempt: PasswordAttempt): Promise<boolean> {
    return this.attempt(attempt, () => verifyPassword(attempt.passwordHash, attempt.password), 'password');
  }

  /**
   * Any secret that signs a person in, counted like a password under the
   * same keys (the account's email, and the address): a code of the second
   * step (issue 13.5) shares these counts, so five wrong codes block the pair
   * as five wrong passwords would. `verify` runs only within the limits.
   */
  async attempt(attempt: { account: string; address: string }, verify: () => Promise<boolean> | boolean, what: AttemptKind): Promise<boolean> {
    const pairKey = `${attempt.account} ${attempt.address}`;
    const [pair, address] = await Promise.allSettled([this.pair.consume(pairKey), this.address.consume(attempt.address)]);
    if (pair.status === 'rejected') throw await this.pairRefused(pairKey, pair.reason, what);
    if (address.status === 'rejected') throw limited(limiterState(address.reason).msBeforeNext, what);
    try {
      await this.account.consume(attempt.account);
    } catch (refusal) {
      throw limited(limiterState(refusal).msBeforeNext, what);
    }

    this.verifications += 1;
    const isRight = await verify();
    if (isRight) {
      await Promise.all([
        this.pair.delete(pairKey),
        this.pairBlocks.delete(pairKey),
        this.account.reward(attempt.account),
        this.address.reward(attempt.address),
      ]);
    }
    return isRight;
  }

  /** The first refusal of a pair blocks it, for twice as long as the time before (within a day). */
  private async pairRefused(pairKey: string, refusal: unknown, what: AttemptKind): Promise<HubFailure> {
    const state = limiterState(refusal);
    if (state.consumedPoints !== this.limits.attemptsPerAccountAndAddress + 1) return limited(state.msBeforeNext, what);
    const blocksToday = (await this.pairBlocks.consume(pairKey)).consumedPoints;
    const seconds = Math.min(this.limits.blockSeconds * 2 ** (blocksToday - 1), this.limits.maxBlockSeconds);
    await this.pair.block(pairKey, seconds);
    return limited(seconds * 1000, what);
  }
}

// Verified when the email is unknown too, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;

async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    decoyHash ??= hashPassword('decoy password that never matches');
    await argon2.verify(await decoyHash, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A limiter rejects with its state, or with an Error when its storage failed: that one is not a limit. */
export function limiterState(refusal: unknown): RateLimiterRes {
  if (refusal instanceof RateLimiterRes) return refusal;
  throw refusal;
}

function limited(msBeforeNext: number, what: AttemptKind = 'password'): HubFailure {
  return new HubFailure('rate_limited', `Too many ${what} attempts. Try again in ${waitWords(msBeforeNext)}.`);
}

/** "1 minute", "40 minutes", "3 hours". */
export function waitWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes < 120 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.ceil(minutes / 60)} hours`;
}
