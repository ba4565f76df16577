// What the person who runs a hub sets and reads about it (never a workspace
// member): invitation email through SMTP, the public address used in links,
// and each workspace's plan. The desktop that started the hub passes these
// in-process; a standalone hub takes the same through its command line.
import { z } from 'zod';
import { planSchema } from './schemas';

export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export const SMTP_SECURITY_LABELS = {
  none: 'None (plain text, for a relay on this computer or a test server)',
  starttls: 'STARTTLS (upgrades the connection, usually port 587)',
  tls: 'TLS (encrypted from the start, usually port 465)',
} as const satisfies Record<SmtpSecurity, string>;

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the mail server’s name or address')
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'Enter a server name like smtp.example.com, or an IP address');

/** A "Name <address>" or a bare address. */
const senderSchema = z
  .string()
  .trim()
  .min(3, 'Enter the sender, like Gatehouse <hub@example.com>')
  .max(320)
  .regex(/^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, 'Enter the sender as an address, or Name <address>');

export const mailSettingsInputSchema = z.strictObject({
  host: hostSchema,
  port: z.number().int().min(1, 'A port is a number from 1 to 65535').max(65_535, 'A port is a number from 1 to 65535'),
  security: z.enum(SMTP_SECURITY),
  /** Empty or null: the server takes mail without signing in. */
  user: z.string().max(320).nullable(),
  /**
   * Left out: keep the password already stored (a screen never gets it back to
   * resend); null: none; a string: the new one.
   */
  password: z.string().max(1000).nullable().optional(),
  from: senderSchema,
});
export type MailSettingsInput = z.input<typeof mailSettingsInputSchema>;

export const publicUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'Enter the address people use to reach the hub, like https://gatehouse.example.com')
  .transform((value) => value.replace(/\/+$/, ''));

/** The mail settings as any read shows them: the password only as whether one is stored. */
export const mailSettingsViewSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(SMTP_SECURITY),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
  from: z.string(),
});
export type MailSettingsView = z.infer<typeof mailSettingsViewSchema>;

export const hubSettingsViewSchema = z.object({
  /** What is stored (null: nothing stored). */
  mail: mailSettingsViewSchema.nullable(),
  publicUrl: z.string().nullable(),
  /** What the hub uses now: command-line options, when given, win over what is stored. */
  effective: z.object({
    isMailConfigured: z.boolean(),
    mailSource: z.enum(['command_line', 'stored', 'none']),
    publicUrl: z.string(),
    publicUrlSource: z.enum(['command_line', 'stored', 'default']),
  }),
});
export type HubSettingsView = z.infer<typeof hubSettingsViewSchema>;

export const testEmailResultSchema = z.object({ isSent: z.boolean(), message: z.string() });
export type TestEmailResult = z.infer<typeof testEmailResultSchema>;

export const hubWorkspaceSummarySchema = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  plan: planSchema,
  activeMembers: z.number().int().nonnegative(),
  pendingMembers: z.number().int().nonnegative(),
});
export type HubWorkspaceSummary = z.infer<typeof hubWorkspaceSummarySchema>;

const affectedMemberSchema = z.object({ memberId: z.string(), displayName: z.string(), email: z.string() });

export const planChangeEffectsSchema = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  from: planSchema,
  to: planSchema,
  /** Restrictions the new plan no longer offers, with the members who have them switched on (they are turned off). */
  restrictionsLost: z.array(
    z.object({ restriction: z.string(), label: z.string(), members: z.array(affectedMemberSchema) }),
  ),
  /** Restrictions the new plan offers that the old one did not. */
  restrictionsGained: z.array(z.object({ restriction: z.string(), label: z.string() })),
  /** The same in plain sentences, for a confirmation. */
  sentences: z.array(z.string()),
});
export type PlanChangeEffects = z.infer<typeof planChangeEffectsSchema>;
