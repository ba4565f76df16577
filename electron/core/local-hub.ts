// D5: "start a workspace on this computer": the desktop runs the hub itself,
// with its data in the app's data folder, on 127.0.0.1, or, when shared, on
// every interface so other desktops can connect. Its public address (what
// invitation links name) is the operator's when one is set, else the address
// of this computer the person chose; never a guess.
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

export interface LocalHub {
  hub: RunningHub;
  /** What this desktop connects to. */
  localUrl: string;
  /** What other desktops and invitation links use. */
  publicUrl: string;
  /** Where `publicUrl` comes from. */
  publicUrlSource: 'operator' | 'chosen' | 'loopback';
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
    // The public address must be known before the hub starts (it goes into links), so the port is fixed first.
    const source = settings.operatorUrl ? 'operator' : settings.isShared && settings.address ? 'chosen' : 'loopback';
    const publicUrl =
      source === 'operator' ? (settings.operatorUrl ?? '').replace(/\/+$/, '') : hubUrlAt(source === 'chosen' ? (settings.address ?? '') : '127.0.0.1', port);
    const hub = await startHub({ ...common, port, publicUrl });
    return {
      hub,
      localUrl: `http://127.0.0.1:${hub.port}`,
      publicUrl,
      publicUrlSource: source,
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
