// What the core host is told when it starts: the plain-data half of the
// core's ports (where its data is, which app it is, how it logs). The other
// half, what only the parent can do, stays with the parent (./port-calls.ts).
import type { Logger } from 'pino';
import { z } from 'zod';
import { shareableAddressSchema } from '../../../shared/api/sharing-contract';
import type { DesktopPorts } from '../desktop-ports';
import type { ParentPorts } from './port-calls';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const hostSettingsSchema = z.strictObject({
  runtime: z.enum(['electron', 'node']),
  appName: z.string().min(1).max(100),
  appVersion: z.string().min(1).max(100),
  dataDir: z.string().min(1),
  /** The parent's level: the host only sends what the parent would write. */
  logLevel: z.enum(LOG_LEVELS),
  migrations: z.strictObject({ hub: z.string().min(1).optional(), replica: z.string().min(1).optional() }).nullable(),
  operatorHubUrl: z.string().nullable(),
  /** A fixed list (tests); null: the host reads this computer's addresses itself, each time they are asked for. */
  shareableAddresses: z.array(shareableAddressSchema).nullable(),
  syncBackoff: z.strictObject({ initialMs: z.number().int().positive(), maxMs: z.number().int().positive() }).nullable(),
  /** Whether the parent has a file manager to show a folder in (the web console has none). */
  canShowFolder: z.boolean(),
});
export type CoreHostSettings = z.infer<typeof hostSettingsSchema>;

/** The session token as the parent keeps it, handed to the host at each start (./mirrored-secrets.ts). */
export const hostSecretSchema = z.strictObject({ kind: z.enum(['os', 'plaintext']), value: z.string().nullable() });
export type CoreHostSecret = z.infer<typeof hostSecretSchema>;

function isLogLevel(level: string): level is CoreHostSettings['logLevel'] {
  return (LOG_LEVELS as readonly string[]).includes(level);
}

/** The parent's level, for the host: it sends only what the parent would write (a custom level counts as info). */
export function hostLogLevel(logger: Logger): CoreHostSettings['logLevel'] {
  return isLogLevel(logger.level) ? logger.level : 'info';
}

/**
 * Splits ports made for an in-process core (createElectronPorts,
 * createNodePorts) into what the parent keeps and what the host is told, so
 * both ways of running the core start from the same ports.
 */
export function splitDesktopPorts(ports: DesktopPorts): { parent: ParentPorts; settings: CoreHostSettings } {
  const { chooseExportTarget, notify, openExternal, showFolder, secrets } = ports;
  return {
    parent: { chooseExportTarget, notify, openExternal, secrets, ...(showFolder ? { showFolder } : {}) },
    settings: {
      runtime: ports.runtime,
      appName: ports.appName,
      appVersion: ports.appVersion,
      dataDir: ports.dataDir,
      logLevel: hostLogLevel(ports.logger),
      migrations: ports.migrations ?? null,
      operatorHubUrl: ports.operatorHubUrl ?? null,
      shareableAddresses: ports.shareableAddresses?.() ?? null,
      syncBackoff: ports.syncBackoff ?? null,
      canShowFolder: showFolder !== undefined,
    },
  };
}
