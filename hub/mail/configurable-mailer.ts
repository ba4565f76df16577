// A mailer whose SMTP server can change while the hub runs: it asks where its
// settings come from at each use and, when they differ from those it was
// built with, replaces the nodemailer transport behind it (mailer.ts keeps the
// sending itself). So the operator's "Hub settings" and the command line's
// `settings mail` apply to the next email without a restart.
import type { Logger } from 'pino';
import type { StoredMail } from '../store/repos/settings';
import type { Mailer, MailSettings } from './mailer';
import { createMailer } from './mailer';

/** The smtp:// or smtps:// URL nodemailer takes for stored settings (user and password percent-encoded). */
export function smtpUrlOf(mail: StoredMail): string {
  const scheme = mail.security === 'tls' ? 'smtps' : 'smtp';
  const password = mail.password ? `:${encodeURIComponent(mail.password)}` : '';
  const auth = mail.user ? `${encodeURIComponent(mail.user)}${password}@` : '';
  const host = mail.host.includes(':') && !mail.host.startsWith('[') ? `[${mail.host}]` : mail.host;
  // none: never upgrade, even when offered; starttls: refuse to send unless the connection is upgraded.
  const query = mail.security === 'none' ? '?ignoreTLS=true' : mail.security === 'starttls' ? '?requireTLS=true' : '';
  return `${scheme}://${auth}${host}:${mail.port}/${query}`;
}

export class ConfigurableMailer implements Mailer {
  private inner: Mailer;
  private key: string;

  constructor(
    private readonly settings: () => MailSettings | null,
    private readonly logger: Logger,
  ) {
    const initial = settings();
    this.key = JSON.stringify(initial);
    this.inner = createMailer(initial, logger);
  }

  get isConfigured(): boolean {
    return this.current().isConfigured;
  }

  send(...args: Parameters<Mailer['send']>): ReturnType<Mailer['send']> {
    return this.current().send(...args);
  }

  sendPasswordReset(...args: Parameters<Mailer['sendPasswordReset']>): ReturnType<Mailer['sendPasswordReset']> {
    return this.current().sendPasswordReset(...args);
  }

  sendNotices(...args: Parameters<Mailer['sendNotices']>): ReturnType<Mailer['sendNotices']> {
    return this.current().sendNotices(...args);
  }

  close(): void {
    this.inner.close();
  }

  /** The mailer for the settings as they are now. */
  private current(): Mailer {
    const now = this.settings();
    const key = JSON.stringify(now);
    if (key !== this.key) {
      // Not pooled: each message has its own connection, so one still on its way is not cut by this.
      this.inner.close();
      this.inner = createMailer(now, this.logger);
      this.key = key;
      this.logger.info({ isMailConfigured: this.inner.isConfigured }, 'mail settings changed');
    }
    return this.inner;
  }
}
