// D5: "start a workspace on this computer": the desktop runs the hub itself,
// with its data in the app's data folder, on 127.0.0.1 (or, when shared, on
// every interface so other desktops on the local network can connect).
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { RunningHub } from '../../hub';
import { HUB_DEFAULTS, startHub } from '../../hub';

export interface LocalHubSettings {
  dataDir: string;
  port: number | null;
  isShared: boolean;
  logger: Logger;
  migrationsDir?: string;
}

export interface LocalHub {
  hub: RunningHub;
  /** What this desktop connects to. */
  localUrl: string;
  /** What other desktops and invitation links use. */
  publicUrl: string;
  port: number;
}

/** The first private IPv4 address of this machine, for links other desktops can open. */
export function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
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

export async function startLocalHub(settings: LocalHubSettings): Promise<LocalHub> {
  const host = settings.isShared ? '0.0.0.0' : '127.0.0.1';
  const hubDir = join(settings.dataDir, 'local-hub');
  const common = { dataDir: hubDir, host, logger: settings.logger, ...(settings.migrationsDir ? { migrationsDir: settings.migrationsDir } : {}) };
  const wanted = settings.port ?? HUB_DEFAULTS.port;
  const start = async (port: number): Promise<LocalHub> => {
    // The public address must be known before the hub starts (it goes into links), so the port is fixed first.
    const publicUrl = `http://${settings.isShared ? lanAddress() : '127.0.0.1'}:${port}`;
    const hub = await startHub({ ...common, port, publicUrl });
    return { hub, localUrl: `http://127.0.0.1:${hub.port}`, publicUrl, port: hub.port };
  };
  try {
    return await start(wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || settings.port !== null) throw error;
    // First run and the default port is taken: take a free one (the caller remembers it).
    return start(await freePort(host));
  }
}
