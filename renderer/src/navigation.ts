// The app's pages and the permission that opens each: the navigation shows
// only what the signed-in member may use (section L), and the router refuses
// the rest. "Hub settings" is not a workspace permission but the hub's own:
// it is for the person who runs the hub, so it is shown only where this app
// runs it (isNavigationItemShown); on someone else's hub the page says who
// sets these. Its `requires` keeps it among the settings pages until then.
import type { Action } from '@shared/policy';

export interface NavigationItem {
  name: string;
  path: string;
  title: string;
  icon: string;
  /** The action the policy must allow for the page to exist for this member. */
  requires: Action;
  /** Shown only where this app runs the hub it is connected to (the operator's page, not a workspace's). */
  isForHubRunner?: true;
}

export const NAVIGATION: readonly NavigationItem[] = [
  { name: 'users', path: '/users', title: 'Users', icon: 'mdi-account-multiple', requires: { type: 'module.open', module: 'settings_users' } },
  { name: 'teams', path: '/teams', title: 'Teams', icon: 'mdi-account-group', requires: { type: 'module.open', module: 'settings_teams' } },
  { name: 'contacts', path: '/contacts', title: 'Contacts', icon: 'mdi-card-account-details', requires: { type: 'module.open', module: 'contacts' } },
  { name: 'messages', path: '/messages', title: 'Messages', icon: 'mdi-message-text', requires: { type: 'module.open', module: 'messages' } },
  { name: 'matrix', path: '/matrix', title: 'Permissions', icon: 'mdi-table-check', requires: { type: 'module.open', module: 'settings_users' } },
  { name: 'workspace', path: '/workspace', title: 'Workspace', icon: 'mdi-office-building-cog', requires: { type: 'module.open', module: 'settings_general' } },
  { name: 'organization', path: '/organization', title: 'Organization', icon: 'mdi-domain', requires: { type: 'organization.view' } },
  { name: 'audit', path: '/audit', title: 'Audit log', icon: 'mdi-history', requires: { type: 'audit.view' } },
  // Issue 13.1: reviewing access is managing users (U1), as the hub checks it: Owners and Managers without the Workspace Settings restriction.
  { name: 'access-reviews', path: '/access-reviews', title: 'Access reviews', icon: 'mdi-account-check', requires: { type: 'module.open', module: 'settings_users' } },
  { name: 'profile', path: '/profile', title: 'Profile', icon: 'mdi-account-circle', requires: { type: 'module.open', module: 'user_profile' } },
  {
    name: 'notifications',
    path: '/notifications',
    title: 'Notification preferences',
    icon: 'mdi-bell-cog',
    requires: { type: 'module.open', module: 'notification_preferences' },
  },
  {
    name: 'hub-settings',
    path: '/hub-settings',
    title: 'Hub settings',
    icon: 'mdi-server-network',
    requires: { type: 'module.open', module: 'settings_general' },
    isForHubRunner: true,
  },
];

/** Whether the navigation offers `item`: the member may open it and, for the hub's own page, this app runs the hub. */
export function isNavigationItemShown(item: NavigationItem, can: (action: Action) => boolean, isHubRunner: boolean): boolean {
  return can(item.requires) && (!item.isForHubRunner || isHubRunner);
}
