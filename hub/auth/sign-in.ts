// Sign-in by email and password. The password goes through the PasswordGuard,
// which counts the attempt before the password is verified. A person with
// two-step sign-in on (issue 13.5) gets no session for the password alone:
// the answer is a short-lived token for the second step (see two-step.ts).
import type { SecondStepPending, SignInResponse } from '../../shared/protocol';
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';
import type { PasswordGuard } from './password-guard';
import { createSession, SESSION_TTL_MS } from './sessions';
import { TwoStep } from './two-step';

export const WRONG_CREDENTIALS = 'The email or password is not right.';
export const SECOND_STEP_WORDS = 'Enter the code from your authenticator app to finish signing in.';

/** The password was right and the second step is awaited: answered 401 second_step_required with the token. */
export class SecondStepRequired extends HubFailure {
  constructor(readonly secondStep: SecondStepPending) {
    super('second_step_required', SECOND_STEP_WORDS);
  }
}

export class SignInService {
  /** The second step of sign-in and the person's own controls of it. */
  readonly twoStep: TwoStep;

  constructor(
    private readonly store: HubStore,
    /** Every password and code check (shared with the other account routes). */
    readonly guard: PasswordGuard,
    private readonly sessionTtlMs: number = SESSION_TTL_MS,
    /** The two-step key file (HubOptions.twoStepKeyFile); without it, the one beside the SQLite file. */
    twoStepKeyFile?: string,
  ) {
    this.twoStep = new TwoStep(store, guard, sessionTtlMs, twoStepKeyFile);
  }

  async signIn(email: string, password: string, address: string, now: number): Promise<SignInResponse> {
    const person = await this.store.people.byEmail(email);
    // An unknown email is counted and verified (against a decoy) like a known one: neither the answer nor its timing tells them apart.
    const isRight = await this.guard.check({ account: email, address, passwordHash: person?.passwordHash ?? null, password });
    if (!person || !isRight) throw new HubFailure('invalid_credentials', WRONG_CREDENTIALS);
    if (await this.twoStep.isEnabled(person.id)) throw new SecondStepRequired(await this.twoStep.beginSignIn(person, now));
    return this.store.transaction((tx) => createSession(tx, person, now, this.sessionTtlMs));
  }
}
