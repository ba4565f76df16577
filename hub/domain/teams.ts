// Teams: create, rename, delete (Workspace Settings > Teams).
import type { RequestResult } from '../../shared/protocol';
import { newId } from '../auth/tokens';
import type { TeamRow } from '../store/repos/teams';
import { HubFailure, notFound } from './hub-failure';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';

async function teamInWorkspace(context: MutationContext, teamId: string): Promise<TeamRow> {
  const team = await context.store.teams.byId(teamId);
  if (!team || team.workspaceId !== context.workspace.id) throw notFound('The team');
  return team;
}

async function ensureUniqueName(context: MutationContext, name: string, exceptId: string | null): Promise<void> {
  const existing = await context.store.teams.byName(context.workspace.id, name);
  if (existing && existing.id !== exceptId) throw new HubFailure('duplicate_name', `There is already a team named “${existing.name}”.`);
}

const wireTeam = ({ id, workspaceId, name }: TeamRow) => ({ id, workspaceId, name });

export async function createTeam(context: MutationContext, name: string): Promise<RequestResult<'team.create'>> {
  ensureAllowed(context, { type: 'teams.manage' });
  await ensureUniqueName(context, name, null);
  const team: TeamRow = { id: newId(), workspaceId: context.workspace.id, name, createdAt: context.now };
  await context.store.teams.insert(team);
  await context.changes.record(context.workspace.id, 'team', team.id);
  return { team: wireTeam(team) };
}

export async function renameTeam(context: MutationContext, teamId: string, name: string): Promise<RequestResult<'team.rename'>> {
  ensureAllowed(context, { type: 'teams.manage' });
  const team = await teamInWorkspace(context, teamId);
  await ensureUniqueName(context, name, team.id);
  await context.store.teams.rename(team.id, name);
  await context.changes.record(context.workspace.id, 'team', team.id);
  return { team: wireTeam({ ...team, name }) };
}

/** Members and contacts of the team stay, without a team. */
export async function deleteTeam(context: MutationContext, teamId: string): Promise<RequestResult<'team.delete'>> {
  const { store, workspace, now } = context;
  ensureAllowed(context, { type: 'teams.manage' });
  const team = await teamInWorkspace(context, teamId);
  const memberIds = await store.members.inTeam(team.id);
  const contactIds = new Set(await store.contacts.idsWithTeam(team.id));
  for (const memberId of memberIds) for (const contact of await store.contacts.assignedTo(memberId)) contactIds.add(contact.id);
  await store.members.clearTeam(team.id);
  await store.contacts.clearTeam(team.id, now);
  await store.teams.delete(team.id);
  for (const memberId of memberIds) await context.changes.record(workspace.id, 'member', memberId);
  for (const contactId of contactIds) await context.changes.record(workspace.id, 'contact', contactId);
  await context.changes.record(workspace.id, 'team', team.id);
  return {};
}
