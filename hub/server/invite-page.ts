// The page behind an invitation link (A2): create an account in the browser
// (name and password, for an address with no account), or open the desktop
// app through a gatehouse:// link, where an existing account signs in to accept.
import type { InvitationPreview } from '../../shared/protocol';
import { ACCESS_LEVEL_LABELS } from '../../shared/policy';
import { escapeHtml } from './http-helpers';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;color:#1d2330}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button,.app{display:inline-block;margin-top:1rem;padding:.6rem 1rem;font:inherit;border-radius:.4rem}
button{background:#2f5fd0;color:#fff;border:0}.app{border:1px solid #2f5fd0;color:#2f5fd0;text-decoration:none}
.error{color:#c5221f}@media (prefers-color-scheme:dark){body{background:#15181f;color:#e6e8ee}}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    title,
  )}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function desktopLink(publicUrl: string, token: string): string {
  return `gatehouse://invite?hub=${encodeURIComponent(publicUrl)}&token=${encodeURIComponent(token)}`;
}

const openInApp = (publicUrl: string, token: string): string =>
  `<p><a class="app" href="${escapeHtml(desktopLink(publicUrl, token))}">Open in the Gatehouse app</a></p>`;

export function invitePage(preview: InvitationPreview, token: string, publicUrl: string, error: string | null): string {
  return page(
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
  return page(
    'Sign in to accept',
    `<h1>Sign in to accept</h1>
<p>This address already has a Gatehouse account. Sign in to the hub at <strong>${escapeHtml(publicUrl)}</strong> in the Gatehouse app with that account: the invitation is waiting there, with Accept and Decline.</p>
${openInApp(publicUrl, token)}`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
