// "Send test email": one message through the SMTP server as configured, so the
// person who runs the hub learns now, not at the first invitation, whether
// mail works. A refusal comes back in plain words with the server's answer.
import nodemailer from 'nodemailer';
import type { TestEmailResult } from '../../shared/domain/hub-settings';
import type { MailSettings } from './mailer';

const TEST_TIMEOUT_MS = 15_000;

function serverOf(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return url.port ? `${url.hostname}:${url.port}` : url.hostname;
  } catch {
    return 'the mail server';
  }
}

/** What went wrong, for the person who runs the hub. */
export function mailFailureWords(error: unknown, server: string): string {
  const failure = error as { code?: string; message?: string; response?: string; responseCode?: number };
  const text = `${failure.code ?? ''} ${failure.message ?? ''}`;
  if (/ECONNREFUSED/.test(text)) return `Nothing answered at ${server}: check the server’s name and port, and that it is running.`;
  if (/EDNS|ENOTFOUND|EAI_AGAIN/.test(text)) return `The mail server ${server} could not be found: check its name.`;
  if (/ETIMEDOUT|timeout/i.test(text)) return `The mail server at ${server} did not answer in time: check the address, the port and any firewall.`;
  if (failure.code === 'EAUTH') return `The mail server refused the user name or password${failure.response ? `: ${failure.response}` : '.'}`;
  if (/ETLS|TLS|SSL|certificate|wrong version number/i.test(text)) {
    return `The secure connection to ${server} failed (${failure.message ?? 'no reason given'}): check the security setting (TLS, STARTTLS or none) against the port.`;
  }
  if (failure.response) return `The mail server refused the message: ${failure.response}`;
  return `The email could not be sent: ${failure.message ?? String(error)}`;
}

export async function sendTestEmail(settings: MailSettings, to: string, hubUrl: string): Promise<TestEmailResult> {
  const server = serverOf(settings.smtpUrl);
  // nodemailer reads options from the URL's query too: a short wait, so a wrong address answers soon.
  const separator = settings.smtpUrl.includes('?') ? '&' : '?';
  const transport = nodemailer.createTransport(
    `${settings.smtpUrl}${separator}connectionTimeout=${TEST_TIMEOUT_MS}&greetingTimeout=${TEST_TIMEOUT_MS}`,
  );
  try {
    await transport.sendMail({
      from: settings.from,
      to,
      subject: 'Gatehouse test email',
      text: `This is a test email from the Gatehouse hub at ${hubUrl}.\n\nIf you can read it, invitation emails will be sent the same way.`,
    });
    return { isSent: true, message: `The test email to ${to} was accepted by the mail server at ${server}.` };
  } catch (error) {
    return { isSent: false, message: mailFailureWords(error, server) };
  } finally {
    transport.close();
  }
}
