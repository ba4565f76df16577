// Where the main process finds its own files. The bundles sit beside it in
// out/ (inside app.asar once packaged); the icons are read by the OS (tray,
// window, notifications) as plain files, so the package carries them outside
// the asar (electron-builder.yml's extraResources: resources/resources/) and
// a checkout has them in the repo's resources/. Pure, so that
// electron/main/packaged-layout.test.ts can check every path against a real
// packaged layout.
import { join } from 'node:path';
import type { ConnectionState } from '../../shared/api/contract';
import { coreHostBundle } from '../core/process/core-host-bundle';

export interface AppLocation {
  /** Electron's app.isPackaged. */
  isPackaged: boolean;
  /** Electron's process.resourcesPath (the package's resources/ folder). */
  resourcesPath: string;
  /** The folder of the main bundle (out/main), in the asar when packaged. */
  mainDir: string;
}

export interface AppPaths {
  /** out/: main/, preload/ and renderer/. */
  outDir: string;
  preload: string;
  /** The core host bundle, run in a utility process (electron/core/process). */
  coreHost: string;
  rendererIndex: string;
  /** The drizzle migrations, as createElectronPorts takes them (root) and as it reads them. */
  migrations: { root: string; hub: string; replica: string };
  /** The folder of the icons, as GatehouseTray takes it. */
  iconsDir: string;
  windowIcon: string;
  trayIcons: Record<ConnectionState['status'], string>;
}

export function appPaths({ isPackaged, resourcesPath, mainDir }: AppLocation): AppPaths {
  const outDir = join(mainDir, '..');
  const iconsDir = isPackaged ? join(resourcesPath, 'resources') : join(outDir, '..', 'resources');
  const trayIcon = (status: ConnectionState['status']): string => join(iconsDir, `tray-${status}.png`);
  return {
    outDir,
    preload: join(outDir, 'preload', 'index.cjs'),
    coreHost: coreHostBundle(mainDir),
    rendererIndex: join(outDir, 'renderer', 'index.html'),
    migrations: { root: join(mainDir, 'migrations'), hub: join(mainDir, 'migrations', 'hub'), replica: join(mainDir, 'migrations', 'replica') },
    iconsDir,
    windowIcon: join(iconsDir, 'icon.png'),
    trayIcons: { online: trayIcon('online'), connecting: trayIcon('connecting'), offline: trayIcon('offline') },
  };
}
