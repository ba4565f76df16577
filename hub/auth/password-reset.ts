// "Forgot password": a person asks by email address, the hub mails a link that
// works once for PASSWORD_RESET_TTL_MS, and the page behind it sets a new
// password, which ends every session of the person. The request answers the
// same whether or not the address has an account, counts requests per email
// and per address (known or not, so the limit tells nothing either), and
// mails in the background so a known address does not answer slower.
import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { HubFailure } from '../domain/hub-failure';
import type { Mailer } from '../mail/mailer';
import type { HubStore } from '../store/hub-store';
import type { LimiterStorage } from './limiter-storage';
import { limiterState, waitWords } from './password-guard';
import { hashPassword } from './passwords';
import { hashToken, newSecretToken } from './tokens';

export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;
export const PASSWORD_RESET_PATH = '/reset-password/';

export interface PasswordResetLimits {
  requestsPerEmailPerHour: number;
  requestsPerAddressPerHour: number;
}

export const DEFAULT_PASSWORD_RESET_LIMITS: PasswordResetLimits = { requestsPerEmailPerHour: 3, requestsPerAddressPerHour: 10 };

export interface PasswordResetSettings {
  /** As of the hub's last read of its settings (each HTTP request reads them again first). */
  publicUrl: string;
  ttlMs: number;
  limits: PasswordResetLimits;
}

const INVALID_LINK = 'This link to choose a new password is not valid any more: it was used, replaced by a newer one, or it expired. Ask for a new one from the sign-in screen.';

export class PasswordResets {
  private constructor(
    private readonly store: HubStore,
    private readonly mailer: Mailer,
    private readonly settings: PasswordResetSettings,
    private readonly perEmail: RateLimiterAbstract,
    private readonly perAddress: RateLimiterAbstract,
    private readonly onSessionsEnded: (sessionHashes: string[]) => void,
    private readonly logger: Logger,
  ) {}

  static async open(
    deps: { store: HubStore; storage: LimiterStorage; mailer: Mailer; logger: Logger; onSessionsEnded: (sessionHashes: string[]) => void },
    settings: PasswordResetSettings,
  ): Promise<PasswordResets> {
    const [perEmail, perAddress] = await Promise.all([
      deps.storage.limiter({ keyPrefix: 'reset_email', points: settings.limits.requestsPerEmailPerHour, duration: 60 * 60 }),
      deps.storage.limiter({ keyPrefix: 'reset_address', points: settings.limits.requestsPerAddressPerHour, duration: 60 * 60 }),
    ]);
    return new PasswordResets(deps.store, deps.mailer, settings, perEmail, perAddress, deps.onSessionsEnded, deps.logger);
  }

  async request(email: string, address: string, now: number): Promise<void> {
    const counted = await Promise.allSettled([this.perEmail.consume(email), this.perAddress.consume(address)]);
    for (const result of counted) {
      if (result.status === 'rejected') {
        const wait = waitWords(limiterState(result.reason).msBeforeNext);
        throw new HubFailure('rate_limited', `Too many requests for a new password. Try again in ${wait}.`);
      }
    }
    const person = await this.store.people.byEmail(email);
    // Someone invited who never chose a password accepts their invitation instead.
    if (!person?.passwordHash || !this.mailer.isConfigured) return;
    const token = newSecretToken();
    const expiresAt = now + this.settings.ttlMs;
    await this.store.transaction(async (tx) => {
      await tx.passwordResets.retireOfPerson(person.id, now);
      await tx.passwordResets.insert({ tokenHash: hashToken(token), personId: person.id, createdAt: now, expiresAt, usedAt: null });
    });
    const resetUrl = `${this.settings.publicUrl}${PASSWORD_RESET_PATH}${token}`;
    // Not awaited, so a known address does not answer slower; a failure is logged here.
    void this.mailer
      .sendPasswordReset({ to: person.email, displayName: person.displayName, resetUrl, expiresAt, hubUrl: this.settings.publicUrl })
      .then((isSent) => this.logger.info({ isSent }, 'password reset requested'))
      .catch((error: unknown) => this.logger.error({ err: error }, 'password reset email could not be sent'));
  }

  /** The address a live link is for (shown on its page); reset_link_invalid otherwise. */
  async emailOf(token: string, now: number): Promise<string> {
    const reset = await this.store.passwordResets.live(hashToken(token), now);
    const person = reset ? await this.store.people.byId(reset.personId) : undefined;
    if (!person) throw new HubFailure('reset_link_invalid', INVALID_LINK);
    return person.email;
  }

  /** Sets the new password and ends every session of the person. */
  async complete(token: string, newPassword: string, now: () => number): Promise<void> {
    await this.emailOf(token, now());
    const passwordHash = await hashPassword(newPassword);
    // Hashing took a while: the link is used up inside the transaction, so two submits cannot both win.
    const ended = await this.store.transaction(async (tx) => {
      const at = now();
      const tokenHash = hashToken(token);
      const reset = await tx.passwordResets.live(tokenHash, at);
      if (!reset || !(await tx.passwordResets.use(tokenHash, at))) throw new HubFailure('reset_link_invalid', INVALID_LINK);
      await tx.people.changePassword(reset.personId, passwordHash, at);
      await tx.passwordResets.retireOfPerson(reset.personId, at);
      return tx.sessions.deleteOfPerson(reset.personId, null);
    });
    this.onSessionsEnded(ended);
  }
}
