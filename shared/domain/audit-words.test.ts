// X1: each audit entry in the words the Audit log page and its CSV export
// show: levels, restrictions and plans by their names, counts with their
// nouns, no field names or rule IDs, and nothing raw from a value this
// version cannot read.
import { describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../policy';
import { AUDIT_ACTION_LABELS, describeAuditEntry } from './audit-words';
import type { AuditEntry } from './schemas';
import { AUDIT_ACTIONS } from './schemas';

const formats = { time: (at: number) => new Date(at).toISOString() };
const words = (action: AuditEntry['action'], before: AuditEntry['before'], after: AuditEntry['after']) => describeAuditEntry({ action, before, after }, formats);
const facts = (level: string, restrictions: object = {}) => ({ email: 'ada@example.com', level, status: 'active', restrictions: { ...NO_RESTRICTIONS, ...restrictions } });

describe('X1: the audit log in words', () => {
  it('X1: every action has a name', () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-Z][a-z -]+$/);
  });

  it('X1: invitations and acceptances say the level, and an invitation its restrictions', () => {
    expect(words('member.invited', null, facts('manager', { dataExport: true, contactDeletion: true }))).toBe('As Manager, restricted: Contact Deletion, Data Export');
    expect(words('member.invited', null, facts('agent', { contactVisibility: 'self_only' }))).toBe(
      'As Agent, restricted: Restrict Contact Visibility (contacts assigned to themselves only)',
    );
    expect(words('member.accepted', facts('agent'), facts('agent'))).toBe('As Agent');
  });

  it('X1: an edit says what changed: the level, restrictions put on and taken off', () => {
    expect(words('member.edited', facts('agent'), facts('manager'))).toBe('Agent → Manager');
    expect(words('member.edited', facts('manager', { dataExport: true }), facts('manager', { integrations: true }))).toBe('restricted: Integration; no longer restricted: Data Export');
    expect(words('member.edited', facts('agent'), facts('agent'))).toBe('No change to the access level or restrictions');
  });

  it('X1: a revoke says where the contacts went', () => {
    expect(words('member.revoked', facts('agent'), { contactsAffected: 0, contactsMovedTo: null })).toBe('No contacts to move');
    expect(words('member.revoked', facts('agent'), { contactsAffected: 1, contactsMovedTo: null })).toBe('1 contact unassigned');
    expect(words('member.revoked', facts('agent'), { contactsAffected: 3, contactsMovedTo: 'Olive Owner' })).toBe('3 contacts moved to Olive Owner');
  });

  it('X1: invitations resent, cancelled and declined, plan changes and exports', () => {
    expect(words('invitation.resent', null, { expiresAt: Date.UTC(2031, 2, 9) })).toBe('A new link, valid until 2031-03-09T00:00:00.000Z');
    expect(words('invitation.cancelled', { email: 'x@example.com', level: 'agent', status: 'pending' }, null)).toBe('Was invited as Agent');
    expect(words('invitation.declined', { email: 'x@example.com', level: 'owner', status: 'pending' }, null)).toBe('Was invited as Owner');
    expect(words('workspace.plan_changed', { plan: 'advanced' }, { plan: 'growth', restrictionsDropped: 2 })).toBe('Advanced → Growth; 2 members lost a restriction the plan does not offer');
    expect(words('members.exported', null, { count: 1 })).toBe('1 member');
    expect(words('audit.exported', null, { count: 12 })).toBe('12 entries');
  });

  it('X1: an audit export says which filters chose its entries, members by the names recorded with them', () => {
    const filters = { action: 'member.revoked', member: { id: 'm1', name: 'Ada' }, actor: { id: 'm2', name: null }, from: Date.UTC(2031, 2, 3), to: Date.UTC(2031, 2, 5) };
    expect(words('audit.exported', null, { count: 2, filters })).toBe(
      '2 entries: only “Revoked”, involving Ada, done by a member no longer named in the log, from 2031-03-03T00:00:00.000Z, before 2031-03-05T00:00:00.000Z',
    );
    expect(words('audit.exported', null, { count: 0, filters: { action: null, member: null, actor: null, from: null, to: null } })).toBe('0 entries');
  });

  it('X1: values this version cannot read are left out, never shown raw', () => {
    expect(words('member.invited', null, { level: 'emperor', restrictions: 'all of them' })).toBe('');
    expect(words('member.edited', { level: 'agent' }, { level: 'wizard' })).toBe('No change to the access level or restrictions');
    expect(words('members.exported', null, { count: -1 })).toBe('');
    expect(words('audit.exported', null, { count: 3, filters: { action: 'member.teleported' } })).toBe('3 entries');
    expect(words('workspace.plan_changed', null, null)).toBe('');
  });

  it('issue 13.2: temporary access in words: the end date set, changed or removed, the warning, the end and where the contacts went', () => {
    const until = Date.UTC(2031, 2, 9);
    const withEnd = (heir: string | null) => ({ ...facts('agent'), accessUntil: until, accessHeir: heir });
    const open = { ...facts('agent'), accessUntil: null, accessHeir: null };
    expect(words('member.invited', null, withEnd('Olive Owner'))).toBe('As Agent; access until 2031-03-09T00:00:00.000Z, contacts then to Olive Owner');
    expect(words('member.edited', open, withEnd(null))).toBe('access until 2031-03-09T00:00:00.000Z, contacts then unassigned');
    expect(words('member.edited', withEnd(null), open)).toBe('access no longer ends');
    expect(words('member.edited', withEnd(null), withEnd(null))).toBe('No change to the access level or restrictions');
    expect(words('member.access_ending_warned', null, { accessUntil: until, accessHeir: null, days: 3 })).toBe('Told that access until 2031-03-09T00:00:00.000Z, contacts then unassigned');
    expect(words('member.access_ended', withEnd('Ben'), { contactsAffected: 2, contactsMovedTo: 'Ben', heirWhoLeft: null })).toBe('2 contacts moved to Ben');
    expect(words('member.access_ended', withEnd('Ben'), { contactsAffected: 2, contactsMovedTo: null, heirWhoLeft: 'Ben' })).toBe('2 contacts unassigned because Ben had left');
    expect(words('member.access_ended', withEnd(null), { contactsAffected: 0, contactsMovedTo: null, heirWhoLeft: null })).toBe('No contacts to move');
    expect(words('workspace.access_warning_changed', { days: 3 }, { days: 7 })).toBe('3 days before → 7 days before');
    expect(words('workspace.access_warning_changed', { days: 1 }, { days: 0 })).toBe('1 day before → no warning');
    expect(words('member.access_end_held', null, { accessUntil: until })).toBe('Kept past 2031-03-09T00:00:00.000Z: the last active Owner');
    expect(words('member.access_ended', null, { contactsAffected: 'many', heirWhoLeft: 7 })).toBe('');
  });
});
