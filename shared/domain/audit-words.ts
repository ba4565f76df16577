// X1: the audit log in words a reviewer reads: what each action is called and
// what an entry's before and after say. The Audit log page and its CSV export
// use these same words. An entry's before and after are read defensively: a
// hub of another version may keep other keys, and a value this version cannot
// read is left out of the sentence rather than shown raw.
import type { AccessLevel, Plan, Restrictions } from '../policy';
import { ACCESS_LEVEL_LABELS, CONTACT_VISIBILITY_LABELS, NO_RESTRICTIONS, PLAN_LABELS, RESTRICTIONS, isRestrictionSet } from '../policy';
import type { AuditAction, AuditEntry } from './schemas';

export const AUDIT_ACTION_LABELS = {
  'member.invited': 'Invited',
  'member.accepted': 'Accepted',
  'member.edited': 'Access changed',
  'member.revoked': 'Revoked',
  'invitation.resent': 'Invitation resent',
  'invitation.cancelled': 'Invitation cancelled',
  'invitation.declined': 'Invitation declined',
  'members.exported': 'Members exported',
  'audit.exported': 'Audit log exported',
  'workspace.plan_changed': 'Plan changed',
  'workspace.two_step_required': 'Two-step requirement changed',
  'two_step.reset': 'Two-step sign-in reset',
  'review.started': 'Access review started',
  'review.completed': 'Access review completed',
  'review.scheduled': 'Access review schedule changed',
  'members.bulk_invited': 'Invited from a list',
  'member.access_ended': 'Access ended on its date',
  'member.access_ending_warned': 'Warned access ends soon',
  'workspace.access_warning_changed': 'Access end warning changed',
  'member.access_end_held': 'Access end held back',
} as const satisfies Record<AuditAction, string>;

/** How times and numbers are written where the words are shown (the person's zone and locale). */
export interface AuditWordFormats {
  time: (at: number) => string;
  number?: (value: number) => string;
}

type Facts = Record<string, unknown> | null;

const levelName = (value: unknown): string | null => (typeof value === 'string' && value in ACCESS_LEVEL_LABELS ? ACCESS_LEVEL_LABELS[value as AccessLevel] : null);
const planName = (value: unknown): string | null => (typeof value === 'string' && value in PLAN_LABELS ? PLAN_LABELS[value as Plan] : null);
const wholeNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Each restriction switched on, named as the Edit dialog names it (the scope of contact visibility with it). */
function restrictionPhrases(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const restrictions = { ...NO_RESTRICTIONS, ...(value as Partial<Restrictions>) };
  return RESTRICTIONS.filter((definition) => isRestrictionSet(restrictions, definition.key)).map((definition) => {
    if (definition.key !== 'contactVisibility') return definition.label;
    const scope = CONTACT_VISIBILITY_LABELS[restrictions.contactVisibility as keyof typeof CONTACT_VISIBILITY_LABELS];
    return scope ? `${definition.label} (${scope.toLowerCase()})` : definition.label;
  });
}

function plural(count: number, one: string, many: string, formats: AuditWordFormats): string {
  return `${(formats.number ?? String)(count)} ${count === 1 ? one : many}`;
}

function asLevel(facts: Facts, restricted = true): string {
  const level = levelName(facts?.['level']);
  if (!level) return '';
  const phrases = restricted ? restrictionPhrases(facts?.['restrictions']) : [];
  return phrases.length > 0 ? `As ${level}, restricted: ${phrases.join(', ')}` : `As ${level}`;
}

/** Issue 13.2: an end of access and who then receives the contacts, when the facts name them ("" when they do not). */
function accessEnd(facts: Facts, formats: AuditWordFormats): string {
  const until = wholeNumber(facts?.['accessUntil']);
  if (until === null) return '';
  const heir = text(facts?.['accessHeir']);
  return heir ? `access until ${formats.time(until)}, contacts then to ${heir}` : `access until ${formats.time(until)}, contacts then unassigned`;
}

/** Issue 13.2: how an edit changed the end of access (nothing when neither side speaks of it). */
function accessEndChange(before: Facts, after: Facts, formats: AuditWordFormats): string | null {
  if (!after || !('accessUntil' in after)) return null;
  const had = accessEnd(before, formats);
  const has = accessEnd(after, formats);
  if (had === has) return null;
  return has === '' ? 'access no longer ends' : has;
}

function accessChange(before: Facts, after: Facts, formats: AuditWordFormats): string {
  const parts: string[] = [];
  const from = levelName(before?.['level']);
  const to = levelName(after?.['level']);
  if (from && to && from !== to) parts.push(`${from} → ${to}`);
  const had = restrictionPhrases(before?.['restrictions']);
  const has = restrictionPhrases(after?.['restrictions']);
  const added = has.filter((phrase) => !had.includes(phrase));
  const removed = had.filter((phrase) => !has.includes(phrase));
  if (added.length > 0) parts.push(`restricted: ${added.join(', ')}`);
  if (removed.length > 0) parts.push(`no longer restricted: ${removed.join(', ')}`);
  const end = accessEndChange(before, after, formats);
  if (end) parts.push(end);
  return parts.length > 0 ? parts.join('; ') : 'No change to the access level or restrictions';
}

function revoked(after: Facts, formats: AuditWordFormats): string {
  const count = wholeNumber(after?.['contactsAffected']);
  if (count === null) return '';
  if (count === 0) return 'No contacts to move';
  const heir = text(after?.['contactsMovedTo']);
  return heir ? `${plural(count, 'contact', 'contacts', formats)} moved to ${heir}` : `${plural(count, 'contact', 'contacts', formats)} unassigned`;
}

/** Issue 13.2: the hub's own revoke at the end date, and where the contacts went (and why, when their heir had left). */
function accessEnded(after: Facts, formats: AuditWordFormats): string {
  const moved = revoked(after, formats);
  const heirWhoLeft = text(after?.['heirWhoLeft']);
  const count = wholeNumber(after?.['contactsAffected']);
  if (heirWhoLeft && count !== null && count > 0) return `${moved} because ${heirWhoLeft} had left`;
  return moved;
}

function accessWarning(before: Facts, after: Facts, formats: AuditWordFormats): string {
  const days = (facts: Facts): string | null => {
    const value = wholeNumber(facts?.['days']);
    if (value === null) return null;
    return value === 0 ? 'no warning' : `${plural(value, 'day', 'days', formats)} before`;
  };
  const from = days(before);
  const to = days(after);
  if (!to) return '';
  return from ? `${from[0]?.toUpperCase()}${from.slice(1)} → ${to}` : `${to[0]?.toUpperCase()}${to.slice(1)}`;
}

function planChange(before: Facts, after: Facts, formats: AuditWordFormats): string {
  const from = planName(before?.['plan']);
  const to = planName(after?.['plan']);
  const parts = from && to ? [`${from} → ${to}`] : [];
  const dropped = wholeNumber(after?.['restrictionsDropped']);
  if (dropped) parts.push(`${plural(dropped, 'member', 'members', formats)} lost a restriction the plan does not offer`);
  return parts.join('; ');
}

/** The member a filter named, by the name recorded with it. */
function memberFilter(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name } = value as { name?: unknown };
  return text(name) ?? 'a member no longer named in the log';
}

/** The filters an audit export was made with, in words ("" for none). */
function exportFilters(value: unknown, formats: AuditWordFormats): string {
  if (typeof value !== 'object' || value === null) return '';
  const filters = value as Record<string, unknown>;
  const parts: string[] = [];
  const action = filters['action'];
  if (typeof action === 'string' && action in AUDIT_ACTION_LABELS) parts.push(`only “${AUDIT_ACTION_LABELS[action as AuditAction]}”`);
  const member = memberFilter(filters['member']);
  if (member) parts.push(`involving ${member}`);
  const actor = memberFilter(filters['actor']);
  if (actor) parts.push(`done by ${actor}`);
  const from = wholeNumber(filters['from']);
  if (from !== null) parts.push(`from ${formats.time(from)}`);
  const to = wholeNumber(filters['to']);
  if (to !== null) parts.push(`before ${formats.time(to)}`);
  return parts.join(', ');
}

function exported(after: Facts, one: string, many: string, formats: AuditWordFormats): string {
  const count = wholeNumber(after?.['count']);
  if (count === null) return '';
  const filters = exportFilters(after?.['filters'], formats);
  return filters ? `${plural(count, one, many, formats)}: ${filters}` : plural(count, one, many, formats);
}

function twoStepRequirement(after: Facts, formats: AuditWordFormats): string {
  if (after?.['isRequired'] !== true) return 'No longer required';
  const deadline = wholeNumber(after['deadline']);
  const graceDays = wholeNumber(after['graceDays']);
  if (deadline === null) return 'Required';
  return graceDays === null ? `Required from ${formats.time(deadline)}` : `Required from ${formats.time(deadline)} (${plural(graceDays, 'day', 'days', formats)} to set it up)`;
}

/** Issue 13: how many of a list's rows became invitations (each also has its own entry). */
function bulkInvited(after: Facts, formats: AuditWordFormats): string {
  const rows = wholeNumber(after?.['rows']);
  const invited = wholeNumber(after?.['invited']);
  if (rows === null || invited === null) return '';
  return `${plural(invited, 'person', 'people', formats)} invited from a list of ${plural(rows, 'row', 'rows', formats)}`;
}

/** What an entry's before and after say, in one sentence-like phrase ("" when there is nothing to add). */
export function describeAuditEntry(entry: Pick<AuditEntry, 'action' | 'before' | 'after'>, formats: AuditWordFormats): string {
  const { before, after } = entry;
  switch (entry.action) {
    case 'member.invited': {
      const end = accessEnd(after, formats);
      return end ? `${asLevel(after)}; ${end}` : asLevel(after);
    }
    case 'member.accepted':
      return asLevel(after, false);
    case 'member.edited':
      return accessChange(before, after, formats);
    case 'member.revoked':
      return revoked(after, formats);
    case 'invitation.resent': {
      const expiresAt = wholeNumber(after?.['expiresAt']);
      return expiresAt === null ? 'A new link' : `A new link, valid until ${formats.time(expiresAt)}`;
    }
    case 'invitation.cancelled':
    case 'invitation.declined': {
      const level = levelName(before?.['level']);
      return level ? `Was invited as ${level}` : '';
    }
    case 'workspace.plan_changed':
      return planChange(before, after, formats);
    case 'members.exported':
      return exported(after, 'member', 'members', formats);
    case 'audit.exported':
      return exported(after, 'entry', 'entries', formats);
    case 'workspace.two_step_required':
      return twoStepRequirement(after, formats);
    case 'two_step.reset':
      return after?.['by'] === 'operator' ? 'Turned off by whoever runs the hub' : 'Turned off';
    case 'review.started':
    case 'review.completed':
    case 'review.scheduled':
      return describeReviewEntry(entry.action, after, formats);
    case 'members.bulk_invited':
      return bulkInvited(after, formats);
    case 'member.access_ended':
      return accessEnded(after, formats);
    case 'member.access_ending_warned': {
      const end = accessEnd(after, formats);
      return end ? `Told that ${end}` : '';
    }
    case 'workspace.access_warning_changed':
      return accessWarning(before, after, formats);
    case 'member.access_end_held': {
      const until = wholeNumber(after?.['accessUntil']);
      return until === null ? 'Kept: the last active Owner' : `Kept past ${formats.time(until)}: the last active Owner`;
    }
  }
}

/** Issue 13.1: an access review's entries (a revoke it made is an ordinary "Revoked" entry). */
function describeReviewEntry(action: 'review.started' | 'review.completed' | 'review.scheduled', after: Facts, formats: AuditWordFormats): string {
  if (action === 'review.scheduled') {
    const every = wholeNumber(after?.['everyDays']);
    const due = wholeNumber(after?.['nextDueAt']);
    if (every === null) return 'No longer scheduled';
    return due === null ? `Every ${every} days` : `Every ${every} days, next due ${formats.time(due)}`;
  }
  if (action === 'review.started') {
    const members = wholeNumber(after?.['members']);
    const days = wholeNumber(after?.['days']);
    const who = after?.['criteria'] === 'never_signed_in' ? 'never signed in since invited' : days === null ? '' : `not seen for ${plural(days, 'day', 'days', formats)}`;
    return members === null ? who : `${plural(members, 'member', 'members', formats)} ${who}`.trim();
  }
  const parts = (['kept', 'revoked', 'refused'] as const).flatMap((key) => {
    const count = wholeNumber(after?.[key]);
    const word = key === 'refused' ? 'not changed' : key;
    return count === null || count === 0 ? [] : [`${formats.number ? formats.number(count) : count} ${word}`];
  });
  return parts.length > 0 ? `${parts.join(', ')}` : 'Nobody to decide on';
}
