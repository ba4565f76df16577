// Where the running hub's settings come from, read at each use: a command-line
// option when one was given (it wins), else what the operator stored (from the
// desktop's "Hub settings" or `gatehouse-hub settings`), else the default. A
// change stored by another process (the command line on the same data folder)
// is seen at the next read, without a restart.
import type { HubSettingsView } from '../../shared/domain/hub-settings';
import { smtpUrlOf } from '../mail/configurable-mailer';
import type { MailSettings } from '../mail/mailer';
import type { HubStore } from '../store/hub-store';

export interface CommandLineSettings {
  publicUrl: string | null;
  mail: MailSettings | null;
}

export class HubSettingsSource {
  constructor(
    private readonly store: HubStore,
    private readonly commandLine: CommandLineSettings,
    /** Used in links when no public address is given or stored: the hub's own http://host:port, or the desktop's chosen one. */
    private readonly defaultUrl: string,
  ) {}

  publicUrl(): string {
    return (this.commandLine.publicUrl ?? this.store.settings.publicUrl() ?? this.defaultUrl).replace(/\/+$/, '');
  }

  mail(): MailSettings | null {
    if (this.commandLine.mail) return this.commandLine.mail;
    const stored = this.store.settings.mail();
    return stored ? { smtpUrl: smtpUrlOf(stored), from: stored.from } : null;
  }

  /** The settings as a person may read them: never the SMTP password, only whether one is stored. */
  view(): HubSettingsView {
    const stored = this.store.settings.mail();
    const storedUrl = this.store.settings.publicUrl();
    return {
      mail: stored
        ? { host: stored.host, port: stored.port, security: stored.security, user: stored.user, hasPassword: Boolean(stored.password), from: stored.from }
        : null,
      publicUrl: storedUrl,
      effective: {
        isMailConfigured: this.mail() !== null,
        mailSource: this.commandLine.mail ? 'command_line' : stored ? 'stored' : 'none',
        publicUrl: this.publicUrl(),
        publicUrlSource: this.commandLine.publicUrl ? 'command_line' : storedUrl ? 'stored' : 'default',
      },
    };
  }
}
