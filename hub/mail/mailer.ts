// Invitation (A2) and "forgot password" email through SMTP with nodemailer.
// Without SMTP configured the hub sends nothing: the inviter passes the link
// on, and nobody can reset a password by email.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { InvitationEmail } from '../domain/mutation-context';
import { invitationEmailContent } from './invitation-email';
import { noticeEmailContent } from './notice-email';
import type { NoticeEmail } from './notice-email';
import type { PasswordResetEmail } from './password-reset-email';
import { passwordResetEmailContent } from './password-reset-email';

export interface MailSettings {
  /** smtp://user:password@host:port or smtps://... */
  smtpUrl: string;
  from: string;
}

export interface Mailer {
  isConfigured: boolean;
  /** True when every message was handed to the SMTP server. */
  send(emails: InvitationEmail[]): Promise<boolean>;
  /** True when the message was handed to the SMTP server. */
  sendPasswordReset(email: PasswordResetEmail): Promise<boolean>;
  /** Notices the hub sends by itself (issue 13.2: an access that ends soon, or has ended); true when every one was handed over. */
  sendNotices(emails: NoticeEmail[]): Promise<boolean>;
  close(): void;
}

export function createMailer(settings: MailSettings | null, logger: Logger): Mailer {
  if (!settings) {
    return {
      isConfigured: false,
      send: async (emails) => emails.length === 0,
      sendPasswordReset: async () => false,
      sendNotices: async (emails) => emails.length === 0,
      close: () => undefined,
    };
  }
  const transport: Transporter = nodemailer.createTransport(settings.smtpUrl);
  return {
    isConfigured: true,
    async sendPasswordReset(email) {
      try {
        await transport.sendMail({ from: settings.from, to: email.to, ...passwordResetEmailContent(email) });
        return true;
      } catch (error) {
        logger.warn({ err: error }, 'password reset email could not be sent');
        return false;
      }
    },
    async send(emails) {
      let isAllSent = true;
      for (const email of emails) {
        try {
          await transport.sendMail({ from: settings.from, to: email.to, ...invitationEmailContent(email) });
        } catch (error) {
          isAllSent = false;
          logger.warn({ err: error, to: email.to }, 'invitation email could not be sent');
        }
      }
      return isAllSent;
    },
    async sendNotices(emails) {
      let isAllSent = true;
      for (const email of emails) {
        try {
          await transport.sendMail({ from: settings.from, to: email.to, ...noticeEmailContent(email) });
        } catch (error) {
          isAllSent = false;
          logger.warn({ err: error, to: email.to, subject: email.subject }, 'notice email could not be sent');
        }
      }
      return isAllSent;
    },
    close: () => transport.close(),
  };
}
