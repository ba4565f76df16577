// The API calls of "Hub settings": what the person who runs the hub sets on
// it (invitation email, the public address in links, each workspace's plan).
// Only the app that started the hub answers them, in-process: a desktop
// connected to someone else's hub is told that its operator sets these with
// the hub's command line. The SMTP password goes in, never out: every answer
// says only whether one is stored.
import { z } from 'zod';
import {
  hubSettingsViewSchema,
  hubWorkspaceSummarySchema,
  mailSettingsInputSchema,
  planChangeEffectsSchema,
  publicUrlSchema,
  testEmailResultSchema,
} from '../domain/hub-settings';
import { emailSchema, idSchema, planSchema } from '../domain/schemas';

/** Whether this app runs the hub it uses, and, when it does, the hub's settings. */
export const hubSettingsStateSchema = z.discriminatedUnion('isLocalHub', [
  z.object({ isLocalHub: z.literal(false) }),
  z.object({ isLocalHub: z.literal(true), settings: hubSettingsViewSchema }),
]);
export type HubSettingsState = z.infer<typeof hubSettingsStateSchema>;

/**
 * "Send test email": to whom, and optionally settings not saved yet (tried
 * as they are, nothing stored; a password left out is the stored one).
 */
export const testEmailInputSchema = z.strictObject({ to: emailSchema, candidate: mailSettingsInputSchema.optional() });
export type TestEmailInput = z.input<typeof testEmailInputSchema>;

/** The port as a form holds it (text), checked to the schema's own limits, in the same words. */
const portSchema = mailSettingsInputSchema.shape.port;
export const SMTP_PORT_LIMITS = { min: portSchema.minValue ?? 1, max: portSchema.maxValue ?? 65_535 } as const;
export const portTextSchema = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, `A port is a number from ${SMTP_PORT_LIMITS.min} to ${SMTP_PORT_LIMITS.max}`)
  .transform(Number)
  .pipe(portSchema);

const planChoiceSchema = z.strictObject({ workspaceId: idSchema, plan: planSchema });

export const HUB_SETTINGS_CONTRACT = {
  /** Never refused: a desktop on someone else's hub learns that it does not run it. */
  'hubSettings.get': { input: z.undefined(), output: hubSettingsStateSchema },
  /** Stores the SMTP server; the next email uses it, without a restart. */
  'hubSettings.setMail': { input: mailSettingsInputSchema, output: hubSettingsViewSchema },
  /** Stops emailing invitations: links are handed to the inviter (the stored password is deleted too). */
  'hubSettings.clearMail': { input: z.undefined(), output: hubSettingsViewSchema },
  'hubSettings.sendTestEmail': { input: testEmailInputSchema, output: testEmailResultSchema },
  /** The address in new invitation links; null: back to the address of this computer chosen when sharing. */
  'hubSettings.setPublicUrl': { input: z.strictObject({ publicUrl: publicUrlSchema.nullable() }), output: hubSettingsViewSchema },
  'hubSettings.listWorkspaces': { input: z.undefined(), output: z.array(hubWorkspaceSummarySchema) },
  /** What moving a workspace to a plan would do, changing nothing. */
  'hubSettings.planChangeEffects': { input: planChoiceSchema, output: planChangeEffectsSchema },
  /** Moves the workspace to the plan; connected desktops get the new plan at once. */
  'hubSettings.setPlan': { input: planChoiceSchema, output: planChangeEffectsSchema },
} as const;
