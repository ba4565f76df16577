// What the core needs from where it runs: Electron gives it native dialogs and
// notifications; the web console gives it downloads and no notifications.
import type { Logger } from 'pino';
import type { ShareableAddress } from '../../shared/api/sharing-contract';
import type { SecretStore } from './secret-store';
import type { BackoffSettings } from './sync/backoff';

export type ExportTarget = { kind: 'file'; path: string } | { kind: 'download'; path: string; url: string; fileName: string };

export interface DesktopPorts {
  runtime: 'electron' | 'node';
  appName: string;
  appVersion: string;
  dataDir: string;
  secrets: SecretStore;
  logger: Logger;
  /** D3: where to write an export (the save-as dialog), or null when the person cancelled. */
  chooseExportTarget(suggestedName: string): Promise<ExportTarget | null>;
  /** D2: a native notification. */
  notify(title: string, body: string): void;
  openExternal(url: string): Promise<void>;
  /**
   * Shows a folder in the system's file manager; false (or absent: the web
   * console, tests) where there is none, so the person is given the path.
   */
  showFolder?(path: string): Promise<boolean>;
  /** Folders of the drizzle migrations when bundled; the defaults work from source. */
  migrations?: { hub?: string; replica?: string };
  /**
   * An operator's explicit public address for the hub this app runs
   * (GATEHOUSE_PUBLIC_URL): invitation links name it, whatever address the
   * person picked. Null or absent: the person's choice.
   */
  operatorHubUrl?: string | null;
  /** This computer's addresses others might reach (tests give a fixed list). */
  shareableAddresses?: () => ShareableAddress[];
  /** Reconnect delays (tests shorten them). */
  syncBackoff?: BackoffSettings;
}
