// What the account routes need beyond every route group's deps: the password
// services, where a request comes from, and mail.
import type { ClientAddressResolver } from '../../auth/client-address';
import type { PasswordChange } from '../../auth/password-change';
import type { PasswordResets } from '../../auth/password-reset';
import type { HttpRouteDeps } from './route-deps';

export interface AccountRouteDeps extends HttpRouteDeps {
  addresses: ClientAddressResolver;
  passwordChange: PasswordChange;
  passwordResets: PasswordResets;
  /** As of the last `refreshSettings`. */
  isMailConfigured: boolean;
}
