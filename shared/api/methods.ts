// The names of the calls the renderer can make and of the events it receives,
// with no dependency at all, so the sandboxed preload can check a channel
// without bundling the schemas.
export const API_CHANNEL_PREFIX = 'gatehouse:' as const;
export const API_EVENT_CHANNEL = 'gatehouse:event' as const;

/** Calls answered by the desktop core itself. */
export const LOCAL_METHOD_NAMES = [
  'app.getInfo',
  'session.getState',
  'setup.startLocalWorkspace',
  'session.signIn',
  'session.completeSecondStep',
  'session.signOut',
  'session.selectWorkspace',
  'invitation.preview',
  'invitation.accept',
  'workspace.get',
  'members.exportCsv',
  'links.openExternal',
  'account.changePassword',
  'account.signOutOthers',
  'account.requestPasswordReset',
  'account.hubInfo',
  'account.twoStepStatus',
  'account.twoStepEnrol',
  'account.twoStepConfirm',
  'account.twoStepNewRecoveryCodes',
  'account.twoStepDisable',
  'invitation.listMine',
  'invitation.acceptMine',
  'invitation.decline',
  'sharing.getOptions',
  'sharing.set',
  'connection.reconnect',
  'app.showLogs',
  'members.query',
  'members.pick',
  'members.byIds',
  'teams.query',
  'contacts.query',
  'workspace.summary',
  'hubSettings.get',
  'hubSettings.setMail',
  'hubSettings.clearMail',
  'hubSettings.sendTestEmail',
  'hubSettings.setPublicUrl',
  'hubSettings.listWorkspaces',
  'hubSettings.planChangeEffects',
  'hubSettings.setPlan',
  'invitations.readList',
  'invitations.previewBulk',
  'invitations.sendBulk',
  'invitations.saveResults',
  'invitations.saveTemplate',
  'audit.exportCsv',
] as const;

/** Hub requests the renderer may make, each passed on as `hub.<type>`. */
export const HUB_REQUEST_TYPES = [
  'member.invite',
  'member.edit',
  'member.revoke',
  'member.set_team',
  'invitation.resend',
  'invitation.cancel',
  'members.export',
  'audit.list',
  'audit.export',
  'workspace.facts',
  'organization.people',
  'team.create',
  'team.rename',
  'team.delete',
  'contact.create',
  'contact.set_detail',
  'contact.assign',
  'contact.delete',
  'profile.update',
  'preferences.update',
  'members.bulk_invite_preview',
  'members.bulk_invite',
  'workspace.require_two_step',
  'review.start',
  'review.get',
  'review.decide',
  'review.schedule',
  'workspace.set_access_warning',
] as const;

export type LocalMethodName = (typeof LOCAL_METHOD_NAMES)[number];
export type HubRequestType = (typeof HUB_REQUEST_TYPES)[number];
export type HubMethodName = `hub.${HubRequestType}`;
export type ApiMethodName = LocalMethodName | HubMethodName;

export const API_METHOD_NAMES: readonly ApiMethodName[] = [
  ...LOCAL_METHOD_NAMES,
  ...HUB_REQUEST_TYPES.map((type) => `hub.${type}` as const),
];

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (API_METHOD_NAMES as readonly string[]).includes(name);
}

export function apiChannel(method: ApiMethodName): `${typeof API_CHANNEL_PREFIX}${ApiMethodName}` {
  return `${API_CHANNEL_PREFIX}${method}`;
}

export const API_EVENT_NAMES = [
  'session.changed',
  'connection.changed',
  'workspace.snapshot',
  'workspace.changes',
  'workspace.unreadable',
  'presence.changed',
  'export.progress',
  'invitation.opened',
  'lists.changed',
  'sync.progress',
  'invitations.progress',
] as const;
export type ApiEventName = (typeof API_EVENT_NAMES)[number];
