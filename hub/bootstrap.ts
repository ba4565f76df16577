// Creates an organization, a workspace on a plan and its first Owner, so a new
// hub can be used at once (headless from the CLI, or by the desktop app's
// "start a workspace on this computer").
import { z } from 'zod';
import { displayNameSchema, emailSchema } from '../shared/domain';
import type { Plan } from '../shared/policy';
import { NO_RESTRICTIONS } from '../shared/policy';
import { hashPassword } from './auth/passwords';
import { newId } from './auth/tokens';
import { AuditWriter } from './domain/audit-writer';
import { ChangeRecorder } from './domain/change-recorder';
import { HubFailure } from './domain/hub-failure';
import type { HubStore } from './store/hub-store';

export interface BootstrapInput {
  organizationName: string;
  workspaceName: string;
  plan: Plan;
  ownerEmail: string;
  ownerName: string;
  ownerPassword: string;
}

export interface BootstrapResult {
  organizationId: string;
  workspaceId: string;
  ownerPersonId: string;
  ownerMemberId: string;
}

/** The same rules as every other text the hub keeps, whoever calls this (the CLI, the desktop app). */
const bootstrapTextSchema = z.object({
  organizationName: displayNameSchema,
  workspaceName: displayNameSchema,
  ownerEmail: emailSchema,
  ownerName: displayNameSchema,
});

function normalizedText(input: BootstrapInput): z.infer<typeof bootstrapTextSchema> {
  const parsed = bootstrapTextSchema.safeParse(input);
  if (!parsed.success) throw new HubFailure('invalid_message', parsed.error.issues[0]?.message ?? 'The names given are not valid.');
  return parsed.data;
}

export async function bootstrapWorkspace(store: HubStore, raw: BootstrapInput, now = Date.now()): Promise<BootstrapResult> {
  const input = { ...raw, ...normalizedText(raw) };
  const passwordHash = await hashPassword(input.ownerPassword);
  return store.transaction(async (tx) => {
    if (await tx.people.byEmail(input.ownerEmail)) {
      throw new HubFailure('already_member', `${input.ownerEmail} already has an account on this hub; bootstrap with another email.`);
    }
    const organizationId = newId();
    const workspaceId = newId();
    const ownerPersonId = newId();
    const ownerMemberId = newId();
    await tx.workspaces.insertOrganization({ id: organizationId, name: input.organizationName, createdAt: now });
    await tx.workspaces.insert({ id: workspaceId, organizationId, name: input.workspaceName, plan: input.plan, seq: 0, createdAt: now });
    await tx.people.insert({
      id: ownerPersonId,
      email: input.ownerEmail,
      displayName: input.ownerName,
      avatarDataUrl: null,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    await tx.people.addToOrganization(organizationId, ownerPersonId, now);
    await tx.members.insert({
      id: ownerMemberId,
      workspaceId,
      personId: ownerPersonId,
      level: 'owner',
      restrictions: { ...NO_RESTRICTIONS },
      status: 'active',
      teamId: null,
      invitedAt: now,
      invitedBy: null,
      joinedAt: now,
      lastSeenAt: null,
      version: 1,
    });
    await new ChangeRecorder(tx).record(workspaceId, 'member', ownerMemberId);
    const owner = await tx.members.byId(ownerMemberId);
    if (owner) {
      await new AuditWriter(tx, workspaceId, null, now).record('member.accepted', owner, null, {
        email: owner.email,
        level: 'owner',
        status: 'active',
        note: 'first Owner, created with the workspace',
      });
    }
    return { organizationId, workspaceId, ownerPersonId, ownerMemberId };
  });
}
