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
import type { auditLog as auditLogTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type AuditRow = typeof auditLogTable.$inferSelect;

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

/** A number PostgreSQL may return as text (a bigint or a count in raw SQL), or null. */
const numberOrNull = (value: number | string | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

export function auditRepo(db: HubDb, tables: HubTables = sqliteTables, dialect: Dialect = sqliteDialect(db)) {
  const { auditLog, notificationPreferences } = tables;

  const spanConditions = (filter: AuditFilter): SQL[] => {
    const conditions: SQL[] = [];
    if (filter.from !== null) conditions.push(gte(auditLog.at, filter.from));
    if (filter.to !== null) conditions.push(lt(auditLog.at, filter.to));
    return conditions;
  };

  /** The span as a filter on the rows walked: SQLite's unary plus keeps it from choosing the time index for it. */
  const walkedSpanConditions = (filter: AuditFilter): SQL[] => {
    const conditions: SQL[] = [];
    if (filter.from !== null) conditions.push(sql`${dialect.unindexed(auditLog.at)} >= ${filter.from}`);
    if (filter.to !== null) conditions.push(sql`${dialect.unindexed(auditLog.at)} < ${filter.to}`);
    return conditions;
  };

  /** The conditions of `filter` but the member's "acted or acted on", which the callers add their own way. */
  const conditionsOf = (workspaceId: string, filter: AuditFilter, time: TimeAccess): SQL[] => {
    const conditions: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
    if (filter.action) conditions.push(eq(auditLog.action, filter.action));
    if (filter.actorMemberId) conditions.push(eq(auditLog.actorMemberId, filter.actorMemberId));
    if (time.kind === 'short') conditions.push(...spanConditions(filter));
    if (time.kind === 'long') conditions.push(...walkedSpanConditions(filter), gte(auditLog.id, time.lo), lte(auditLog.id, time.hi));
    if (filter.before !== null) conditions.push(lt(auditLog.id, filter.before));
    return conditions;
  };

  const memberCondition = (memberId: string): SQL => or(eq(auditLog.actorMemberId, memberId), eq(auditLog.targetMemberId, memberId)) ?? sql`0`;

  /** Reads on the time index: SQLite is told to (`INDEXED BY`), PostgreSQL's planner picks it for a workspace's span. */
  const onTimeIndex = dialect.indexedBy('audit_workspace_at');

  const page = async (conditions: SQL[], limit: number): Promise<AuditRow[]> =>
    db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(limit);

  const newestId = async (workspaceId: string): Promise<number | null> =>
    (await db.select({ value: max(auditLog.id) }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)))[0]?.value ?? null;

  /**
   * Each long span's first and last id, and the newest id of the log when
   * they were found. Finding them reads the span on the time index (about
   * 0.2 µs an entry); the pages of one span then reuse them, widened by the
   * entries written since (the log only grows, so those are all past the
   * newest id), instead of each first and last page walking the log outside
   * the span. Kept per repository: a transaction's store (which builds its
   * own repositories) finds them again.
   */
  const spanBounds = new Map<string, { lo: number | null; hi: number | null; newest: number }>();
  const spanKey = (workspaceId: string, filter: AuditFilter): string => JSON.stringify([workspaceId, filter.from, filter.to]);

  const longSpanBounds = async (workspaceId: string, filter: AuditFilter): Promise<{ lo: number; hi: number } | null> => {
    const newest = (await newestId(workspaceId)) ?? 0;
    const key = spanKey(workspaceId, filter);
    let known = spanBounds.get(key);
    if (known && known.newest > newest) known = undefined;
    if (!known) {
      const [found] = await dialect.rows<{ lo: number | string | null; hi: number | string | null }>(
        sql`SELECT min(id) AS lo, max(id) AS hi FROM ${auditLog} ${onTimeIndex} WHERE ${and(eq(auditLog.workspaceId, workspaceId), ...spanConditions(filter))}`,
      );
      known = { lo: numberOrNull(found?.lo), hi: numberOrNull(found?.hi), newest };
    } else if (known.newest < newest) {
      const [added] = await db
        .select({ lo: min(auditLog.id), hi: max(auditLog.id) })
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, workspaceId), gt(auditLog.id, known.newest), ...walkedSpanConditions(filter)));
      known = { lo: known.lo ?? added?.lo ?? null, hi: added?.hi ?? known.hi, newest };
    }
    spanBounds.delete(key);
    spanBounds.set(key, known);
    if (spanBounds.size > SPAN_BOUNDS_KEPT) spanBounds.delete(spanBounds.keys().next().value ?? key);
    return known.lo === null || known.hi === null ? null : { lo: known.lo, hi: known.hi };
  };

  /** How the filter's span of time is read: short spans (counted on the time index, up to one more than a short span holds) on that index. */
  const timeAccessOf = async (workspaceId: string, filter: AuditFilter): Promise<TimeAccess> => {
    if (filter.from === null && filter.to === null) return { kind: 'none' };
    // A span once long stays long (the log only grows): its bounds are kept, and it is not counted again.
    if (spanBounds.has(spanKey(workspaceId, filter))) {
      const bounds = await longSpanBounds(workspaceId, filter);
      return bounds ? { kind: 'long', ...bounds } : { kind: 'empty' };
    }
    const span = and(eq(auditLog.workspaceId, workspaceId), ...spanConditions(filter));
    const [counted] = await dialect.rows<{ entries: number | string }>(
      sql`SELECT count(*) AS entries FROM (SELECT 1 FROM ${auditLog} ${onTimeIndex} WHERE ${span} LIMIT ${SHORT_SPAN_ENTRIES + 1}) AS span`,
    );
    if ((numberOrNull(counted?.entries) ?? 0) <= SHORT_SPAN_ENTRIES) return { kind: 'short' };
    const bounds = await longSpanBounds(workspaceId, filter);
    return bounds ? { kind: 'long', ...bounds } : { kind: 'empty' };
  };

  /** The newest `limit` matching entries of a short span: found on the time index, sorted there (few), read by id. */
  const shortSpanPage = async (conditions: SQL[], limit: number): Promise<AuditRow[]> => {
    const ids = (
      await dialect.rows<{ id: number | string }>(sql`SELECT id FROM ${auditLog} ${onTimeIndex} WHERE ${and(...conditions)} ORDER BY id DESC LIMIT ${limit}`)
    ).map((row) => Number(row.id));
    return ids.length === 0 ? [] : db.select().from(auditLog).where(inArray(auditLog.id, ids)).orderBy(desc(auditLog.id));
  };

  const shortSpanCount = async (conditions: SQL[]): Promise<number> =>
    numberOrNull(
      (await dialect.rows<{ entries: number | string }>(sql`SELECT count(*) AS entries FROM ${auditLog} ${onTimeIndex} WHERE ${and(...conditions)}`))[0]?.entries,
    ) ?? 0;

  return {
    insert: async (row: typeof auditLog.$inferInsert): Promise<void> => {
      await db.insert(auditLog).values(row);
    },
    /** Up to `limit` matching entries, newest first. */
    list: async (workspaceId: string, filter: AuditFilter, limit: number): Promise<AuditRow[]> => {
      const time = await timeAccessOf(workspaceId, filter);
      if (time.kind === 'empty') return [];
      const conditions = conditionsOf(workspaceId, filter, time);
      if (time.kind === 'short') return shortSpanPage(filter.memberId ? [...conditions, memberCondition(filter.memberId)] : conditions, limit);
      if (!filter.memberId) return page(conditions, limit);
      const acted = await page([...conditions, eq(auditLog.actorMemberId, filter.memberId)], limit);
      const actedOn = await page([...conditions, eq(auditLog.targetMemberId, filter.memberId)], limit);
      return mergeNewestFirst(acted, actedOn, limit);
    },
    /**
     * How many entries match, on the same indexes as the pages. The member's
     * two sides are counted each on its index, less the entries on both (the
     * member acting on themselves): as one OR, SQLite walks the whole log.
     */
    count: async (workspaceId: string, filter: AuditFilter): Promise<number> => {
      const time = await timeAccessOf(workspaceId, filter);
      if (time.kind === 'empty') return 0;
      const conditions = conditionsOf(workspaceId, filter, time);
      if (time.kind === 'short') return shortSpanCount(filter.memberId ? [...conditions, memberCondition(filter.memberId)] : conditions);
      const countOf = async (extra: SQL[]): Promise<number> =>
        (await db.select({ value: countRows() }).from(auditLog).where(and(...conditions, ...extra)))[0]?.value ?? 0;
      if (!filter.memberId) return countOf([]);
      const acted = eq(auditLog.actorMemberId, filter.memberId);
      const actedOn = eq(auditLog.targetMemberId, filter.memberId);
      return (await countOf([acted])) + (await countOf([actedOn])) - (await countOf([acted, actedOn]));
    },
    /** The id of the workspace's newest entry, or null for an empty log. */
    newestId,
    /** Every matching entry, newest first (the whole answer an older client's export asks for). */
    matching: async (workspaceId: string, filter: AuditFilter): Promise<AuditRow[]> => {
      const conditions = [...conditionsOf(workspaceId, filter, { kind: 'none' }), ...walkedSpanConditions(filter)];
      if (filter.memberId) conditions.push(memberCondition(filter.memberId));
      return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id));
    },
    all: async (workspaceId: string): Promise<AuditRow[]> => db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(desc(auditLog.id)),
    /**
     * The name the log last gave this member, as the actor or the one acted
     * on: how an export names a member it was filtered by who may since have
     * been revoked.
     */
    lastNameOf: async (workspaceId: string, memberId: string): Promise<string | null> => {
      const conditions = [eq(auditLog.workspaceId, workspaceId)];
      const [acted] = await page([...conditions, eq(auditLog.actorMemberId, memberId)], 1);
      const [actedOn] = await page([...conditions, eq(auditLog.targetMemberId, memberId)], 1);
      if (acted && (!actedOn || acted.id > actedOn.id)) return acted.actorName;
      return actedOn?.targetName ?? null;
    },
    preferences: async (memberId: string): Promise<NotificationPreferences | undefined> =>
      (await db.select().from(notificationPreferences).where(eq(notificationPreferences.memberId, memberId)).limit(1))[0]?.preferences,
    setPreferences: async (memberId: string, preferences: NotificationPreferences): Promise<void> => {
      await db
        .insert(notificationPreferences)
        .values({ memberId, preferences })
        .onConflictDoUpdate({ target: notificationPreferences.memberId, set: { preferences } });
    },
    deletePreferences: async (memberId: string): Promise<void> => {
      await db.delete(notificationPreferences).where(eq(notificationPreferences.memberId, memberId));
    },
  };
}
