// The hub's own settings (one row): SMTP for invitation email and the public
// address. `mail()` hands the password to the mailer only; every read meant
// for a person goes through `view()`, which says whether one is stored.
import { eq } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { hubSettings as hubSettingsTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

type SettingsRow = typeof hubSettingsTable.$inferSelect;
const ROW_ID = 1;

export interface StoredMail {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  user: string | null;
  password: string | null;
  from: string;
}

export function settingsRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { hubSettings } = tables;
  const row = async (): Promise<SettingsRow | undefined> => (await db.select().from(hubSettings).where(eq(hubSettings.id, ROW_ID)).limit(1))[0];
  const upsert = async (changes: Partial<Omit<SettingsRow, 'id'>> & { updatedAt: number }): Promise<void> => {
    await db.insert(hubSettings).values({ id: ROW_ID, ...changes }).onConflictDoUpdate({ target: hubSettings.id, set: changes });
  };
  return {
    /** The stored SMTP settings, password included: for the mailer, never for a reply. */
    mail: async (): Promise<StoredMail | null> => {
      const current = await row();
      if (!current?.smtpHost || current.smtpPort === null || !current.smtpSecurity || !current.mailFrom) return null;
      return {
        host: current.smtpHost,
        port: current.smtpPort,
        security: current.smtpSecurity,
        user: current.smtpUser,
        password: current.smtpPassword,
        from: current.mailFrom,
      };
    },
    publicUrl: async (): Promise<string | null> => (await row())?.publicUrl ?? null,
    setMail: (mail: StoredMail | null, at: number): Promise<void> =>
      upsert({
        smtpHost: mail?.host ?? null,
        smtpPort: mail?.port ?? null,
        smtpSecurity: mail?.security ?? null,
        smtpUser: mail?.user ?? null,
        smtpPassword: mail?.password ?? null,
        mailFrom: mail?.from ?? null,
        updatedAt: at,
      }),
    setPublicUrl: (publicUrl: string | null, at: number): Promise<void> => upsert({ publicUrl, updatedAt: at }),
  };
}
