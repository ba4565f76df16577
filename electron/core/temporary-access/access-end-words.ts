// Issue 13.2, temporary access: the sentences the desktop shows when the hub
// warns that someone's access ends soon, and when the person's own access has
// ended. Dates are the UTC moment the hub stored, written in the person's
// own time zone (the desktop's), e.g. "Thu 3 Dec, 17:00".
import type { AccessEndingNotice } from '../../../shared/protocol';

export interface Notification {
  title: string;
  body: string;
}

/** "Thu 3 Dec, 17:00", with the year when it is not this year's ("Tue, 5 Jan 2027, 09:00"). */
export function accessEndTime(at: number, now: number, timeZone?: string): string {
  const zone = timeZone ? { timeZone } : {};
  const year = (moment: number) => new Intl.DateTimeFormat('en-GB', { year: 'numeric', ...zone }).format(moment);
  const isThisYear = year(at) === year(now);
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(isThisYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
  }).format(at);
}

/** One notification per member named: the member hears of their own access, admins of each member they manage. */
export function accessEndingNotifications(notices: readonly AccessEndingNotice[], workspaceName: string, now: number, timeZone?: string): Notification[] {
  return notices.map((notice) => {
    const when = accessEndTime(notice.accessUntil, now, timeZone);
    if (notice.isSelf) {
      return { title: 'Your access ends soon', body: `Your access to ${workspaceName} ends ${when}. Ask an admin if you need it for longer.` };
    }
    const name = notice.displayName || notice.email;
    return { title: 'Access ends soon', body: `${name}'s access to ${workspaceName} ends ${when}. Edit them on the Users page to extend it.` };
  });
}

/** What the person whose access ended is told, in the notification and on the screen they land on. */
export function accessEndedMessage(workspaceName: string, accessUntil: number | null, now: number, timeZone?: string): string {
  if (accessUntil === null) return `Your access to ${workspaceName} ended, as set by an admin.`;
  return `Your access to ${workspaceName} ended on ${accessEndTime(accessUntil, now, timeZone)}, as set by an admin.`;
}
