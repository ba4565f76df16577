// The workspace as this member may see it, kept in step with the replica by
// the core's events: snapshots replace it, changes patch it, presence updates
// the dots. Large lists live in shallow refs so 100,000 members stay cheap.
import { defineStore } from 'pinia';
import { computed, shallowRef, triggerRef } from 'vue';
import type { UnreadableCounts, WorkspaceView } from '@shared/api/contract';
import { NO_UNREADABLE } from '@shared/api/session-schemas';
import type { Contact, Member, NotificationPreferences, Team, Workspace } from '@shared/domain';
import type { Action, Actor } from '@shared/policy';
import { decide } from '@shared/policy';
import type { Presence, WorkspaceChanges } from '@shared/protocol';
import { callApi, onApiEvent } from '../api/client';

function upsert<T extends { id: string }>(list: T[], upserted: T[], deleted: string[]): T[] {
  if (upserted.length === 0 && deleted.length === 0) return list;
  const byId = new Map(list.map((item) => [item.id, item]));
  for (const item of upserted) byId.set(item.id, item);
  for (const id of deleted) byId.delete(id);
  return [...byId.values()];
}

export const useWorkspaceStore = defineStore('workspace', () => {
  const workspace = shallowRef<Workspace | null>(null);
  const organizationName = shallowRef('');
  const selfMemberId = shallowRef<string | null>(null);
  const members = shallowRef<Member[]>([]);
  const teams = shallowRef<Team[]>([]);
  const contacts = shallowRef<Contact[]>([]);
  const preferences = shallowRef<NotificationPreferences | null>(null);
  const presence = shallowRef(new Map<string, Presence>());
  const syncedAt = shallowRef<number | null>(null);
  const isLoaded = shallowRef(false);
  /** Records the hub sent that this version could not read: left out, and said so. */
  const unreadable = shallowRef<UnreadableCounts>(NO_UNREADABLE);

  const self = computed(() => members.value.find((member) => member.id === selfMemberId.value) ?? null);
  const actor = computed<Actor | null>(() =>
    self.value && workspace.value
      ? { memberId: self.value.id, level: self.value.level, restrictions: self.value.restrictions, plan: workspace.value.plan, teamId: self.value.teamId }
      : null,
  );
  const teamNames = computed(() => new Map(teams.value.map((team) => [team.id, team.name])));
  const membersById = computed(() => new Map(members.value.map((member) => [member.id, member])));
  /** V4 needs it for every edit and revoke decision: counted once per member list, not once per row. */
  const activeOwnerCount = computed(() => members.value.filter((member) => member.level === 'owner' && member.status === 'active').length);

  function can(action: Action): boolean {
    return actor.value ? decide(actor.value, action).allowed : false;
  }

  function reason(action: Action): string | null {
    if (!actor.value) return null;
    const decision = decide(actor.value, action);
    return decision.allowed ? null : decision.message;
  }

  function applyView(view: WorkspaceView | null): void {
    isLoaded.value = true;
    unreadable.value = view?.unreadable ?? NO_UNREADABLE;
    if (!view) {
      workspace.value = null;
      members.value = [];
      teams.value = [];
      contacts.value = [];
      return;
    }
    workspace.value = view.snapshot.workspace;
    organizationName.value = view.snapshot.organization.name;
    selfMemberId.value = view.snapshot.selfMemberId;
    members.value = view.snapshot.members;
    teams.value = view.snapshot.teams;
    contacts.value = view.snapshot.contacts;
    preferences.value = view.snapshot.preferences;
    syncedAt.value = view.syncedAt;
    presence.value = new Map(view.presence.map((each) => [each.memberId, each]));
  }

  function applyChanges(changes: WorkspaceChanges): void {
    if (changes.workspace) workspace.value = changes.workspace;
    if (changes.preferences) preferences.value = changes.preferences;
    members.value = upsert(members.value, changes.members.upserted, changes.members.deleted);
    teams.value = upsert(teams.value, changes.teams.upserted, changes.teams.deleted);
    contacts.value = upsert(contacts.value, changes.contacts.upserted, changes.contacts.deleted);
    syncedAt.value = Date.now();
  }

  function applyPresence(updates: Presence[]): void {
    for (const update of updates) presence.value.set(update.memberId, update);
    triggerRef(presence);
  }

  /** Nobody is known to be online while the hub (or the web console) cannot be heard (D1). */
  function markEveryoneOffline(): void {
    presence.value = new Map([...presence.value].map(([id, each]) => [id, { ...each, isOnline: false }]));
  }

  async function load(): Promise<void> {
    const result = await callApi('workspace.get', undefined);
    if (result.ok) applyView(result.value);
  }

  function listen(): void {
    onApiEvent((event) => {
      if (event.name === 'workspace.snapshot') applyView(event.payload);
      if (event.name === 'workspace.changes') applyChanges(event.payload.changes);
      if (event.name === 'presence.changed') applyPresence(event.payload);
      if (event.name === 'workspace.unreadable') unreadable.value = event.payload;
      if (event.name === 'connection.changed' && event.payload.status !== 'online') markEveryoneOffline();
      if (event.name === 'session.changed') void load();
    });
  }

  function isOnline(memberId: string): boolean {
    return presence.value.get(memberId)?.isOnline ?? false;
  }

  function lastSeenAt(member: Member): number | null {
    return presence.value.get(member.id)?.lastSeenAt ?? member.lastSeenAt;
  }

  return {
    workspace,
    organizationName,
    selfMemberId,
    members,
    teams,
    contacts,
    preferences,
    presence,
    syncedAt,
    isLoaded,
    unreadable,
    self,
    actor,
    teamNames,
    membersById,
    activeOwnerCount,
    can,
    reason,
    load,
    listen,
    markEveryoneOffline,
    isOnline,
    lastSeenAt,
  };
});
