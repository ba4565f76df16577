// The page behind an invitation link (A2): create an account in the browser
// (name and password, for an address with no account), or open the desktop
// app through a gatehouse:// link, where an existing account signs in to accept.
import type { InvitationPreview } from '../../shared/protocol';
import { ACCESS_LEVEL_LABELS } from '../../shared/policy';
import { hubPage } from './hub-page';
import { escapeHtml } from './http-helpers';

export function desktopLink(publicUrl: string, token: string): string {
  return `gatehouse://invite?hub=${encodeURIComponent(publicUrl)}&token=${encodeURIComponent(token)}`;
}

const openInApp = (publicUrl: string, token: string): string =>
  `<p><a class="app" href="${escapeHtml(desktopLink(publicUrl, token))}">Open in the Gatehouse app</a></p>`;

export function invitePage(preview: InvitationPreview, token: string, publicUrl: string, error: string | null): string {
  return hubPage(
    `Join ${preview.workspaceName}`,
    `<h1>Join ${escapeHtml(preview.workspaceName)}</h1>
<p>${escapeHtml(preview.invitedByName)} invited <strong>${escapeHtml(preview.email)}</strong> to ${escapeHtml(
      preview.workspaceName,
    )} (${escapeHtml(preview.organizationName)}) as ${ACCESS_LEVEL_LABELS[preview.level]}, on the Gatehouse hub at <strong>${escapeHtml(publicUrl)}</strong>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<p>New to Gatehouse? Choose your name and a password to create your account.</p>
<form method="post"><label for="displayName">Your name</label><input id="displayName" name="displayName" required maxlength="100" autocomplete="name">
<label for="password">Password (at least 10 characters)</label>
<input id="password" name="password" type="password" required minlength="10" autocomplete="new-password">
<button type="submit">Accept invitation</button></form>
<p>Already have a Gatehouse account? Sign in to this hub in the Gatehouse app: the invitation waits for you there.</p>
${openInApp(publicUrl, token)}`,
  );
}

/** The answer to an accept for an address that has an account: no password was looked at; sign in in the app. */
export function signInToAcceptPage(publicUrl: string, token: string): string {
  return hubPage(
    'Sign in to accept',
    `<h1>Sign in to accept</h1>
<p>This address already has a Gatehouse account. Sign in to the hub at <strong>${escapeHtml(publicUrl)}</strong> in the Gatehouse app with that account: the invitation is waiting there, with Accept and Decline.</p>
${openInApp(publicUrl, token)}`,
  );
}

export function messagePage(title: string, message: string): string {
  return hubPage(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
