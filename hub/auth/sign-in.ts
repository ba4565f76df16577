// Sign-in by email and password, rate limited per email and per address so a
// password cannot be guessed at speed.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { SignInResponse } from '../../shared/protocol';
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';
import { verifyPassword } from './passwords';
import { createSession } from './sessions';

export interface SignInLimits {
  /** Failed attempts allowed per email (and per address) in the window. */
  attempts: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { attempts: 5, windowSeconds: 15 * 60 };

export class SignInService {
  private readonly perEmail: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(
    private readonly store: HubStore,
    limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {
    this.perEmail = new RateLimiterMemory({ points: limits.attempts, duration: limits.windowSeconds });
    this.perAddress = new RateLimiterMemory({ points: limits.attempts * 4, duration: limits.windowSeconds });
  }

  async signIn(email: string, password: string, address: string, now: number): Promise<SignInResponse> {
    await this.ensureNotLimited(email, address);
    const person = this.store.people.byEmail(email);
    const isValid = await verifyPassword(person?.passwordHash ?? null, password);
    if (!person || !isValid) {
      await this.countFailure(email, address);
      throw new HubFailure('invalid_credentials', 'The email or password is not right.');
    }
    await this.perEmail.delete(email);
    return this.store.transaction(() => createSession(this.store, person, now));
  }

  private async ensureNotLimited(email: string, address: string): Promise<void> {
    const [byEmail, byAddress] = await Promise.all([this.perEmail.get(email), this.perAddress.get(address)]);
    const blocked = [byEmail, byAddress].find((state) => state !== null && state.remainingPoints <= 0);
    if (blocked) throw this.limited(blocked.msBeforeNext);
  }

  private async countFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.perEmail.consume(email).catch((state: unknown) => state),
      this.perAddress.consume(address).catch((state: unknown) => state),
    ]);
  }

  private limited(msBeforeNext: number): HubFailure {
    const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
    return new HubFailure('rate_limited', `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
}
