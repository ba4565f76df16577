// D2: the tray icon shows the connection to the hub and opens the window.
import { join } from 'node:path';
import { Menu, nativeImage, Tray } from 'electron';
import type { ConnectionState } from '../../shared/api/contract';

const LABEL = { online: 'Connected to the hub', connecting: 'Connecting to the hub…', offline: 'Offline: showing the last synced copy' } as const;

export class GatehouseTray {
  private readonly tray: Tray;

  constructor(
    private readonly resourcesDir: string,
    private readonly showWindow: () => void,
    private readonly quit: () => void,
  ) {
    this.tray = new Tray(this.icon('offline'));
    this.tray.on('click', showWindow);
    this.update({ status: 'offline', detail: null, retryAt: null });
  }

  update(state: ConnectionState): void {
    this.tray.setImage(this.icon(state.status));
    const status = state.detail && state.status !== 'online' ? `${LABEL[state.status]} (${state.detail})` : LABEL[state.status];
    this.tray.setToolTip(`Gatehouse: ${status}`);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: status, enabled: false },
        { type: 'separator' },
        { label: 'Open Gatehouse', click: this.showWindow },
        { label: 'Quit', click: this.quit },
      ]),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }

  private icon(status: ConnectionState['status']) {
    return nativeImage.createFromPath(join(this.resourcesDir, `tray-${status}.png`));
  }
}
