// "Hub settings": what the person who runs the hub this app started sets on
// it (invitation email, the public address, each workspace's plan), through
// the core, which answers only for a hub it runs. What the Workspace page
// shows about email and the plan comes from the hub too, so after each
// change made here it is asked again.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { HubSettingsState, TestEmailInput } from '@shared/api/contract';
import type { HubSettingsView, HubWorkspaceSummary, MailSettingsInput, PlanChangeEffects, TestEmailResult } from '@shared/domain';
import type { Plan } from '@shared/policy';
import { callOrThrow } from '../api/client';
import { useWorkspaceFactsStore } from './workspace-facts';

export const useHubSettingsStore = defineStore('hub-settings', () => {
  /** null until first read. */
  const state = shallowRef<HubSettingsState | null>(null);
  const workspaces = shallowRef<HubWorkspaceSummary[]>([]);
  const isLoading = shallowRef(false);
  const error = shallowRef<string | null>(null);

  function adopt(settings: HubSettingsView): void {
    state.value = { isLocalHub: true, settings };
  }

  /** The hub's facts changed from here: what the Workspace page shows is asked again. */
  function factsChanged(): void {
    void useWorkspaceFactsStore().load();
  }

  async function load(): Promise<void> {
    isLoading.value = true;
    error.value = null;
    try {
      state.value = await callOrThrow('hubSettings.get', undefined);
      workspaces.value = state.value.isLocalHub ? await callOrThrow('hubSettings.listWorkspaces', undefined) : [];
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      isLoading.value = false;
    }
  }

  /** Returns the settings as stored now, for the form to show. */
  async function saveMail(input: MailSettingsInput): Promise<HubSettingsView> {
    const settings = await callOrThrow('hubSettings.setMail', input);
    adopt(settings);
    factsChanged();
    return settings;
  }

  async function clearMail(): Promise<void> {
    adopt(await callOrThrow('hubSettings.clearMail', undefined));
    factsChanged();
  }

  function sendTestEmail(input: TestEmailInput): Promise<TestEmailResult> {
    return callOrThrow('hubSettings.sendTestEmail', input);
  }

  /** Returns the settings as stored now (the address as the hub keeps it, without a trailing slash). */
  async function savePublicUrl(publicUrl: string | null): Promise<HubSettingsView> {
    const settings = await callOrThrow('hubSettings.setPublicUrl', { publicUrl });
    adopt(settings);
    return settings;
  }

  function planChangeEffects(workspaceId: string, plan: Plan): Promise<PlanChangeEffects> {
    return callOrThrow('hubSettings.planChangeEffects', { workspaceId, plan });
  }

  async function setPlan(workspaceId: string, plan: Plan): Promise<PlanChangeEffects> {
    const effects = await callOrThrow('hubSettings.setPlan', { workspaceId, plan });
    workspaces.value = await callOrThrow('hubSettings.listWorkspaces', undefined);
    factsChanged();
    return effects;
  }

  return { state, workspaces, isLoading, error, load, saveMail, clearMail, sendTestEmail, savePublicUrl, planChangeEffects, setPlan };
});
