// D2: notifications follow the person's preferences.
import { describe, expect, it } from 'vitest';
import type { Member, NotificationPreferences } from '../../shared/domain';
import { NO_RESTRICTIONS } from '../../shared/policy';
import { presenceNotifications } from './presence-notifications';

const member = (id: string): Member => ({
  id,
  workspaceId: 'w',
  personId: id,
  email: `${id}@example.com`,
  displayName: id.toUpperCase(),
  avatarDataUrl: null,
  level: 'agent',
  restrictions: { ...NO_RESTRICTIONS },
  status: 'active',
  teamId: null,
  invitedAt: 0,
  joinedAt: 0,
  lastSeenAt: null,
  isOnline: false,
  accessUntil: null,
  accessHeirId: null,
  version: 1,
});
const members = new Map(['me', 'ann', 'bob'].map((id) => [id, member(id)]));
const online = (memberId: string) => ({ memberId, isOnline: true, lastSeenAt: 1 });
const offline = (memberId: string) => ({ memberId, isOnline: false, lastSeenAt: 1 });
const wasOffline = () => false;
const wasOnline = () => true;

describe('D2: presence notifications', () => {
  const everyone: NotificationPreferences = { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false };

  it('D2: notifies when a watched member comes online', () => {
    expect(presenceNotifications([online('ann')], wasOffline, members, everyone, 'me')).toEqual([
      { memberId: 'ann', title: 'ANN is online', body: 'ann@example.com' },
    ]);
  });

  it('D2: going offline notifies only when asked for', () => {
    expect(presenceNotifications([offline('ann')], wasOnline, members, everyone, 'me')).toEqual([]);
    expect(presenceNotifications([offline('ann')], wasOnline, members, { ...everyone, notifyOffline: true }, 'me')).toHaveLength(1);
  });

  it('D2: "selected" watches only the chosen members; "nobody" none', () => {
    const selected: NotificationPreferences = { ...everyone, scope: 'selected', memberIds: ['bob'] };
    expect(presenceNotifications([online('ann'), online('bob')], wasOffline, members, selected, 'me').map((each) => each.memberId)).toEqual(['bob']);
    expect(presenceNotifications([online('bob')], wasOffline, members, { ...everyone, scope: 'nobody' }, 'me')).toEqual([]);
  });

  it('D2: never about yourself, nor when nothing changed, nor on the first presence list', () => {
    expect(presenceNotifications([online('me')], wasOffline, members, everyone, 'me')).toEqual([]);
    expect(presenceNotifications([online('ann')], wasOnline, members, everyone, 'me')).toEqual([]);
    expect(presenceNotifications([online('ann')], () => undefined, members, everyone, 'me')).toEqual([]);
  });
});
