// Issue 13.5, two-step sign-in for any account. A person turns it on from
// their own session (password again, then the app's first code), gets ten
// recovery codes once, and from then on signs in with the password and then a
// code. Every code tried goes through the PasswordGuard, under the same keys
// as the password (the account's email and the address), so guessing codes
// is limited exactly as guessing passwords is. A code is taken once: the
// last time step accepted is stored, and an older or equal one is refused.
// No workspace can touch any of this: the second step is the person's across
// the hub, and only the hub's operator resets it (HubAdmin, audited).
import type { SignInResponse, SecondStepPending, TwoStepEnrolment, TwoStepStatus } from '../../shared/protocol';
import { AUTHENTICATOR_CODE, RECOVERY_CODE } from '../../shared/protocol';
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';
import type { PersonRow } from '../store/repos/people';
import type { AccountSession } from './password-change';
import type { PasswordGuard } from './password-guard';
import { createSession, SESSION_TTL_MS } from './sessions';
import { matchingStep, newAuthenticatorSecret, newRecoveryCodes, otpauthUri, recoveryCodeHash } from './two-step-codes';
import { TwoStepSecretBox } from './two-step-secret-box';
import { hashToken, newSecretToken } from './tokens';

/** How long the second step may take after the password. */
export const SECOND_STEP_TTL_MS = 5 * 60 * 1000;

export const CODE_WORDS = {
  wrong: 'That code is not right. Check the code in your authenticator app (and the time on your phone), or use a recovery code.',
  reused: 'That code was already used. Wait for the next code in your authenticator app.',
  wrongAuthenticator: 'That code is not right. Check the code in your authenticator app and the time on your phone.',
  expired: 'This sign-in took too long or was already completed. Enter your password again.',
} as const;

type CodeKind = 'authenticator' | 'authenticator_or_recovery';

export class TwoStep {
  private box: Promise<TwoStepSecretBox> | null = null;

  constructor(
    private readonly store: HubStore,
    private readonly guard: PasswordGuard,
    private readonly sessionTtlMs: number = SESSION_TTL_MS,
    /** The key file of authenticator secrets; without it, two-step.key beside the store's SQLite file. */
    private readonly keyFile?: string,
  ) {}

  isEnabled(personId: string): Promise<boolean> {
    return this.store.twoStep.isEnabled(personId);
  }

  /** After a right password, for a person with the second step on: a token that only completes this sign-in. */
  async beginSignIn(person: PersonRow, now: number): Promise<SecondStepPending> {
    const token = newSecretToken();
    const expiresAt = now + SECOND_STEP_TTL_MS;
    await this.store.twoStep.insertPending({ tokenHash: hashToken(token), personId: person.id, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  /** The second step: a right code (or recovery code) turns the pending sign-in into a session that passed it. */
  async completeSignIn(pendingToken: string, code: string, address: string, now: number): Promise<SignInResponse> {
    const tokenHash = hashToken(pendingToken);
    const pending = await this.store.twoStep.pending(tokenHash, now);
    const person = pending ? await this.store.people.byId(pending.personId) : undefined;
    if (!pending || !person) throw new HubFailure('second_step_expired', CODE_WORDS.expired);
    await this.checkCode(person, code, address, now, 'authenticator_or_recovery');
    return this.store.transaction(async (tx) => {
      // Deleted in the same transaction: one pending sign-in makes at most one session.
      if (!(await tx.twoStep.pending(tokenHash, now))) throw new HubFailure('second_step_expired', CODE_WORDS.expired);
      await tx.twoStep.deletePending(tokenHash);
      return createSession(tx, person, now, this.sessionTtlMs, now);
    });
  }

  async status(session: Pick<AccountSession, 'person' | 'sessionHash'>): Promise<Omit<TwoStepStatus, 'requirements'>> {
    const repo = this.store.twoStep;
    const secret = await repo.secretOf(session.person.id);
    const isEnabled = secret?.confirmedAt != null;
    return {
      isEnabled,
      enabledAt: isEnabled ? (secret?.confirmedAt ?? null) : null,
      recoveryCodesLeft: isEnabled ? await repo.recoveryCodesLeft(session.person.id) : 0,
      isSessionVerified: isEnabled && ((await this.store.sessions.valid(session.sessionHash, 0))?.secondStepAt ?? null) !== null,
    };
  }

  /** Starts (or starts again) turning it on: a new secret, not used for sign-in until a first code confirms it. */
  async enrol(session: AccountSession, currentPassword: string, now: number): Promise<TwoStepEnrolment> {
    const { person } = session;
    await this.checkPassword(session, currentPassword);
    if (await this.isEnabled(person.id)) {
      throw new HubFailure('two_step_state', 'Two-step sign-in is already on. To move to another app, turn it off first, then on again.');
    }
    const secret = newAuthenticatorSecret();
    await this.store.twoStep.startEnrolment(person.id, (await this.secretBox()).seal(secret), now);
    return { secret, otpauthUri: otpauthUri(secret, person.email) };
  }

  /** The app's first code turns it on; this session counts as having passed it; the recovery codes are shown once. */
  async confirm(session: AccountSession, code: string, now: number): Promise<string[]> {
    const { person } = session;
    const secret = await this.store.twoStep.secretOf(person.id);
    if (!secret) throw new HubFailure('two_step_state', 'Start again: scan a new code first.');
    if (secret.confirmedAt !== null) throw new HubFailure('two_step_state', 'Two-step sign-in is already on.');
    await this.checkCode(person, code, session.address, now, 'authenticator');
    const codes = newRecoveryCodes();
    await this.store.transaction(async (tx) => {
      // Two first codes at once (several hub instances): one turns it on, and only its recovery codes are kept and shown.
      await tx.locks.person(person.id);
      if ((await tx.twoStep.secretOf(person.id))?.confirmedAt !== null) throw new HubFailure('two_step_state', 'Two-step sign-in is already on.');
      await tx.twoStep.confirm(person.id, now);
      await tx.twoStep.replaceRecoveryCodes(person.id, codes.map(normalizedHash), now);
      await tx.twoStep.markSession(session.sessionHash, now);
    });
    return codes;
  }

  /** New recovery codes in place of every old one (used or not), against a code from the app. */
  async newRecoveryCodes(session: AccountSession, code: string, now: number): Promise<string[]> {
    await this.ensureEnabled(session.person.id);
    await this.checkCode(session.person, code, session.address, now, 'authenticator');
    const codes = newRecoveryCodes();
    await this.store.twoStep.replaceRecoveryCodes(session.person.id, codes.map(normalizedHash), now);
    return codes;
  }

  /** Turns it off: the password and a code (or a recovery code). No session counts as having passed it any more. */
  async disable(session: AccountSession, currentPassword: string, code: string, now: number): Promise<void> {
    await this.ensureEnabled(session.person.id);
    await this.checkPassword(session, currentPassword);
    await this.checkCode(session.person, code, session.address, now, 'authenticator_or_recovery');
    await this.store.transaction(async (tx) => {
      await tx.twoStep.removeAll(session.person.id);
      await tx.twoStep.unmarkSessionsOf(session.person.id);
    });
  }

  private async ensureEnabled(personId: string): Promise<void> {
    if (!(await this.isEnabled(personId))) throw new HubFailure('two_step_state', 'Two-step sign-in is not on for your account.');
  }

  private async checkPassword(session: AccountSession, password: string): Promise<void> {
    const { person } = session;
    const isRight = await this.guard.check({ account: person.email, address: session.address, passwordHash: person.passwordHash, password });
    if (!isRight) throw new HubFailure('invalid_credentials', 'Your current password is not right.');
  }

  /**
   * Counted by the PasswordGuard before it is looked at; a wrong, reused or
   * unknown code is `invalid_code`. The code is already normalized by its
   * schema (six digits, or ten base32 letters).
   */
  private async checkCode(person: PersonRow, code: string, address: string, now: number, kind: CodeKind): Promise<void> {
    let refusal: string = kind === 'authenticator' ? CODE_WORDS.wrongAuthenticator : CODE_WORDS.wrong;
    const isRight = await this.guard.attempt(
      { account: person.email, address },
      async () => {
        const repo = this.store.twoStep;
        if (AUTHENTICATOR_CODE.test(code)) {
          const secret = await repo.secretOf(person.id);
          if (!secret) return false;
          const step = matchingStep((await this.secretBox()).open(secret.encryptedSecret), code, now);
          if (step === null) return false;
          if (await repo.takeStep(person.id, step)) return true;
          refusal = CODE_WORDS.reused;
          return false;
        }
        return kind === 'authenticator_or_recovery' && RECOVERY_CODE.test(code) && (await repo.useRecoveryCode(person.id, recoveryCodeHash(code), now));
      },
      'code',
    );
    if (!isRight) throw new HubFailure('invalid_code', refusal);
  }

  /** Opened at first use: the key file (the one given, or one beside the database) is made then. */
  private secretBox(): Promise<TwoStepSecretBox> {
    // A failed read is not kept: the next use tries again.
    this.box ??= this.openSecretBox().catch((error: unknown) => {
      this.box = null;
      throw error;
    });
    return this.box;
  }

  private async openSecretBox(): Promise<TwoStepSecretBox> {
    if (this.keyFile !== undefined) return TwoStepSecretBox.inFile(this.keyFile);
    return TwoStepSecretBox.beside(await this.store.twoStep.databaseFile());
  }
}

function normalizedHash(shown: string): string {
  return recoveryCodeHash(shown.replace('-', ''));
}
