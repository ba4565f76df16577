// The audit log (X1) and notification preferences.
//
// The log is read newest first (by id, the order entries were written in)
// and filtered by action, by who acted, by whom it involves and by time.
// Every read is bounded by an index (migration 0006, hub/audit-plans.test.ts):
// - action and actor each have an index ending in the id, so a filtered page
//   is a walk down that index from `before`, never a sort;
// - "acted or acted on" is two such walks (actor, then target), each cut at
//   the page size, merged here: SQLite would answer the OR by collecting
//   every entry of the member and sorting them, for each page;
// - a span of time holding few entries (SHORT_SPAN_ENTRIES, counted on the
//   time index up to that many) is read on the time index and its matches
//   sorted: at most a few milliseconds, where a walk down the ids would first
//   pass every newer entry (250 ms for a day far back in 200,000 entries);
// - a longer span is walked down the ids between its first and last entry
//   (found once on the time index and kept while the log grows past them),
//   with time a filter on the rows walked (`+at`: the time index would sort
//   the whole span for each page). Entries are written in time order, so
//   the walk meets few outside the span; a clock set back makes more.
import { and, count as countRows, desc, eq, gt, gte, inArray, lt, lte, max, min, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { AuditAction, NotificationPreferences } from '../../../shared/domain';
import type { HubDb } from '../database';
import { auditLog, notificationPreferences } from '../schema';

export type AuditRow = typeof auditLog.$inferSelect;

/** Which entries: each null means any; all of them together ("and"). */
export interface AuditFilter {
  action: AuditAction | null;
  /** Entries where this member acted or was acted on. */
  memberId: string | null;
  /** Entries where this member acted. */
  actorMemberId: string | null;
  /** At or after (epoch ms): inclusive. */
  from: number | null;
  /** Before (epoch ms): exclusive. */
  to: number | null;
  /** Entries with a smaller id only (the next page, or an export's bound). */
  before: number | null;
}

export const NO_AUDIT_FILTER: AuditFilter = { action: null, memberId: null, actorMemberId: null, from: null, to: null, before: null };

/** A span of time with at most this many entries is read on the time index (see above). */
export const SHORT_SPAN_ENTRIES = 10_000;

/** How many long spans' bounds the repository keeps (a few people exporting at once, each paging one span). */
const SPAN_BOUNDS_KEPT = 32;

/**
 * How the time filter is read: there is none; a short span, on the time
 * index; a long one, walked down the ids between its first and last entry;
 * or a span that holds no entry at all.
 */
type TimeAccess = { kind: 'none' } | { kind: 'short' } | { kind: 'long'; lo: number; hi: number } | { kind: 'empty' };

function spanConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.from !== null) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to !== null) conditions.push(lt(auditLog.at, filter.to));
  return conditions;
}

/** The span as a filter on the rows walked: the unary plus keeps SQLite from choosing the time index for it. */
function walkedSpanConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.from !== null) conditions.push(sql`+${auditLog.at} >= ${filter.from}`);
  if (filter.to !== null) conditions.push(sql`+${auditLog.at} < ${filter.to}`);
  return conditions;
}

/** The conditions of `filter` but the member's "acted or acted on", which the callers add their own way. */
function conditionsOf(workspaceId: string, filter: AuditFilter, time: TimeAccess): SQL[] {
  const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorMemberId) conditions.push(eq(auditLog.actorMemberId, filter.actorMemberId));
  if (time.kind === 'short') conditions.push(...spanConditions(filter));
  if (time.kind === 'long') conditions.push(...walkedSpanConditions(filter), gte(auditLog.id, time.lo), lte(auditLog.id, time.hi));
  if (filter.before !== null) conditions.push(lt(auditLog.id, filter.before));
  return conditions;
}

function memberCondition(memberId: string): SQL {
  return or(eq(auditLog.actorMemberId, memberId), eq(auditLog.targetMemberId, memberId)) ?? sql`0`;
}

/** Newest first by id, each id once, the first `limit`. */
function mergeNewestFirst(first: AuditRow[], second: AuditRow[], limit: number): AuditRow[] {
  const merged: AuditRow[] = [];
  let left = 0;
  let right = 0;
  while (merged.length < limit && (left < first.length || right < second.length)) {
    const a = first[left];
    const b = second[right];
    if (a && (!b || a.id > b.id)) {
      merged.push(a);
      left += 1;
    } else if (b && (!a || b.id > a.id)) {
      merged.push(b);
      right += 1;
    } else if (a) {
      // The same entry on both sides: the member acted on themselves (accepting, declining).
      merged.push(a);
      left += 1;
      right += 1;
    }
  }
  return merged;
}

export function auditRepo(db: HubDb) {
  const page = (conditions: SQL[], limit: number): AuditRow[] =>
    db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(limit).all();

  const newestId = (workspaceId: string): number | null =>
    db.select({ value: max(auditLog.id) }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).get()?.value ?? null;

  /**
   * Each long span's first and last id, and the newest id of the log when
   * they were found. Finding them reads the span on the time index (about
   * 0.2 µs an entry); the pages of one span then reuse them, widened by the
   * entries written since (the log only grows, so those are all past the
   * newest id), instead of each first and last page walking the log outside
   * the span.
   */
  const spanBounds = new Map<string, { lo: number | null; hi: number | null; newest: number }>();
  const spanKey = (workspaceId: string, filter: AuditFilter): string => JSON.stringify([workspaceId, filter.from, filter.to]);

  const longSpanBounds = (workspaceId: string, filter: AuditFilter): { lo: number; hi: number } | null => {
    const newest = newestId(workspaceId) ?? 0;
    const key = spanKey(workspaceId, filter);
    let known = spanBounds.get(key);
    if (known && known.newest > newest) known = undefined;
    if (!known) {
      const found = db.get<{ lo: number | null; hi: number | null }>(
        sql`SELECT min(id) AS lo, max(id) AS hi FROM ${auditLog} INDEXED BY audit_workspace_at WHERE ${and(eq(auditLog.workspaceId, workspaceId), ...spanConditions(filter))}`,
      );
      known = { lo: found?.lo ?? null, hi: found?.hi ?? null, newest };
    } else if (known.newest < newest) {
      const added = db
        .select({ lo: min(auditLog.id), hi: max(auditLog.id) })
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, workspaceId), gt(auditLog.id, known.newest), ...walkedSpanConditions(filter)))
        .get();
      known = { lo: known.lo ?? added?.lo ?? null, hi: added?.hi ?? known.hi, newest };
    }
    spanBounds.delete(key);
    spanBounds.set(key, known);
    if (spanBounds.size > SPAN_BOUNDS_KEPT) spanBounds.delete(spanBounds.keys().next().value ?? key);
    return known.lo === null || known.hi === null ? null : { lo: known.lo, hi: known.hi };
  };

  /** How the filter's span of time is read: short spans (counted on the time index, up to one more than a short span holds) on that index. */
  const timeAccessOf = (workspaceId: string, filter: AuditFilter): TimeAccess => {
    if (filter.from === null && filter.to === null) return { kind: 'none' };
    // A span once long stays long (the log only grows): its bounds are kept, and it is not counted again.
    if (spanBounds.has(spanKey(workspaceId, filter))) {
      const bounds = longSpanBounds(workspaceId, filter);
      return bounds ? { kind: 'long', ...bounds } : { kind: 'empty' };
    }
    const span = and(eq(auditLog.workspaceId, workspaceId), ...spanConditions(filter));
    const counted = db.get<{ entries: number }>(
      sql`SELECT count(*) AS entries FROM (SELECT 1 FROM ${auditLog} INDEXED BY audit_workspace_at WHERE ${span} LIMIT ${SHORT_SPAN_ENTRIES + 1})`,
    );
    if ((counted?.entries ?? 0) <= SHORT_SPAN_ENTRIES) return { kind: 'short' };
    const bounds = longSpanBounds(workspaceId, filter);
    return bounds ? { kind: 'long', ...bounds } : { kind: 'empty' };
  };

  /** The newest `limit` matching entries of a short span: found on the time index, sorted there (few), read by id. */
  const shortSpanPage = (conditions: SQL[], limit: number): AuditRow[] => {
    const ids = db
      .all<{ id: number }>(sql`SELECT id FROM ${auditLog} INDEXED BY audit_workspace_at WHERE ${and(...conditions)} ORDER BY id DESC LIMIT ${limit}`)
      .map((row) => row.id);
    return ids.length === 0 ? [] : db.select().from(auditLog).where(inArray(auditLog.id, ids)).orderBy(desc(auditLog.id)).all();
  };

  const shortSpanCount = (conditions: SQL[]): number =>
    db.get<{ entries: number }>(sql`SELECT count(*) AS entries FROM ${auditLog} INDEXED BY audit_workspace_at WHERE ${and(...conditions)}`)?.entries ?? 0;

  return {
    insert: (row: typeof auditLog.$inferInsert): void => void db.insert(auditLog).values(row).run(),
    /** Up to `limit` matching entries, newest first. */
    list: (workspaceId: string, filter: AuditFilter, limit: number): AuditRow[] => {
      const time = timeAccessOf(workspaceId, filter);
      if (time.kind === 'empty') return [];
      const conditions = conditionsOf(workspaceId, filter, time);
      if (time.kind === 'short') return shortSpanPage(filter.memberId ? [...conditions, memberCondition(filter.memberId)] : conditions, limit);
      if (!filter.memberId) return page(conditions, limit);
      const acted = page([...conditions, eq(auditLog.actorMemberId, filter.memberId)], limit);
      const actedOn = page([...conditions, eq(auditLog.targetMemberId, filter.memberId)], limit);
      return mergeNewestFirst(acted, actedOn, limit);
    },
    /**
     * How many entries match, on the same indexes as the pages. The member's
     * two sides are counted each on its index, less the entries on both (the
     * member acting on themselves): as one OR, SQLite walks the whole log.
     */
    count: (workspaceId: string, filter: AuditFilter): number => {
      const time = timeAccessOf(workspaceId, filter);
      if (time.kind === 'empty') return 0;
      const conditions = conditionsOf(workspaceId, filter, time);
      if (time.kind === 'short') return shortSpanCount(filter.memberId ? [...conditions, memberCondition(filter.memberId)] : conditions);
      const countOf = (extra: SQL[]): number => db.select({ value: countRows() }).from(auditLog).where(and(...conditions, ...extra)).get()?.value ?? 0;
      if (!filter.memberId) return countOf([]);
      const acted = eq(auditLog.actorMemberId, filter.memberId);
      const actedOn = eq(auditLog.targetMemberId, filter.memberId);
      return countOf([acted]) + countOf([actedOn]) - countOf([acted, actedOn]);
    },
    /** The id of the workspace's newest entry, or null for an empty log. */
    newestId,
    /** Every matching entry, newest first (the whole answer an older client's export asks for). */
    matching: (workspaceId: string, filter: AuditFilter): AuditRow[] => {
      const conditions = [...conditionsOf(workspaceId, filter, { kind: 'none' }), ...walkedSpanConditions(filter)];
      if (filter.memberId) conditions.push(memberCondition(filter.memberId));
      return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).all();
    },
    all: (workspaceId: string): AuditRow[] =>
      db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(desc(auditLog.id)).all(),
    /**
     * The name the log last gave this member, as the actor or the one acted
     * on: how an export names a member it was filtered by who may since have
     * been revoked.
     */
    lastNameOf: (workspaceId: string, memberId: string): string | null => {
      const conditions = [eq(auditLog.workspaceId, workspaceId)];
      const acted = page([...conditions, eq(auditLog.actorMemberId, memberId)], 1)[0];
      const actedOn = page([...conditions, eq(auditLog.targetMemberId, memberId)], 1)[0];
      if (acted && (!actedOn || acted.id > actedOn.id)) return acted.actorName;
      return actedOn?.targetName ?? null;
    },
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
