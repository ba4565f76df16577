// The page behind a "forgot password" link: choose the new password (twice).
import { escapeHtml } from './http-helpers';

// The same look as the invitation page.
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;color:#1d2330}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button{display:inline-block;margin-top:1rem;padding:.6rem 1rem;font:inherit;border-radius:.4rem;background:#2f5fd0;color:#fff;border:0}
.error{color:#c5221f}@media (prefers-color-scheme:dark){body{background:#15181f;color:#e6e8ee}}`;

export function passwordResetPage(email: string, error: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Choose a new password</title><style>${STYLE}</style></head><body><main>
<h1>Choose a new password</h1>
<p>For <strong>${escapeHtml(email)}</strong>. Once it is changed, every device signed in with the old password is signed out.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post"><label for="password">New password (at least 10 characters)</label>
<input id="password" name="password" type="password" required minlength="10" maxlength="200" autocomplete="new-password">
<label for="confirm">The same password again</label>
<input id="confirm" name="confirm" type="password" required minlength="10" maxlength="200" autocomplete="new-password">
<button type="submit">Save the new password</button></form>
</main></body></html>`;
}
