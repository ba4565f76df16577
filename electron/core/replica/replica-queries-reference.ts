// The tests' brute-force answer to every list query: filter, sort and slice
// plain arrays, the obvious way, so the SQL can be checked against it. It
// shares only the case folding with the queries (replica-queries-fold.ts),
// which its own test checks against SQLite's FTS5 code point by code point.
import type { ContactListRow, ContactsQuery, ContactWindow, MemberListRow, MembersQuery, MemberWindow, TeamsQuery, TeamWindow } from '../../../shared/api/list-queries-contract';
import type { Contact, Member, Team } from '../../../shared/domain';
import { isWellFormedText } from '../../../shared/domain/text';
import { foldText } from './replica-queries-fold';

type Key = ReadonlyArray<number | string>;

/** SQLite compares text by its UTF-8 bytes, which is code point order (not UTF-16's). */
function compareText(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function compareKeys(a: Key, b: Key): number {
  for (let index = 0; index < a.length; index += 1) {
    const left = a[index] as number | string;
    const right = b[index] as number | string;
    const difference = typeof left === 'number' && typeof right === 'number' ? left - right : compareText(String(left), String(right));
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** SQLite's lower(): ASCII letters only. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/** Substring of any of the texts, case folded as FTS5 folds it; null when the search is no filter. */
export function referenceMatcher(search: string): ((texts: ReadonlyArray<string | null>) => boolean) | null {
  if (!isWellFormedText(search) || search.includes('\u0000')) return () => false;
  const needle = search.normalize('NFC').trim();
  if (needle === '') return null;
  const folded = foldText(needle);
  return (texts) => texts.some((text) => text !== null && foldText(text).includes(folded));
}

function windowOf<T extends { id: string }>(sorted: T[], offset: number, limit: number, anchorId: string | null) {
  const index = anchorId === null ? -1 : sorted.findIndex((row) => row.id === anchorId);
  return { rows: sorted.slice(offset, offset + limit), total: sorted.length, offset, anchorIndex: index < 0 ? null : index };
}

function sortedBy<T>(rows: T[], key: (row: T) => Key, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compareKeys(key(a), key(b)));
}

const LEVEL_RANK = { owner: 0, manager: 1, agent: 2 } as const;

/**
 * `endingSoonBefore`: the latest end date that counts as ending soon (now
 * plus the workspace's warning days, issue 13.2); the caller works it out.
 */
export function referenceMembers(members: readonly Member[], teams: readonly Team[], query: MembersQuery, isPresenceLive: boolean, endingSoonBefore = 0): MemberWindow {
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const matches = referenceMatcher(query.search);
  const isOnline = (member: Member) => isPresenceLive && member.isOnline;
  const kept = members.filter(
    (member) =>
      (query.level === null || member.level === query.level) &&
      (query.status === null || member.status === query.status) &&
      (query.teamId === null || member.teamId === query.teamId) &&
      (query.presence === null || isOnline(member) === (query.presence === 'online')) &&
      (query.access === null || (member.accessUntil != null && (query.access === 'has_end' || member.accessUntil <= endingSoonBefore))) &&
      !query.excludeIds.includes(member.id) &&
      (matches === null || matches([member.displayName, member.email])),
  );
  const keys: Record<MembersQuery['sort']['by'], (member: Member) => Key> = {
    name: (member) => [asciiLower(member.displayName), member.id],
    level: (member) => [LEVEL_RANK[member.level], asciiLower(member.displayName), member.id],
    last_seen: (member) => (isPresenceLive ? [member.isOnline ? 1 : 0, member.lastSeenAt ?? 0, member.id] : [member.lastSeenAt ?? 0, member.id]),
    invited: (member) => [member.invitedAt, member.id],
    joined: (member) => [member.joinedAt ?? 0, member.id],
    access_until: (member) => [member.accessUntil ?? Number.MAX_SAFE_INTEGER, member.id],
  };
  const rows = sortedBy(kept, keys[query.sort.by], query.sort.direction).map(
    (member): MemberListRow => ({ ...member, isOnline: isOnline(member), teamName: member.teamId ? (teamNames.get(member.teamId) ?? null) : null }),
  );
  return windowOf(rows, query.offset, query.limit, query.anchorId);
}

export function referenceContacts(contacts: readonly Contact[], members: readonly Member[], query: ContactsQuery): ContactWindow {
  const byId = new Map(members.map((member) => [member.id, member]));
  const matches = referenceMatcher(query.search);
  const kept = contacts.filter(
    (contact) =>
      (query.assignee.kind === 'any' || (query.assignee.kind === 'unassigned' ? contact.assigneeId === null : contact.assigneeId === query.assignee.memberId)) &&
      (query.teamId === null || contact.teamId === query.teamId) &&
      (matches === null || matches([contact.name, contact.email])),
  );
  const rows = sortedBy(kept, (contact) => [asciiLower(contact.name), contact.id], query.direction).map((contact): ContactListRow => {
    const assignee = contact.assigneeId ? byId.get(contact.assigneeId) : undefined;
    return { ...contact, assignee: assignee ? { id: assignee.id, displayName: assignee.displayName, teamId: assignee.teamId } : null };
  });
  return windowOf(rows, query.offset, query.limit, query.anchorId);
}

export function referenceTeams(teams: readonly Team[], members: readonly Member[], query: TeamsQuery): TeamWindow {
  const matches = referenceMatcher(query.search);
  const kept = teams.filter((team) => matches === null || matches([team.name]));
  const rows = sortedBy(kept, (team) => [asciiLower(team.name), team.id], 'asc').map((team) => ({
    ...team,
    memberCount: members.filter((member) => member.teamId === team.id).length,
  }));
  return windowOf(rows, query.offset, query.limit, query.anchorId);
}
