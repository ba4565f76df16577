// Handlers of "Hub settings" (see shared/api/hub-settings-contract.ts): each
// is one call to the operator's controls of the hub this app runs, in-process;
// the core refuses them, in words, for a hub it does not run. The hub's own
// refusals (a workspace it does not have) keep their code and sentence.
import type { ApiHandlers } from '../../../shared/api/contract';
import { HubFailure } from '../../../hub';
import { ApiFailure } from '../api-failure';
import type { DesktopCore } from '../desktop-core';

type HubSettingsHandlers = Pick<ApiHandlers, Extract<keyof ApiHandlers, `hubSettings.${string}`>>;

/** The hub's refusal as the renderer reads any refusal. */
async function asApiCall<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HubFailure) throw new ApiFailure(error.code, error.message, error.rule);
    throw error;
  }
}

export function hubSettingsHandlers(core: DesktopCore): HubSettingsHandlers {
  const admin = () => core.localHubAdmin();
  return {
    'hubSettings.get': () => core.hubSettingsState(),
    'hubSettings.setMail': (input) => asApiCall(() => admin().setMail(input)),
    'hubSettings.clearMail': () => asApiCall(() => admin().clearMail()),
    'hubSettings.sendTestEmail': (input) => asApiCall(() => admin().sendTestEmail(input.to, input.candidate)),
    'hubSettings.setPublicUrl': async (input) => {
      const view = await asApiCall(() => admin().setPublicUrl(input.publicUrl));
      await core.localHubAddressChanged();
      return view;
    },
    'hubSettings.listWorkspaces': () => asApiCall(() => admin().listWorkspaces()),
    'hubSettings.planChangeEffects': (input) => asApiCall(() => admin().planChangeEffects(input.workspaceId, input.plan)),
    'hubSettings.setPlan': (input) => asApiCall(() => admin().setPlan(input.workspaceId, input.plan)),
  };
}
