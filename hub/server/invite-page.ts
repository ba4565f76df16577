// The page behind an invitation link (A2): create an account in the browser
// (name and password, for an address with no account), or open the desktop
// app through a gatehouse:// link, where an existing account signs in to accept.
// Each page names the hub's address, selectable, for the app's "Connect to a hub".
import type { InvitationPreview } from '../../shared/protocol';
import { ACCESS_LEVEL_LABELS } from '../../shared/policy';
import { copyableAddress, hubPage } from './hub-page';
import { escapeHtml } from './http-helpers';

export function desktopLink(publicUrl: string, token: string): string {
  return `gatehouse://invite?hub=${encodeURIComponent(publicUrl)}&token=${encodeURIComponent(token)}`;
}

/** The app's own link once there is nothing left to accept: it opens Gatehouse. */
export const APP_LINK = 'gatehouse://';

const openInApp = (href: string, label: string): string => `<a class="button filled" href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

export function invitePage(preview: InvitationPreview, token: string, publicUrl: string, error: string | null): string {
  return hubPage(
    `Join ${preview.workspaceName}`,
    `<h1>Join ${escapeHtml(preview.workspaceName)}</h1>
<p>${escapeHtml(preview.invitedByName)} invited <strong>${escapeHtml(preview.email)}</strong> to ${escapeHtml(
      preview.workspaceName,
    )} (${escapeHtml(preview.organizationName)}) as ${ACCESS_LEVEL_LABELS[preview.level]}, on the Gatehouse hub at <code>${escapeHtml(publicUrl)}</code>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<p>New to Gatehouse? Choose your name and a password to create your account.</p>
<form method="post"><label for="displayName">Your name</label><input id="displayName" name="displayName" required maxlength="100" autocomplete="name">
<label for="password">Password (at least 10 characters)</label>
<input id="password" name="password" type="password" required minlength="10" autocomplete="new-password">
<div class="actions"><button type="submit">Accept invitation</button></div></form>
<div class="next"><p>Already have a Gatehouse account? Sign in to this hub in the Gatehouse app: the invitation waits for you there.</p>
<div class="actions">${openInApp(desktopLink(publicUrl, token), 'Open in the Gatehouse app')}</div>
${copyableAddress('hub-address', 'Or, in Gatehouse, connect to this hub address', publicUrl)}</div>`,
  );
}

/** The answer to an accept for an address that has an account: no password was looked at; sign in in the app. */
export function signInToAcceptPage(publicUrl: string, token: string): string {
  return hubPage(
    'Sign in to accept',
    `<h1>Sign in to accept</h1>
<p>This address already has a Gatehouse account. Sign in to the hub at <code>${escapeHtml(publicUrl)}</code> in the Gatehouse app with that account: the invitation is waiting there, with Accept and Decline.</p>
<div class="actions">${openInApp(desktopLink(publicUrl, token), 'Open in the Gatehouse app')}</div>
${copyableAddress('hub-address', 'The hub address to connect to', publicUrl)}`,
  );
}

/**
 * The answer to an accepted invitation: the account exists, and the next step
 * is the app. Open it (gatehouse://), or connect it to this hub by hand and
 * sign in with the address the invitation was for.
 */
export function acceptedPage(invitation: Pick<InvitationPreview, 'email' | 'workspaceName'>, publicUrl: string): string {
  const { email, workspaceName } = invitation;
  return hubPage(
    "You're in",
    `<h1>You're in</h1>
<p>Your invitation is accepted: your account is ready, and you are a member of ${escapeHtml(workspaceName)}.</p>
<p>Open Gatehouse, or in Gatehouse connect to <code>${escapeHtml(publicUrl)}</code> and sign in as <strong>${escapeHtml(
      email,
    )}</strong> with the password you just chose.</p>
<div class="actions">${openInApp(APP_LINK, 'Open Gatehouse')}</div>
${copyableAddress('hub-address', 'The hub address to connect to', publicUrl)}
${copyableAddress('sign-in-email', 'Sign in as', email)}`,
  );
}

export function messagePage(title: string, message: string): string {
  return hubPage(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
