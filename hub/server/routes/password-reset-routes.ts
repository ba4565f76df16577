// "Forgot password" over HTTP: the request the app makes, the page behind the
// emailed link, and the same completion for clients that post JSON.
import type { ServerResponse } from 'node:http';
import { passwordResetCompleteSchema, passwordResetRequestSchema } from '../../../shared/protocol';
import { passwordSchema } from '../../../shared/domain/schemas';
import { PASSWORD_RESET_PATH } from '../../auth/password-reset';
import { HubFailure } from '../../domain/hub-failure';
import { readBody, readJson, sendHtml, sendJson } from '../http-helpers';
import { messagePage } from '../invite-page';
import { passwordResetPage } from '../password-reset-page';
import type { AccountRouteDeps } from './account-route-deps';
import { parse } from './parse-body';
import type { RouteGroup } from './route-deps';

const RESET_PAGE = new RegExp(`^${PASSWORD_RESET_PATH}([A-Za-z0-9_-]{20,200})$`);
const LINK_UNUSABLE = 'This link cannot be used';

export function passwordResetRoutes(deps: AccountRouteDeps): RouteGroup {
  async function servePage(response: ServerResponse, token: string, error: string | null): Promise<void> {
    try {
      sendHtml(response, error ? 400 : 200, passwordResetPage(await deps.passwordResets.emailOf(token, deps.now()), error));
    } catch (failure) {
      if (!(failure instanceof HubFailure)) throw failure;
      sendHtml(response, 410, messagePage(LINK_UNUSABLE, failure.message));
    }
  }

  return async ({ request, response, method, pathname }) => {
    if (method === 'POST' && pathname === '/api/password-reset') {
      const body = parse(passwordResetRequestSchema, await readJson(request));
      await deps.passwordResets.request(body.email, deps.addresses.resolve(request), deps.now());
      sendJson(response, 202, {});
      return true;
    }

    if (method === 'POST' && pathname === '/api/password-reset/complete') {
      const body = parse(passwordResetCompleteSchema, await readJson(request));
      await deps.passwordResets.complete(body.token, body.newPassword, deps.now);
      sendJson(response, 200, {});
      return true;
    }

    const token = RESET_PAGE.exec(pathname)?.[1];
    if (token && method === 'GET') {
      await servePage(response, token, null);
      return true;
    }
    if (token && method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      const password = form.get('password') ?? '';
      const checked = passwordSchema.safeParse(password);
      if (!checked.success) {
        await servePage(response, token, checked.error.issues[0]?.message ?? 'Choose another password.');
        return true;
      }
      if (form.get('confirm') !== password) {
        await servePage(response, token, 'The two passwords are not the same.');
        return true;
      }
      try {
        await deps.passwordResets.complete(token, checked.data, deps.now);
      } catch (failure) {
        if (!(failure instanceof HubFailure)) throw failure;
        sendHtml(response, 410, messagePage(LINK_UNUSABLE, failure.message));
        return true;
      }
      sendHtml(response, 200, messagePage('Your password is changed', 'Sign in from the Gatehouse app with your new password. Every device that was signed in has been signed out.'));
      return true;
    }
    return false;
  };
}
