// Teams: create, rename, delete (Workspace Settings > Teams).
import type { RequestResult } from '../../shared/protocol';
import { newId } from '../auth/tokens';
import type { TeamRow } from '../store/repos/teams';
import { HubFailure, notFound } from './hub-failure';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';

function teamInWorkspace(context: MutationContext, teamId: string): TeamRow {
  const team = context.store.teams.byId(teamId);
  if (!team || team.workspaceId !== context.workspace.id) throw notFound('The team');
  return team;
}

function ensureUniqueName(context: MutationContext, name: string, exceptId: string | null): void {
  const existing = context.store.teams.byName(context.workspace.id, name);
  if (existing && existing.id !== exceptId) throw new HubFailure('duplicate_name', `There is already a team named “${existing.name}”.`);
}

const wireTeam = ({ id, workspaceId, name }: TeamRow) => ({ id, workspaceId, name });

export function createTeam(context: MutationContext, name: string): RequestResult<'team.create'> {
  ensureAllowed(context, { type: 'teams.manage' });
  ensureUniqueName(context, name, null);
  const team: TeamRow = { id: newId(), workspaceId: context.workspace.id, name, createdAt: context.now };
  context.store.teams.insert(team);
  context.changes.record(context.workspace.id, 'team', team.id);
  return { team: wireTeam(team) };
}

export function renameTeam(context: MutationContext, teamId: string, name: string): RequestResult<'team.rename'> {
  ensureAllowed(context, { type: 'teams.manage' });
  const team = teamInWorkspace(context, teamId);
  ensureUniqueName(context, name, team.id);
  context.store.teams.rename(team.id, name);
  context.changes.record(context.workspace.id, 'team', team.id);
  return { team: wireTeam({ ...team, name }) };
}

/** Members and contacts of the team stay, without a team. */
export function deleteTeam(context: MutationContext, teamId: string): RequestResult<'team.delete'> {
  const { store, workspace, now } = context;
  ensureAllowed(context, { type: 'teams.manage' });
  const team = teamInWorkspace(context, teamId);
  const memberIds = store.members.inTeam(team.id);
  const contactIds = new Set(store.contacts.idsWithTeam(team.id));
  for (const memberId of memberIds) for (const contact of store.contacts.assignedTo(memberId)) contactIds.add(contact.id);
  store.members.clearTeam(team.id);
  store.contacts.clearTeam(team.id, now);
  store.teams.delete(team.id);
  for (const memberId of memberIds) context.changes.record(workspace.id, 'member', memberId);
  for (const contactId of contactIds) context.changes.record(workspace.id, 'contact', contactId);
  context.changes.record(workspace.id, 'team', team.id);
  return {};
}
