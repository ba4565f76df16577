// The one table of API handlers, served by both transports (Electron IPC and
// the web console's socket), so they cannot drift apart.
import type { ApiHandlers, HubInput } from '../../../shared/api/contract';
import type { HubRequestType } from '../../../shared/api/methods';
import { HUB_REQUEST_TYPES } from '../../../shared/api/methods';
import type { DesktopCore } from '../desktop-core';
import { bulkInvitationHandlers } from '../invitations/bulk-invitation-handlers';
import { accountHandlers } from './account-handlers';
import { hubRequestBody } from './hub-request-body';
import { hubSettingsHandlers } from './hub-settings-handlers';
import { listQueryHandlers } from './list-query-handlers';
import { myInvitationHandlers } from './my-invitation-handlers';

export interface AppFacts {
  name: string;
  version: string;
  runtime: 'electron' | 'node';
}

type HubHandlers = Pick<ApiHandlers, `hub.${HubRequestType}`>;

function hubHandlers(core: DesktopCore): HubHandlers {
  const entries = HUB_REQUEST_TYPES.map((type) => [`hub.${type}`, (input: HubInput<typeof type>) => core.hubRequest(type, hubRequestBody(type, input))]);
  return Object.fromEntries(entries) as HubHandlers;
}

export function createApiHandlers(core: DesktopCore, facts: AppFacts): ApiHandlers {
  return {
    'app.getInfo': () => ({
      ...facts,
      platform: process.platform,
      versions: Object.fromEntries(Object.entries(process.versions).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    }),
    'session.getState': () => core.sessionState(),
    'setup.startLocalWorkspace': (input) => core.startLocalWorkspace(input),
    'session.signIn': (input) => core.signIn(input.hubUrl, input.email, input.password),
    'session.completeSecondStep': (input) => core.completeSecondStep(input.code),
    'session.signOut': () => core.signOut(),
    'session.selectWorkspace': (input) => core.selectWorkspace(input.workspaceId),
    'invitation.preview': (input) => core.previewInvitation(input.hubUrl, input.token),
    'invitation.accept': (input) => core.acceptInvitation(input.hubUrl, input.token, input.password, input.displayName, input.isHubConfirmed),
    'workspace.get': () => core.workspaceView(),
    'members.exportCsv': () => core.exportMembersCsv(),
    'audit.exportCsv': (input) => core.exportAuditCsv(input),
    'links.openExternal': async (input) => {
      await core.openExternal(input.url);
      return {};
    },
    'connection.reconnect': () => {
      core.reconnectNow();
      return {};
    },
    'app.showLogs': () => core.showLogs(),
    'sharing.getOptions': () => core.sharingOptions(),
    'sharing.set': (input) => core.setSharing(input),
    ...accountHandlers(core),
    ...myInvitationHandlers(core),
    ...hubSettingsHandlers(core),
    ...listQueryHandlers(core),
    ...bulkInvitationHandlers(core),
    ...hubHandlers(core),
  };
}
