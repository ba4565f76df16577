// The open workspace without its lists (issue 12): who the signed-in member
// is and what they may do, the workspace, their preferences and the counts
// the pages show, all from the core's `workspace.summary`, refreshed when
// `lists.changed` says the summary (or the self's row) changed. The lists
// themselves are windows the pages ask the core for (use-list-window.ts).
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { UnreadableCounts } from '@shared/api/contract';
import type { ListsChanged, WorkspaceSummary } from '@shared/api/list-queries-contract';
import { NO_UNREADABLE, unreadableCountsSchema } from '@shared/api/session-schemas';
import type { Action, Actor } from '@shared/policy';
import { decide } from '@shared/policy';
import { callApi, onApiEvent } from '../api/client';

/** Whether a `lists.changed` may have changed the summary: its own flag, or the self's row (level, presence). */
function isSummaryTouched(change: ListsChanged, selfId: string | null): boolean {
  if (change.isSummaryChanged || change.members === 'all') return true;
  return selfId !== null && change.members.includes(selfId);
}

export const useWorkspaceStore = defineStore('workspace', () => {
  const summary = shallowRef<WorkspaceSummary | null>(null);
  const isLoaded = shallowRef(false);
  /** Records the hub sent that this version could not read: left out, and said so. */
  const unreadable = shallowRef<UnreadableCounts>(NO_UNREADABLE);
  /** Set while the web console cannot hear the core: nobody is known to be online (D1). */
  const isEveryoneOffline = shallowRef(false);

  const workspace = computed(() => summary.value?.workspace ?? null);
  const organizationName = computed(() => summary.value?.organization.name ?? '');
  const preferences = computed(() => summary.value?.preferences ?? null);
  const syncedAt = computed(() => summary.value?.syncedAt ?? null);
  const counts = computed(() => summary.value?.counts ?? null);
  const self = computed(() => {
    const row = summary.value?.self ?? null;
    return row && isEveryoneOffline.value ? { ...row, isOnline: false } : row;
  });
  const selfMemberId = computed(() => self.value?.id ?? null);
  const actor = computed<Actor | null>(() =>
    self.value && workspace.value
      ? { memberId: self.value.id, level: self.value.level, restrictions: self.value.restrictions, plan: workspace.value.plan, teamId: self.value.teamId }
      : null,
  );
  /** V4 needs it for every edit and revoke decision: counted by the replica, not by the renderer. */
  const activeOwnerCount = computed(() => summary.value?.counts.activeOwners ?? 0);
  /** V4 with issue 13.2: active Owners whose access does not end. */
  const openEndedOwnerCount = computed(() => summary.value?.counts.openEndedOwners ?? 0);

  function can(action: Action): boolean {
    return actor.value ? decide(actor.value, action).allowed : false;
  }

  function reason(action: Action): string | null {
    if (!actor.value) return null;
    const decision = decide(actor.value, action);
    return decision.allowed ? null : decision.message;
  }

  // The latest request wins: a summary asked before a change must not overwrite one asked after it.
  let summaryRequest = 0;
  async function loadSummary(): Promise<void> {
    const request = (summaryRequest += 1);
    const result = await callApi('workspace.summary', undefined);
    if (request !== summaryRequest || !result.ok) return;
    summary.value = result.value;
    // Forward-compatible: the records left out, once the summary carries them (asked of the core's owner).
    const carried = result.value && 'unreadable' in result.value ? unreadableCountsSchema.safeParse(result.value.unreadable) : null;
    if (carried?.success) unreadable.value = carried.data;
    isEveryoneOffline.value = false;
    isLoaded.value = true;
  }


  async function load(): Promise<void> {
    await loadSummary();
  }

  /** The web console lost the core: nobody is known to be online (D1) until it answers again. */
  function markEveryoneOffline(): void {
    isEveryoneOffline.value = true;
  }

  function listen(): void {
    onApiEvent((event) => {
      if (event.name === 'lists.changed' && isSummaryTouched(event.payload, selfMemberId.value)) void loadSummary();
      if (event.name === 'workspace.snapshot') unreadable.value = event.payload.unreadable;
      if (event.name === 'workspace.unreadable') unreadable.value = event.payload;
      if (event.name === 'session.changed') void load();
    });
  }

  return {
    workspace,
    organizationName,
    selfMemberId,
    preferences,
    syncedAt,
    counts,
    isLoaded,
    unreadable,
    isEveryoneOffline,
    self,
    actor,
    activeOwnerCount,
    openEndedOwnerCount,
    can,
    reason,
    load,
    loadSummary,
    listen,
    markEveryoneOffline,
  };
});
