// The core's ports inside the core host: the settings it was started with,
// and, for what only the parent can do, calls to the parent (./port-calls.ts).
import type { Logger } from 'pino';
import type { DesktopPorts } from '../desktop-ports';
import type { CoreHostSecret, CoreHostSettings } from './host-settings';
import { mirroredSecretStore } from './mirrored-secrets';
import type { PortCaller } from './port-caller';

export function remotePorts(settings: CoreHostSettings, secret: CoreHostSecret, parent: PortCaller, logger: Logger): DesktopPorts {
  // Nothing waits for these answers (the core goes on as it did in one process); a refusal is only worth a log line.
  const unanswered = (what: string) => (error: unknown) => logger.error({ err: error }, `the parent could not ${what}`);
  const addresses = settings.shareableAddresses;
  return {
    runtime: settings.runtime,
    appName: settings.appName,
    appVersion: settings.appVersion,
    dataDir: settings.dataDir,
    logger,
    secrets: mirroredSecretStore(secret, (value) => {
      const kept = value === null ? parent.call('secrets.clear', {}) : parent.call('secrets.save', { value });
      kept.catch(unanswered('keep the session token'));
    }),
    operatorHubUrl: settings.operatorHubUrl,
    ...(settings.migrations ? { migrations: settings.migrations } : {}),
    ...(addresses ? { shareableAddresses: () => addresses } : {}),
    ...(settings.syncBackoff ? { syncBackoff: settings.syncBackoff } : {}),
    chooseExportTarget: (suggestedName) => parent.call('chooseExportTarget', { suggestedName }),
    notify(title, body) {
      parent.call('notify', { title, body }).catch(unanswered('show a notification'));
    },
    async openExternal(url) {
      await parent.call('openExternal', { url });
    },
    ...(settings.canShowFolder ? { showFolder: (path: string) => parent.call('showFolder', { path }) } : {}),
  };
}
