// O1 / V1: the organization's people, for an Owner of one of its workspaces:
// everyone who joined any of its workspaces, with the workspaces each is in
// now. A member revoked from this workspace is still here, in the
// organization, just not in this workspace. Someone who never accepted an
// invitation to it is shown by the invited address only, never by the name
// of an account they may have elsewhere on the hub.
import type { RequestResult } from '../../shared/protocol';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';

export async function organizationPeople(context: MutationContext): Promise<RequestResult<'organization.people'>> {
  ensureAllowed(context, { type: 'organization.view' });
  const { store, workspace } = context;
  const organization = await store.workspaces.organization(workspace.organizationId);
  const accepted = await store.organization.acceptedEmails(workspace.organizationId);
  const membershipsByPerson = new Map<string, RequestResult<'organization.people'>['people'][number]['workspaces']>();
  for (const row of await store.organization.memberships(workspace.organizationId)) {
    const list = membershipsByPerson.get(row.personId) ?? [];
    list.push({ workspaceId: row.workspaceId, workspaceName: row.workspaceName, level: row.level, status: row.status });
    membershipsByPerson.set(row.personId, list);
  }
  const people = (await store.organization.people(workspace.organizationId)).map((person) => {
    const workspaces = membershipsByPerson.get(person.personId) ?? [];
    const hasJoined = workspaces.some((each) => each.status === 'active') || accepted.has(person.email);
    return {
      personId: person.personId,
      email: person.email,
      displayName: hasJoined ? person.displayName : null,
      isInThisWorkspace: workspaces.some((each) => each.workspaceId === workspace.id),
      workspaces,
    };
  });
  people.sort((a, b) => (a.displayName ?? a.email).localeCompare(b.displayName ?? b.email) || a.email.localeCompare(b.email));
  return { organization: { id: workspace.organizationId, name: organization?.name ?? '' }, people };
}
