// Issue 13.2: the warning and the end of temporary access, in words, with the
// moment written in the person's own time zone.
import { describe, expect, it } from 'vitest';
import { accessEndedMessage, accessEndingNotifications, accessEndTime } from './access-end-words';

const NOW = Date.UTC(2026, 10, 30, 12);
const THURSDAY_5PM_LONDON = Date.UTC(2026, 11, 3, 17, 0);

describe('temporary access in words', () => {
  it('issue 13.2: writes the end in the person\'s time zone, with the year only when it is not this one', () => {
    expect(accessEndTime(THURSDAY_5PM_LONDON, NOW, 'Europe/London')).toBe('Thu 3 Dec, 17:00');
    expect(accessEndTime(THURSDAY_5PM_LONDON, NOW, 'Asia/Tokyo')).toBe('Fri 4 Dec, 02:00');
    expect(accessEndTime(Date.UTC(2027, 0, 5, 9), NOW, 'UTC')).toBe('Tue, 5 Jan 2027, 09:00');
  });

  it('issue 13.2: names the member to an admin and speaks to the member about their own access', () => {
    const notices = [
      { memberId: 'm1', displayName: 'Ada Lovelace', email: 'ada@example.com', accessUntil: THURSDAY_5PM_LONDON, isSelf: false },
      { memberId: 'm2', displayName: 'Me', email: 'me@example.com', accessUntil: THURSDAY_5PM_LONDON, isSelf: true },
    ];
    expect(accessEndingNotifications(notices, 'Acme', NOW, 'Europe/London')).toEqual([
      { title: 'Access ends soon', body: "Ada Lovelace's access to Acme ends Thu 3 Dec, 17:00. Edit them on the Users page to extend it." },
      { title: 'Your access ends soon', body: 'Your access to Acme ends Thu 3 Dec, 17:00. Ask an admin if you need it for longer.' },
    ]);
  });

  it('issue 13.2: tells the person why their access ended', () => {
    expect(accessEndedMessage('Acme', THURSDAY_5PM_LONDON, NOW, 'Europe/London')).toBe('Your access to Acme ended on Thu 3 Dec, 17:00, as set by an admin.');
  });
});
