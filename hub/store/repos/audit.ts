// The audit log (X1) and notification preferences.
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { AuditAction, NotificationPreferences } from '../../../shared/domain';
import type { HubDb } from '../database';
import { auditLog, notificationPreferences } from '../schema';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  action: AuditAction | null;
  /** Entries where this member acted or was acted on. */
  memberId: string | null;
  before: number | null;
  limit: number;
}

export function auditRepo(db: HubDb) {
  return {
    insert: (row: typeof auditLog.$inferInsert): void => void db.insert(auditLog).values(row).run(),
    list: (workspaceId: string, filter: AuditFilter): AuditRow[] => {
      const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
      if (filter.action) conditions.push(eq(auditLog.action, filter.action));
      if (filter.memberId) {
        const either = or(eq(auditLog.actorMemberId, filter.memberId), eq(auditLog.targetMemberId, filter.memberId));
        if (either) conditions.push(either);
      }
      if (filter.before) conditions.push(lt(auditLog.id, filter.before));
      return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(filter.limit).all();
    },
    all: (workspaceId: string): AuditRow[] =>
      db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(desc(auditLog.id)).all(),
    preferences: (memberId: string): NotificationPreferences | undefined =>
      db.select().from(notificationPreferences).where(eq(notificationPreferences.memberId, memberId)).get()?.preferences,
    setPreferences: (memberId: string, preferences: NotificationPreferences): void =>
      void db
        .insert(notificationPreferences)
        .values({ memberId, preferences })
        .onConflictDoUpdate({ target: notificationPreferences.memberId, set: { preferences } })
        .run(),
    deletePreferences: (memberId: string): void =>
      void db.delete(notificationPreferences).where(eq(notificationPreferences.memberId, memberId)).run(),
  };
}
