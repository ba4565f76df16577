// What the person who runs a hub may do to it, in-process only: the desktop
// that started the hub calls this object directly ("Hub settings"), and a
// standalone hub's command line opens the store and does the same. Nothing
// here is reachable over the network, and no workspace member, Owners
// included, sets mail, the public address or a plan (billing, L1), or resets
// anyone's second step of sign-in (issue 13.5).
import type { z } from 'zod';
import { emailSchema, planSchema } from '../../shared/domain';
import type {
  HubSettingsView,
  HubWorkspaceSummary,
  MailSettingsInput,
  PlanChangeEffects,
  TestEmailResult,
} from '../../shared/domain/hub-settings';
import { mailSettingsInputSchema, publicUrlSchema } from '../../shared/domain/hub-settings';
import type { Plan } from '../../shared/policy';
import type { ChangeRecorder } from '../domain/change-recorder';
import { HubFailure } from '../domain/hub-failure';
import { applyPlanChange, planChangeEffects } from '../domain/plan-change';
import type { TwoStepResetEffects } from '../auth/two-step-reset';
import { resetTwoStep, twoStepResetEffects } from '../auth/two-step-reset';
import { smtpUrlOf } from '../mail/configurable-mailer';
import { sendTestEmail } from '../mail/test-email';
import type { HubStore } from '../store/hub-store';
import type { StoredMail } from '../store/repos/settings';
import { HubSettingsSource } from './hub-settings-source';

export interface HubAdminDeps {
  store: HubStore;
  source: HubSettingsSource;
  now: () => number;
  /** Sends what a plan change touched to connected desktops (absent when no hub is running); resolves once sent. */
  deliver?: (changes: ChangeRecorder) => Promise<void>;
}

function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HubFailure('invalid_message', result.error.issues[0]?.message ?? 'This value is not valid.');
  return result.data;
}

export class HubAdmin {
  constructor(private readonly deps: HubAdminDeps) {}

  /** The settings as stored and as used now; the SMTP password only as `hasPassword`. */
  async getSettings(): Promise<HubSettingsView> {
    // Another process (the command line) may have stored a change since.
    await this.deps.source.refresh();
    return this.deps.source.view();
  }

  /** Stores the invitation email's SMTP server; the next email uses it, no restart needed. */
  async setMail(input: MailSettingsInput): Promise<HubSettingsView> {
    const { store, now } = this.deps;
    const mail = await this.toStoredMail(input);
    await store.settings.setMail(mail, now());
    return this.getSettings();
  }

  /** Stops mailing: invitation links are handed to the inviter to pass on. */
  async clearMail(): Promise<HubSettingsView> {
    await this.deps.store.settings.setMail(null, this.deps.now());
    return this.getSettings();
  }

  /** The address put in new invitation links (null: back to the address the hub listens on). */
  async setPublicUrl(publicUrl: string | null): Promise<HubSettingsView> {
    const parsedUrl = publicUrl === null ? null : parsed(publicUrlSchema, publicUrl);
    await this.deps.store.settings.setPublicUrl(parsedUrl, this.deps.now());
    return this.getSettings();
  }

  /**
   * Sends one email through the SMTP server, the one in use or, when given,
   * settings not yet saved (a password left out is the stored one). Answers
   * in plain words, with the server's own refusal when there is one.
   */
  async sendTestEmail(to: string, candidate?: MailSettingsInput): Promise<TestEmailResult> {
    const address = parsed(emailSchema, to);
    const mail = candidate ? await this.toStoredMail(candidate) : null;
    await this.deps.source.refresh();
    const settings = mail ? { smtpUrl: smtpUrlOf(mail), from: mail.from } : this.deps.source.mail();
    if (!settings) return { isSent: false, message: 'Email is not set up on this hub: enter the mail server first.' };
    return sendTestEmail(settings, address, this.deps.source.publicUrl());
  }

  listWorkspaces(): Promise<HubWorkspaceSummary[]> {
    return this.deps.store.organization.workspaceSummaries();
  }

  /** What moving a workspace to `plan` would do, changing nothing. */
  async planChangeEffects(workspaceId: string, plan: Plan): Promise<PlanChangeEffects> {
    return planChangeEffects(this.deps.store, workspaceId, parsed(planSchema, plan));
  }

  /** Moves the workspace to `plan` (see planChangeEffects for what that does); connected desktops get a fresh snapshot. */
  async setPlan(workspaceId: string, plan: Plan): Promise<PlanChangeEffects> {
    const { effects, changes } = await applyPlanChange(this.deps.store, workspaceId, parsed(planSchema, plan), this.deps.now());
    await this.deps.deliver?.(changes);
    return effects;
  }

  /** Issue 13.5: what resetting a person's second step would do, changing nothing. */
  twoStepResetEffects(email: string): Promise<TwoStepResetEffects> {
    return twoStepResetEffects(this.deps.store, email);
  }

  /**
   * Issue 13.5: removes a person's authenticator and recovery codes (they lost
   * both), recorded in the audit log of each workspace they are in. The
   * operator's alone: no request of any workspace member reaches it.
   */
  resetTwoStep(email: string): Promise<TwoStepResetEffects> {
    return resetTwoStep(this.deps.store, email, this.deps.now());
  }

  private async toStoredMail(input: MailSettingsInput): Promise<StoredMail> {
    const mail = parsed(mailSettingsInputSchema, input);
    const user = mail.user?.trim() ? mail.user.trim() : null;
    const password = mail.password === undefined ? ((await this.deps.store.settings.mail())?.password ?? null) : mail.password || null;
    return { host: mail.host, port: mail.port, security: mail.security, user, password: user ? password : null, from: mail.from };
  }
}

/**
 * The same controls on a data folder no hub of this process runs (the command
 * line): changes are stored, and a hub running on the folder picks them up at
 * its next request (mail, public address) or within seconds (a plan).
 */
export async function offlineHubAdmin(store: HubStore, listeningUrl: string): Promise<HubAdmin> {
  const source = await HubSettingsSource.open(store, { publicUrl: null, mail: null }, listeningUrl);
  return new HubAdmin({ store, source, now: Date.now });
}
