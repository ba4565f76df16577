// Sign-in by email and password. The password goes through the PasswordGuard,
// which counts the attempt before the password is verified.
import type { SignInResponse } from '../../shared/protocol';
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';
import type { PasswordGuard } from './password-guard';
import { createSession, SESSION_TTL_MS } from './sessions';

export const WRONG_CREDENTIALS = 'The email or password is not right.';

export class SignInService {
  constructor(
    private readonly store: HubStore,
    private readonly guard: PasswordGuard,
    private readonly sessionTtlMs: number = SESSION_TTL_MS,
  ) {}

  async signIn(email: string, password: string, address: string, now: number): Promise<SignInResponse> {
    const person = this.store.people.byEmail(email);
    // An unknown email is counted and verified (against a decoy) like a known one: neither the answer nor its timing tells them apart.
    const isRight = await this.guard.check({ account: email, address, passwordHash: person?.passwordHash ?? null, password });
    if (!person || !isRight) throw new HubFailure('invalid_credentials', WRONG_CREDENTIALS);
    return this.store.transaction(() => createSession(this.store, person, now, this.sessionTtlMs));
  }
}
