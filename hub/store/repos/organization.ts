// An organization's people across its workspaces (O1), and the member counts
// of every workspace, for Owners and for the person who runs the hub.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import { auditLog, members, organizationPeople, organizations, people, workspaces } from '../schema';

export interface OrganizationPersonRow {
  personId: string;
  email: string;
  displayName: string;
}

export interface OrganizationMembershipRow {
  personId: string;
  workspaceId: string;
  workspaceName: string;
  level: (typeof members.$inferSelect)['level'];
  status: (typeof members.$inferSelect)['status'];
}

export function organizationRepo(db: HubDb) {
  const workspaceIdsOf = (organizationId: string) =>
    db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.organizationId, organizationId));
  return {
    /** Everyone who ever joined (or was invited to) one of the organization's workspaces: revoking leaves them here (V1). */
    people: (organizationId: string): OrganizationPersonRow[] =>
      db
        .select({ personId: people.id, email: people.email, displayName: people.displayName })
        .from(organizationPeople)
        .innerJoin(people, eq(people.id, organizationPeople.personId))
        .where(eq(organizationPeople.organizationId, organizationId))
        .all(),
    memberships: (organizationId: string): OrganizationMembershipRow[] =>
      db
        .select({
          personId: members.personId,
          workspaceId: workspaces.id,
          workspaceName: workspaces.name,
          level: members.level,
          status: members.status,
        })
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
        .where(eq(workspaces.organizationId, organizationId))
        .orderBy(workspaces.name)
        .all(),
    /**
     * The addresses that accepted an invitation to one of the organization's
     * workspaces at some point (the audit log keeps it after a revoke): only
     * their names may be shown; someone who never accepted is known by address.
     */
    acceptedEmails: (organizationId: string): Set<string> =>
      new Set(
        db
          .select({ email: sql<string | null>`json_extract(${auditLog.after}, '$.email')` })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'member.accepted'), inArray(auditLog.workspaceId, workspaceIdsOf(organizationId))))
          .all()
          .flatMap((row) => (row.email ? [row.email] : [])),
      ),
    /** Every workspace of the hub with its organization and how many members are active and pending. */
    workspaceSummaries: () =>
      db
        .select({
          workspaceId: workspaces.id,
          workspaceName: workspaces.name,
          organizationId: organizations.id,
          organizationName: organizations.name,
          plan: workspaces.plan,
          activeMembers: sql<number>`(select count(*) from ${members} where ${members.workspaceId} = ${workspaces.id} and ${members.status} = 'active')`,
          pendingMembers: sql<number>`(select count(*) from ${members} where ${members.workspaceId} = ${workspaces.id} and ${members.status} = 'pending')`,
        })
        .from(workspaces)
        .innerJoin(organizations, eq(organizations.id, workspaces.organizationId))
        .orderBy(organizations.name, workspaces.name)
        .all(),
  };
}
