// D5: "start a workspace on this computer": the desktop runs the hub itself,
// with its data in the app's data folder, on 127.0.0.1, or, when shared, on
// every interface so other desktops can connect. Its public address (what
// invitation links name) is, first to last: the operator's
// GATEHOUSE_PUBLIC_URL, the one stored in "Hub settings", the address of this
// computer the person chose, 127.0.0.1; never a guess. The environment wins
// over the stored one as a standalone hub's --public-url does: it is set
// outside the app on purpose (a reverse proxy, say), and "Hub settings" says
// that it wins.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { RunningHub } from '../../hub';
import { HUB_DEFAULTS, startHub } from '../../hub';
import { hubUrlAt } from './network-addresses';

export interface LocalHubSettings {
  dataDir: string;
  port: number | null;
  isShared: boolean;
  /** The address of this computer that others use (chosen by the person), when shared. */
  address: string | null;
  /** An operator's explicit public address (GATEHOUSE_PUBLIC_URL); wins over `address`. */
  operatorUrl: string | null;
  logger: Logger;
  migrationsDir?: string;
}

/** Where the public address comes from: GATEHOUSE_PUBLIC_URL, "Hub settings", the chosen address, or this computer only. */
export type LocalHubUrlSource = 'operator' | 'hub_settings' | 'chosen' | 'loopback';

export interface LocalHub {
  hub: RunningHub;
  /** What this desktop connects to. */
  localUrl: string;
  /** What other desktops and invitation links use now (read at each call: "Hub settings" may change it while the hub runs). */
  publicUrl(): Promise<string>;
  publicUrlSource(): Promise<LocalHubUrlSource>;
  /** Whether `url` names this hub: its loopback address, its public one, or the address chosen for it. */
  isOwnUrl(url: string): Promise<boolean>;
  port: number;
  /** The interfaces it listens on. */
  host: string;
  isShared: boolean;
  address: string | null;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Shared on an IPv6 address needs an IPv6 socket ('::' takes IPv4 too where the system allows); otherwise every IPv4 interface. */
export function listenHost(isShared: boolean, address: string | null): string {
  if (!isShared) return '127.0.0.1';
  return address?.includes(':') ? '::' : '0.0.0.0';
}

export async function startLocalHub(settings: LocalHubSettings): Promise<LocalHub> {
  const host = listenHost(settings.isShared, settings.address);
  const hubDir = join(settings.dataDir, 'local-hub');
  const common = { dataDir: hubDir, host, logger: settings.logger, ...(settings.migrationsDir ? { migrationsDir: settings.migrationsDir } : {}) };
  const wanted = settings.port ?? HUB_DEFAULTS.port;
  const start = async (port: number): Promise<LocalHub> => {
    // The chosen address names the port, so the port is fixed before the hub starts.
    const chosenUrl = hubUrlAt(settings.isShared && settings.address ? settings.address : '127.0.0.1', port);
    const operatorUrl = settings.operatorUrl?.replace(/\/+$/, '') || null;
    const hub = await startHub({ ...common, port, defaultPublicUrl: chosenUrl, ...(operatorUrl ? { publicUrl: operatorUrl } : {}) });
    const localUrl = `http://127.0.0.1:${hub.port}`;
    const publicUrl = async (): Promise<string> => (await hub.admin.getSettings()).effective.publicUrl;
    return {
      hub,
      localUrl,
      publicUrl,
      publicUrlSource: async () => {
        const source = (await hub.admin.getSettings()).effective.publicUrlSource;
        if (source === 'command_line') return 'operator';
        if (source === 'stored') return 'hub_settings';
        return settings.isShared && settings.address ? 'chosen' : 'loopback';
      },
      isOwnUrl: async (url) => [localUrl, await publicUrl(), chosenUrl].includes(url.trim().replace(/\/+$/, '')),
      port: hub.port,
      host,
      isShared: settings.isShared,
      address: settings.isShared ? settings.address : null,
    };
  };
  try {
    return await start(wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || settings.port !== null) throw error;
    // First run and the default port is taken: take a free one (the caller remembers it).
    return start(await freePort(host));
  }
}
