// Invitation email (A2) through SMTP with nodemailer. Without SMTP configured
// the hub sends nothing and the inviter passes the link on.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { InvitationEmail } from '../domain/mutation-context';
import { invitationEmailContent } from './invitation-email';

export interface MailSettings {
  /** smtp://user:password@host:port or smtps://... */
  smtpUrl: string;
  from: string;
}

export interface Mailer {
  /** True when every message was handed to the SMTP server. */
  send(emails: InvitationEmail[]): Promise<boolean>;
  close(): void;
}

export function createMailer(settings: MailSettings | null, logger: Logger): Mailer {
  if (!settings) return { send: async (emails) => emails.length === 0, close: () => undefined };
  const transport: Transporter = nodemailer.createTransport(settings.smtpUrl);
  return {
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
    close: () => transport.close(),
  };
}
