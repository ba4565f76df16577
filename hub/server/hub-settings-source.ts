// Where the running hub's settings come from: a command-line option when one
// was given (it wins), else what the operator stored (from the desktop's "Hub
// settings" or `gatehouse-hub settings`), else the default. The store answers
// with promises while links and the mailer ask for the settings as plain
// values, so the stored ones are read into this object by `refresh`: at
// start, after the operator stores a change here, and at the start of every
// request that may use them (a socket request, an HTTP request, a pass of the
// due access work). So a change stored by another process (the command line
// on the same data folder) applies to the next request, without a restart.
import type { HubSettingsView } from '../../shared/domain/hub-settings';
import { smtpUrlOf } from '../mail/configurable-mailer';
import type { MailSettings } from '../mail/mailer';
import type { HubRepos } from '../store/hub-store';
import type { StoredMail } from '../store/repos/settings';

export interface CommandLineSettings {
  publicUrl: string | null;
  mail: MailSettings | null;
}

/** What refresh reads: the store, or a transaction's own store inside one. */
export type SettingsReader = Pick<HubRepos, 'settings'>;

export class HubSettingsSource {
  private storedMail: StoredMail | null = null;
  private storedUrl: string | null = null;

  private constructor(
    private readonly store: SettingsReader,
    private readonly commandLine: CommandLineSettings,
    /** Used in links when no public address is given or stored: the hub's own http://host:port, or the desktop's chosen one. */
    private readonly defaultUrl: string,
  ) {}

  /** The source with the stored settings read once. */
  static async open(store: SettingsReader, commandLine: CommandLineSettings, defaultUrl: string): Promise<HubSettingsSource> {
    const source = new HubSettingsSource(store, commandLine, defaultUrl);
    await source.refresh();
    return source;
  }

  /** Reads the stored settings again (through `reader` when given: a transaction's store). */
  async refresh(reader: SettingsReader = this.store): Promise<void> {
    const [mail, publicUrl] = await Promise.all([reader.settings.mail(), reader.settings.publicUrl()]);
    this.storedMail = mail;
    this.storedUrl = publicUrl;
  }

  /** As of the last refresh. */
  publicUrl(): string {
    return (this.commandLine.publicUrl ?? this.storedUrl ?? this.defaultUrl).replace(/\/+$/, '');
  }

  /** As of the last refresh. */
  mail(): MailSettings | null {
    if (this.commandLine.mail) return this.commandLine.mail;
    const stored = this.storedMail;
    return stored ? { smtpUrl: smtpUrlOf(stored), from: stored.from } : null;
  }

  /** The settings as a person may read them, as of the last refresh: never the SMTP password, only whether one is stored. */
  view(): HubSettingsView {
    const stored = this.storedMail;
    const storedUrl = this.storedUrl;
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
