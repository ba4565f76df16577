// The invitation email form's draft and what it sends. The form holds text
// (the port as typed); the hub takes a number, no user as "no sign-in", and a
// password left empty as "keep the one stored" (the screen never has it).
import type { MailSettingsInput, MailSettingsView, SmtpSecurity } from '@shared/domain';

export interface MailDraft {
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  /** Empty: keep the stored password (or none when none is stored). */
  password: string;
  from: string;
}

/** What the form shows for the stored settings; nothing stored: the usual submission port with STARTTLS. */
export function mailDraftOf(mail: MailSettingsView | null): MailDraft {
  if (!mail) return { host: '', port: '587', security: 'starttls', user: '', password: '', from: '' };
  return { host: mail.host, port: String(mail.port), security: mail.security, user: mail.user ?? '', password: '', from: mail.from };
}

/** What the hub is sent for the draft; run only once the form's own checks pass. */
export function mailInputOf(draft: MailDraft): MailSettingsInput {
  const user = draft.user.trim();
  return {
    host: draft.host.trim(),
    port: Number(draft.port.trim()),
    security: draft.security,
    user: user === '' ? null : user,
    // Left out, the hub keeps what it has; no user means no password at all.
    ...(user === '' ? { password: null } : draft.password === '' ? {} : { password: draft.password }),
    from: draft.from.trim(),
  };
}

export function isMailDraftChanged(draft: MailDraft, mail: MailSettingsView | null): boolean {
  const saved = mailDraftOf(mail);
  return (Object.keys(saved) as Array<keyof MailDraft>).some((key) => draft[key].trim() !== saved[key].trim());
}
