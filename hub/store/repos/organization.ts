// An organization's people across its workspaces (O1), and the member counts
// of every workspace, for Owners and for the person who runs the hub.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { members as membersTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export interface OrganizationPersonRow {
  personId: string;
  email: string;
  displayName: string;
}

export interface OrganizationMembershipRow {
  personId: string;
  workspaceId: string;
  workspaceName: string;
  level: (typeof membersTable.$inferSelect)['level'];
  status: (typeof membersTable.$inferSelect)['status'];
}

export function organizationRepo(db: HubDb, tables: HubTables = sqliteTables, dialect: Dialect = sqliteDialect(db)) {
  const { auditLog, members, organizationPeople, organizations, people, workspaces } = tables;
  // PostgreSQL's count(*) is a bigint, which node-postgres reads as text: each count is read as a number.
  const membersWithStatus = (status: 'active' | 'pending') =>
    sql`(select count(*) from ${members} where ${members.workspaceId} = ${workspaces.id} and ${members.status} = ${sql.raw(`'${status}'`)})`.mapWith(Number);
  const workspaceIdsOf = (organizationId: string) =>
    db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.organizationId, organizationId));
  return {
    /** Everyone who ever joined (or was invited to) one of the organization's workspaces: revoking leaves them here (V1). */
    people: async (organizationId: string): Promise<OrganizationPersonRow[]> =>
      db
        .select({ personId: people.id, email: people.email, displayName: people.displayName })
        .from(organizationPeople)
        .innerJoin(people, eq(people.id, organizationPeople.personId))
        .where(eq(organizationPeople.organizationId, organizationId)),
    memberships: async (organizationId: string): Promise<OrganizationMembershipRow[]> =>
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
        .orderBy(workspaces.name),
    /**
     * The addresses that accepted an invitation to one of the organization's
     * workspaces at some point (the audit log keeps it after a revoke): only
     * their names may be shown; someone who never accepted is known by address.
     */
    acceptedEmails: async (organizationId: string): Promise<Set<string>> =>
      new Set(
        (
          await db
            .select({ email: dialect.jsonText(auditLog.after, 'email') })
            .from(auditLog)
            .where(and(eq(auditLog.action, 'member.accepted'), inArray(auditLog.workspaceId, workspaceIdsOf(organizationId))))
        ).flatMap((row) => (row.email ? [row.email] : [])),
      ),
    /** Every workspace of the hub with its organization and how many members are active and pending. */
    workspaceSummaries: async () =>
      db
        .select({
          workspaceId: workspaces.id,
          workspaceName: workspaces.name,
          organizationId: organizations.id,
          organizationName: organizations.name,
          plan: workspaces.plan,
          activeMembers: membersWithStatus('active'),
          pendingMembers: membersWithStatus('pending'),
        })
        .from(workspaces)
        .innerJoin(organizations, eq(organizations.id, workspaces.organizationId))
        .orderBy(organizations.name, workspaces.name),
  };
}
