// R7: how a masked phone number or email address looks. The hub applies this
// before anything leaves it, so a masked value never reaches an agent's desktop.
import type { Actor } from './actor';
import { bindActor } from './actor';

export function shouldMaskContactDetails(actor: Actor): boolean {
  return bindActor(actor).restrictions.maskContactDetails;
}

const MASK = '•';

/** Keeps the last two digits so an agent can tell numbers apart on a call, nothing more. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 2) return MASK.repeat(Math.max(digits.length, 4));
  return `${MASK.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** Keeps the first character of the name and the top-level domain: "j•••@•••.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return MASK.repeat(6);
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const topLevel = dot >= 0 ? domain.slice(dot) : '';
  return `${local[0]}${MASK.repeat(3)}@${MASK.repeat(3)}${topLevel}`;
}
