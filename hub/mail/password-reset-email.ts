// The words of the "forgot password" email.
import { escapeHtml } from '../server/http-helpers';

export interface PasswordResetEmail {
  to: string;
  displayName: string;
  resetUrl: string;
  expiresAt: number;
  hubUrl: string;
}

export function passwordResetEmailContent(email: PasswordResetEmail): { subject: string; text: string; html: string } {
  const minutes = Math.round((email.expiresAt - Date.now()) / 60_000);
  const subject = 'Choose a new Gatehouse password';
  const text = [
    `Hello ${email.displayName},`,
    '',
    `Someone (you, we hope) asked to choose a new password for ${email.to} on the Gatehouse hub at ${email.hubUrl}.`,
    '',
    `Choose a new password: ${email.resetUrl}`,
    '',
    `The link works once, for about ${minutes} minutes. Choosing a new password signs you out everywhere.`,
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ].join('\n');
  const html = `<p>Hello ${escapeHtml(email.displayName)},</p><p>Someone (you, we hope) asked to choose a new password for ${escapeHtml(
    email.to,
  )} on the Gatehouse hub at ${escapeHtml(email.hubUrl)}.</p><p><a href="${escapeHtml(email.resetUrl)}">Choose a new password</a></p><p>The link works once, for about ${minutes} minutes. Choosing a new password signs you out everywhere.</p><p>If you did not ask for this, ignore this email: your password stays as it is.</p>`;
  return { subject, text, html };
}
