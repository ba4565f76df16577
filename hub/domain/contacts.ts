// Contacts: create, assign, set a phone or email (R7), delete (R2). Every
// answer is the contact as the actor may see it.
import type { Contact } from '../../shared/domain';
import { emailSchema, phoneSchema } from '../../shared/domain';
import type { ContactTarget } from '../../shared/policy';
import type { RequestOf, RequestResult } from '../../shared/protocol';
import { newId } from '../auth/tokens';
import type { ContactRow } from '../store/repos/contacts';
import { issueInWords } from './field-words';
import { HubFailure, notFound } from './hub-failure';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';
import { projectContact } from './projection';

async function contactInWorkspace(context: MutationContext, contactId: string): Promise<ContactRow> {
  const contact = await context.store.contacts.byId(contactId);
  if (!contact || contact.workspaceId !== context.workspace.id) throw notFound('The contact');
  return contact;
}

async function asContactTarget(context: MutationContext, contact: Pick<ContactRow, 'assigneeId' | 'teamId'>): Promise<ContactTarget> {
  const assignee = contact.assigneeId ? await context.store.members.byId(contact.assigneeId) : undefined;
  return { assigneeId: contact.assigneeId, teamId: contact.teamId, assigneeTeamId: assignee?.teamId ?? null };
}

async function ensureAssignment(context: MutationContext, assigneeId: string | null, teamId: string | null): Promise<void> {
  if (assigneeId !== null) {
    const assignee = await context.store.members.byId(assigneeId);
    if (!assignee || assignee.workspaceId !== context.workspace.id || assignee.status !== 'active') {
      throw new HubFailure('not_found', 'Contacts can be assigned to active members of this workspace only.');
    }
  }
  if (teamId !== null) {
    const team = await context.store.teams.byId(teamId);
    if (!team || team.workspaceId !== context.workspace.id) throw notFound('The team');
  }
}

async function visibleContact(context: MutationContext, contactId: string): Promise<Contact> {
  const row = await contactInWorkspace(context, contactId);
  const assigneeTeamId = row.assigneeId ? await context.store.members.teamOf(context.workspace.id, row.assigneeId) : null;
  const projected = projectContact(context.viewer, row, assigneeTeamId);
  // Whoever changed it can see it except when they handed it out of their own sight.
  return (
    projected ?? {
      id: row.id,
      workspaceId: row.workspaceId,
      name: row.name,
      phone: null,
      email: null,
      assigneeId: row.assigneeId,
      teamId: row.teamId,
      isMasked: true,
    }
  );
}

export async function createContact(context: MutationContext, request: RequestOf<'contact.create'>): Promise<RequestResult<'contact.create'>> {
  ensureAllowed(context, { type: 'contact.create' });
  await ensureAssignment(context, request.assigneeId, request.teamId);
  const id = newId();
  await context.store.contacts.insert({
    id,
    workspaceId: context.workspace.id,
    name: request.name,
    phone: request.phone,
    email: request.email,
    assigneeId: request.assigneeId,
    teamId: request.teamId,
    createdAt: context.now,
    updatedAt: context.now,
  });
  await context.changes.record(context.workspace.id, 'contact', id);
  return { contact: await visibleContact(context, id) };
}

export async function assignContact(context: MutationContext, request: RequestOf<'contact.assign'>): Promise<RequestResult<'contact.assign'>> {
  const contact = await contactInWorkspace(context, request.contactId);
  ensureAllowed(context, { type: 'contact.assign', contact: await asContactTarget(context, contact) });
  await ensureAssignment(context, request.assigneeId, request.teamId);
  await context.store.contacts.update(contact.id, { assigneeId: request.assigneeId, teamId: request.teamId }, context.now);
  await context.changes.record(context.workspace.id, 'contact', contact.id);
  return { contact: await visibleContact(context, contact.id) };
}

export async function setContactDetail(context: MutationContext, request: RequestOf<'contact.set_detail'>): Promise<RequestResult<'contact.set_detail'>> {
  const contact = await contactInWorkspace(context, request.contactId);
  const current = request.field === 'phone' ? contact.phone : contact.email;
  ensureAllowed(context, {
    type: 'contact.set_detail',
    contact: await asContactTarget(context, contact),
    field: request.field,
    hasValue: current !== null && current !== '',
  });
  const parsed = (request.field === 'phone' ? phoneSchema : emailSchema).safeParse(request.value);
  if (!parsed.success) throw new HubFailure('invalid_message', issueInWords(parsed.error.issues[0], 'The value is not valid.'));
  await context.store.contacts.update(contact.id, { [request.field]: parsed.data }, context.now);
  await context.changes.record(context.workspace.id, 'contact', contact.id);
  return { contact: await visibleContact(context, contact.id) };
}

export async function deleteContact(context: MutationContext, contactId: string): Promise<RequestResult<'contact.delete'>> {
  const contact = await contactInWorkspace(context, contactId);
  ensureAllowed(context, { type: 'contact.delete', contact: await asContactTarget(context, contact) });
  await context.store.contacts.delete(contact.id);
  await context.changes.record(context.workspace.id, 'contact', contact.id);
  return {};
}
