// The words of the invitation email.
import type { InvitationEmail } from '../domain/mutation-context';

// The link creates new accounts only: an existing account accepts from its own session.
const ALREADY_HAVE_ACCOUNT = 'Already have a Gatehouse account on this hub? Sign in to the Gatehouse app: the invitation waits for you there.';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function invitationEmailContent(email: InvitationEmail): { subject: string; text: string; html: string } {
  const expires = new Date(email.expiresAt).toUTCString();
  const subject = `${email.invitedByName} invited you to ${email.workspaceName} on Gatehouse`;
  const text = [
    `${email.invitedByName} invited you to join ${email.workspaceName} (${email.organizationName}) as ${email.level}.`,
    '',
    `Accept the invitation: ${email.inviteUrl}`,
    '',
    `The link works once and expires on ${expires}.`,
    '',
    ALREADY_HAVE_ACCOUNT,
  ].join('\n');
  const html = `<p>${escapeHtml(email.invitedByName)} invited you to join <strong>${escapeHtml(email.workspaceName)}</strong> (${escapeHtml(
    email.organizationName,
  )}) as ${escapeHtml(email.level)}.</p><p><a href="${escapeHtml(email.inviteUrl)}">Accept the invitation</a></p><p>The link works once and expires on ${escapeHtml(expires)}.</p><p>${escapeHtml(ALREADY_HAVE_ACCOUNT)}</p>`;
  return { subject, text, html };
}
