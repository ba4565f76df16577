// The app window: sandboxed, context-isolated, no Node in the renderer.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import { hardenWebContents } from './security';

export interface RendererLocation {
  /** The dev server while developing, or the built index.html. */
  url: string;
  isAppUrl: (url: string) => boolean;
}

export function rendererLocation(devServerUrl: string | undefined, outDir: string): RendererLocation {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return { url: devServerUrl, isAppUrl: (url) => url.startsWith(`${origin}/`) || url === origin };
  }
  const index = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  return { url: index, isAppUrl: (url) => url.split('#')[0] === index };
}

export function createMainWindow(location: RendererLocation, outDir: string, iconPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Gatehouse',
    icon: iconPath,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open links in new windows (navigation is limited to the app).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(window.webContents, location.isAppUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(location.url);
  return window;
}
