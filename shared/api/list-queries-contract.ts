// The list queries (issue 12): the renderer holds no whole list. It asks the
// core for the window it shows (search, filters, sort, offset and limit) and
// gets the rows, the total that matches and, when it names one, where an
// anchor row now stands; the core answers from the local replica. The core
// tells it when to ask again with `lists.changed`, naming what changed.
//
// Search: a substring of the name or of the email (for contacts, of the name
// or of the email as this person sees it, masked under R7), case folded as
// SQLite's FTS5 folds it (so "ADA" finds "ada", "σ" finds "ς"; accents are
// not folded: "e" does not find "é"); surrounding blanks are ignored, and
// text no name holds (a lone surrogate, a direction override) finds nobody.
//
// Order: every order ends with the row's id, so a window never shuffles rows
// that tie. "desc" is the exact reverse of "asc", tie-breaks included. Names
// sort with ASCII letters folded (SQLite's lower()), other letters by code
// point: "Émile" after "Zoë", unlike localeCompare.
//
// Not here: the audit log, which is not in the replica; `hub.audit.list`
// already pages it on the hub (newest first, then `before` the last id), and
// its member filter uses `members.pick`.
import { z } from 'zod';
import { accessLevelSchema, contactSchema, idSchema, memberSchema, memberStatusSchema, notificationPreferencesSchema, organizationSchema, teamSchema, workspaceSchema } from '../domain/schemas';
import { codePointLength, EMAIL_MAX_CODE_POINTS } from '../domain/text';
import { unreadableCountsSchema } from './session-schemas';

/** The most rows one window returns. */
export const LIST_WINDOW_MAX = 500;
/** The most choices a picker shows at once. */
export const PICKER_MAX = 50;
/** The most ids one call may name (membersByIds, excludeIds). */
export const IDS_MAX = 500;

/** As long as the longest text a list holds (an email address); anything longer matches nobody anyway. */
export const listSearchSchema = z
  .string()
  .max(EMAIL_MAX_CODE_POINTS * 2, `A search is at most ${EMAIL_MAX_CODE_POINTS} characters`)
  .refine((text) => codePointLength(text) <= EMAIL_MAX_CODE_POINTS, `A search is at most ${EMAIL_MAX_CODE_POINTS} characters`)
  .default('');

const windowShape = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  /** 0 answers only the total (a count, such as "3 contacts are assigned to Ada"). */
  limit: z.number().int().min(0).max(LIST_WINDOW_MAX).default(100),
  /** A row to locate in this order (the one under the pointer, say): its index comes back as `anchorIndex`. */
  anchorId: idSchema.nullable().default(null),
};

/** The Users page's sorts. "last_seen" counts online as seen now and never seen as the oldest. */
export const MEMBER_SORT_KEYS = ['name', 'level', 'last_seen', 'invited', 'joined', 'access_until'] as const;

/**
 * Issue 13.2: the Users page's "access" filter. ending_soon: an end date no
 * later than the workspace's warning days from now (7 days when the
 * workspace warns at no time, so the filter still finds something useful);
 * an end already past that the hub has not acted on yet counts too.
 * has_end: any end date.
 */
export const MEMBER_ACCESS_FILTERS = ['ending_soon', 'has_end'] as const;
export type MemberAccessFilter = (typeof MEMBER_ACCESS_FILTERS)[number];
/** The window "ending soon" uses when a workspace's warning is off (0 days). */
export const ENDING_SOON_FALLBACK_DAYS = 7;

/** How far ahead "ending soon" looks for a workspace warning `warningDays` ahead. */
export function endingSoonDays(warningDays: number): number {
  return warningDays > 0 ? warningDays : ENDING_SOON_FALLBACK_DAYS;
}
export const sortDirectionSchema = z.enum(['asc', 'desc']);

export const memberSortSchema = z.strictObject({
  /**
   * name: A to Z, then id. level: Owners, Managers, Agents, each by name.
   * last_seen (asc = oldest first): while the core hears the hub, online
   * members count as seen now (ordered among themselves by last seen);
   * otherwise nobody is online. invited, joined: by time (not joined yet = 0,
   * the oldest). access_until (asc = ends soonest first): no end date counts
   * as the latest.
   */
  by: z.enum(MEMBER_SORT_KEYS),
  direction: sortDirectionSchema,
});
export type MemberSort = z.infer<typeof memberSortSchema>;

export const membersQueryInputSchema = z.strictObject({
  search: listSearchSchema,
  level: accessLevelSchema.nullable().default(null),
  status: memberStatusSchema.nullable().default(null),
  teamId: idSchema.nullable().default(null),
  /** Presence lives in the core: "online" finds nobody while the hub cannot be heard (everyone counts as offline then, as the dots show). */
  presence: z.enum(['online', 'offline']).nullable().default(null),
  /** Issue 13.2: members whose access ends soon, or has an end at all (MEMBER_ACCESS_FILTERS). */
  access: z.enum(MEMBER_ACCESS_FILTERS).nullable().default(null),
  excludeIds: z.array(idSchema).max(IDS_MAX).default([]),
  sort: memberSortSchema.default({ by: 'name', direction: 'asc' }),
  ...windowShape,
});
export type MembersQueryInput = z.input<typeof membersQueryInputSchema>;
export type MembersQuery = z.output<typeof membersQueryInputSchema>;

/**
 * A member as the list shows it: the member (with `isOnline` as the core
 * knows it now, false while the hub cannot be heard) and their team's name.
 */
export const memberListRowSchema = memberSchema.extend({ teamName: z.string().nullable() });
export type MemberListRow = z.infer<typeof memberListRowSchema>;

/** What every windowed query answers. */
function windowSchema<Row extends z.ZodType>(row: Row) {
  return z.object({
    rows: z.array(row),
    /** How many rows match, whatever the window. */
    total: z.number().int().nonnegative(),
    /** The offset asked for (echoed, so a late answer can be matched to its request). */
    offset: z.number().int().nonnegative(),
    /** Where `anchorId` stands in this order now (0-based), or null when it was not asked or matches no longer. */
    anchorIndex: z.number().int().nonnegative().nullable(),
  });
}

export const memberWindowSchema = windowSchema(memberListRowSchema);
export type MemberWindow = z.infer<typeof memberWindowSchema>;

/** A searchable picker of members (the revoke dialog's heir, a contact's assignee, notification choices, the audit log's member). */
export const membersPickInputSchema = z.strictObject({
  search: listSearchSchema,
  status: memberStatusSchema.nullable().default(null),
  excludeIds: z.array(idSchema).max(IDS_MAX).default([]),
  limit: z.number().int().min(1).max(PICKER_MAX).default(20),
});
export type MembersPickInput = z.input<typeof membersPickInputSchema>;

export const memberChoiceSchema = memberSchema.pick({ id: true, displayName: true, email: true, avatarDataUrl: true, level: true, status: true, teamId: true });
export type MemberChoice = z.infer<typeof memberChoiceSchema>;

/** The first choices by name, and how many match in all ("and 1,234 more: keep typing"). */
export const memberChoicesSchema = z.object({ rows: z.array(memberChoiceSchema), total: z.number().int().nonnegative() });
export type MemberChoices = z.infer<typeof memberChoicesSchema>;

export const membersByIdsInputSchema = z.strictObject({ ids: z.array(idSchema).max(IDS_MAX) });
/** In the order asked; an id this person cannot see (or that is gone) is left out. */
export const membersByIdsSchema = z.object({ rows: z.array(memberListRowSchema) });

export const teamsQueryInputSchema = z.strictObject({
  search: listSearchSchema,
  ...windowShape,
});
export type TeamsQueryInput = z.input<typeof teamsQueryInputSchema>;
export type TeamsQuery = z.output<typeof teamsQueryInputSchema>;

/** A team, by name, with how many members are in it (counted by the replica). */
export const teamListRowSchema = teamSchema.extend({ memberCount: z.number().int().nonnegative() });
export type TeamListRow = z.infer<typeof teamListRowSchema>;
export const teamWindowSchema = windowSchema(teamListRowSchema);
export type TeamWindow = z.infer<typeof teamWindowSchema>;

export const contactAssigneeFilterSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('any') }),
  z.strictObject({ kind: z.literal('unassigned') }),
  z.strictObject({ kind: z.literal('member'), memberId: idSchema }),
]);

export const contactsQueryInputSchema = z.strictObject({
  search: listSearchSchema,
  assignee: contactAssigneeFilterSchema.default({ kind: 'any' }),
  teamId: idSchema.nullable().default(null),
  /** Contacts sort by name (then id). */
  direction: sortDirectionSchema.default('asc'),
  ...windowShape,
});
export type ContactsQueryInput = z.input<typeof contactsQueryInputSchema>;
export type ContactsQuery = z.output<typeof contactsQueryInputSchema>;

/**
 * A contact with its assignee's name and team (the policy's target needs the
 * team for contact.delete and contact.set_detail). `assignee` is null when
 * unassigned, and also when the assignee is not in this person's copy (an
 * Agent sees no member list): `assigneeId` still names them.
 */
export const contactListRowSchema = contactSchema.extend({
  assignee: z.object({ id: idSchema, displayName: z.string(), teamId: idSchema.nullable() }).nullable(),
});
export type ContactListRow = z.infer<typeof contactListRowSchema>;
export const contactWindowSchema = windowSchema(contactListRowSchema);
export type ContactWindow = z.infer<typeof contactWindowSchema>;

/** The workspace without its lists: what every page needs, and the counts the summaries show. */
export const workspaceSummarySchema = z.object({
  seq: z.number().int().nonnegative(),
  syncedAt: z.number().nullable(),
  organization: organizationSchema,
  workspace: workspaceSchema,
  /** The signed-in member (null only if the hub left them out). */
  self: memberListRowSchema.nullable(),
  preferences: notificationPreferencesSchema,
  counts: z.object({
    members: z.number().int().nonnegative(),
    pendingMembers: z.number().int().nonnegative(),
    /** V4: the last active Owner can be neither revoked nor demoted. */
    activeOwners: z.number().int().nonnegative(),
    /** V4 with issue 13.2: active Owners whose access has no end date (one must always remain). */
    openEndedOwners: z.number().int().nonnegative(),
    teams: z.number().int().nonnegative(),
    contacts: z.number().int().nonnegative(),
  }),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

/** The summary as the window gets it: with the records of the last sync this version could not read (said, not dropped silently). */
export const workspaceSummaryViewSchema = workspaceSummarySchema.extend({ unreadable: unreadableCountsSchema });
export type WorkspaceSummaryView = z.infer<typeof workspaceSummaryViewSchema>;

export const LIST_QUERIES_CONTRACT = {
  'members.query': { input: membersQueryInputSchema, output: memberWindowSchema },
  'members.pick': { input: membersPickInputSchema, output: memberChoicesSchema },
  'members.byIds': { input: membersByIdsInputSchema, output: membersByIdsSchema },
  'teams.query': { input: teamsQueryInputSchema, output: teamWindowSchema },
  'contacts.query': { input: contactsQueryInputSchema, output: contactWindowSchema },
  /** Null when no workspace is open. */
  'workspace.summary': { input: z.undefined(), output: workspaceSummaryViewSchema.nullable() },
} as const;

export type ListQueryMethodName = keyof typeof LIST_QUERIES_CONTRACT;

/**
 * What changed in one list: 'all' (refetch whatever shows it), or the ids of
 * the rows added, changed or removed (empty: nothing in this list).
 */
export const listChangeSchema = z.union([z.literal('all'), z.array(idSchema)]);
export type ListChange = z.infer<typeof listChangeSchema>;

/**
 * `lists.changed`, pushed after the replica applied a snapshot, a change set
 * or presence, and when the connection to the hub drops (everyone then counts
 * as offline). A window showing a list that changed refetches itself with the
 * same query and its anchor; ids let it skip work:
 *
 * - cause "presence": only isOnline and lastSeenAt changed, for these ids. A
 *   window that neither sorts by last_seen nor filters by presence refetches
 *   only if it shows one of them (its order and total cannot have moved).
 * - a member list change also changes contact rows (assignee names) and team
 *   counts; a team change also changes member rows (team names).
 * - `isSummaryChanged`: the workspace, the preferences or the counts may have
 *   changed (workspace.summary).
 */
export const listsChangedSchema = z.object({
  workspaceId: idSchema,
  cause: z.enum(['snapshot', 'changes', 'presence', 'connection']),
  members: listChangeSchema,
  teams: listChangeSchema,
  contacts: listChangeSchema,
  isSummaryChanged: z.boolean(),
});
export type ListsChanged = z.infer<typeof listsChangedSchema>;
