// D2: which presence changes deserve a native notification, following the
// person's Notification Preferences (kept on the hub).
import type { Member, NotificationPreferences } from '../../shared/domain';
import type { Presence } from '../../shared/protocol';

export interface PresenceNotification {
  memberId: string;
  title: string;
  body: string;
}

function isWatched(preferences: NotificationPreferences, memberId: string): boolean {
  if (preferences.scope === 'nobody') return false;
  return preferences.scope === 'everyone' || preferences.memberIds.includes(memberId);
}

/**
 * Notifications for members whose online state changed; `wasOnline` is what
 * the desktop knew before. Yourself and unknown members never notify.
 */
export function presenceNotifications(
  updates: readonly Presence[],
  wasOnline: (memberId: string) => boolean | undefined,
  members: ReadonlyMap<string, Member>,
  preferences: NotificationPreferences,
  selfMemberId: string,
): PresenceNotification[] {
  const notifications: PresenceNotification[] = [];
  for (const update of updates) {
    const before = wasOnline(update.memberId);
    const member = members.get(update.memberId);
    if (!member || update.memberId === selfMemberId || before === undefined || before === update.isOnline) continue;
    if (!isWatched(preferences, update.memberId)) continue;
    if (update.isOnline && preferences.notifyOnline) {
      notifications.push({ memberId: member.id, title: `${member.displayName} is online`, body: member.email });
    } else if (!update.isOnline && preferences.notifyOffline) {
      notifications.push({ memberId: member.id, title: `${member.displayName} went offline`, body: member.email });
    }
  }
  return notifications;
}
