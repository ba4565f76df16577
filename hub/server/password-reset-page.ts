// The page behind a "forgot password" link: choose the new password (twice).
import { hubPage } from './hub-page';
import { escapeHtml } from './http-helpers';

export function passwordResetPage(email: string, error: string | null): string {
  return hubPage(
    'Choose a new password',
    `<h1>Choose a new password</h1>
<p>For <strong>${escapeHtml(email)}</strong>. Once it is changed, every device signed in with the old password is signed out.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post"><label for="password">New password (at least 10 characters)</label>
<input id="password" name="password" type="password" required minlength="10" maxlength="200" autocomplete="new-password">
<label for="confirm">The same password again</label>
<input id="confirm" name="confirm" type="password" required minlength="10" maxlength="200" autocomplete="new-password">
<div class="actions"><button type="submit">Save the new password</button></div></form>`,
  );
}
