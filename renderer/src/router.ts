// Pages by hash (works from file:// in Electron and behind the web console).
// A page the member may not open redirects to the first one they may.
import { createRouter, createWebHashHistory } from 'vue-router';
import type { RouteRecordRaw } from 'vue-router';
import { NAVIGATION } from './navigation';
import { useWorkspaceStore } from './stores/workspace';

const PAGES: Record<string, () => Promise<unknown>> = {
  users: () => import('./pages/UsersPage.vue'),
  teams: () => import('./pages/TeamsPage.vue'),
  contacts: () => import('./pages/ContactsPage.vue'),
  messages: () => import('./pages/MessagesPage.vue'),
  matrix: () => import('./pages/PermissionMatrixPage.vue'),
  workspace: () => import('./pages/WorkspacePage.vue'),
  organization: () => import('./pages/OrganizationPage.vue'),
  audit: () => import('./pages/AuditPage.vue'),
  'access-reviews': () => import('./pages/AccessReviewsPage.vue'),
  profile: () => import('./pages/ProfilePage.vue'),
  notifications: () => import('./pages/NotificationPreferencesPage.vue'),
  'hub-settings': () => import('./pages/HubSettingsPage.vue'),
};

const routes: RouteRecordRaw[] = [
  ...NAVIGATION.map((item) => ({ path: item.path, name: item.name, component: PAGES[item.name] ?? PAGES['profile'] })),
  { path: '/', name: 'home', component: () => import('./pages/HomeRedirect.vue') },
  { path: '/:anything(.*)*', redirect: '/' },
] as RouteRecordRaw[];

export function firstAllowedPath(): string {
  const workspace = useWorkspaceStore();
  return NAVIGATION.find((item) => workspace.can(item.requires))?.path ?? '/profile';
}

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach((to) => {
  const item = NAVIGATION.find((each) => each.name === to.name);
  const workspace = useWorkspaceStore();
  if (item && workspace.actor && !workspace.can(item.requires)) return firstAllowedPath();
  return true;
});
