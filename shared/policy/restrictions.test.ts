// R1-R7, one row per restriction and the things it takes away, against the
// level it applies to; plus R7's plan gate (A5).
import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import { decide } from './decide';
import type { SpecRuleId } from './spec-rules';
import type { AccessLevel } from './levels';
import type { Restrictions } from './restrictions';
import { activeRestrictionIds, effectiveRestrictions, RESTRICTIONS, restrictionsForLevel } from './restrictions';
import { actor, contact, restrictions, target } from './testing/actors';

interface Row {
  rule: SpecRuleId;
  level: AccessLevel;
  restriction: Partial<Restrictions>;
  action: Action;
  what: string;
}

const mine = contact({ assigneeId: 'self-agent' });
const teammates = contact({ assigneeId: 'someone', assigneeTeamId: 'team-a' });
const otherTeams = contact({ assigneeId: 'someone', assigneeTeamId: 'team-b' });
const unassigned = contact();

const TABLE: Row[] = [
  { rule: 'R1', level: 'manager', restriction: { workspaceSettings: true }, action: { type: 'module.open', module: 'workspace_settings' }, what: 'opening Workspace Settings' },
  { rule: 'R1', level: 'manager', restriction: { workspaceSettings: true }, action: { type: 'module.open', module: 'settings_users' }, what: 'opening the Users page (U1)' },
  { rule: 'R1', level: 'manager', restriction: { workspaceSettings: true }, action: { type: 'member.invite', level: 'agent', restrictions: restrictions() }, what: 'inviting' },
  { rule: 'R1', level: 'manager', restriction: { workspaceSettings: true }, action: { type: 'members.export' }, what: 'exporting members' },
  { rule: 'R1', level: 'manager', restriction: { workspaceSettings: true }, action: { type: 'teams.manage' }, what: 'managing teams' },
  { rule: 'R1', level: 'manager', restriction: { workspaceSettings: true }, action: { type: 'integration.connect' }, what: 'connecting an integration' },
  { rule: 'R1', level: 'manager', restriction: { workspaceSettings: true }, action: { type: 'workspace.update_settings' }, what: 'changing general settings' },
  { rule: 'R2', level: 'manager', restriction: { contactDeletion: true }, action: { type: 'contact.delete', contact: unassigned }, what: 'deleting a contact' },
  { rule: 'R3', level: 'manager', restriction: { dataExport: true }, action: { type: 'members.export' }, what: 'exporting the member list (U8)' },
  { rule: 'R3', level: 'manager', restriction: { dataExport: true }, action: { type: 'module.open', module: 'settings_data_export' }, what: 'opening Data Export' },
  { rule: 'R4', level: 'manager', restriction: { integrations: true }, action: { type: 'integration.connect' }, what: 'connecting an integration' },
  { rule: 'R5', level: 'agent', restriction: { contactVisibility: 'team_and_self' }, action: { type: 'contact.view', contact: unassigned }, what: 'seeing an unassigned contact' },
  { rule: 'R5', level: 'agent', restriction: { contactVisibility: 'team_and_self' }, action: { type: 'contact.view', contact: otherTeams }, what: "seeing another team's contact" },
  { rule: 'R5', level: 'agent', restriction: { contactVisibility: 'self_only' }, action: { type: 'contact.view', contact: teammates }, what: "seeing a teammate's contact" },
  { rule: 'R5', level: 'agent', restriction: { contactVisibility: 'self_only' }, action: { type: 'contact.set_detail', contact: teammates, field: 'phone', hasValue: false }, what: "editing a teammate's contact" },
  { rule: 'R6', level: 'agent', restriction: { workflowsButton: true }, action: { type: 'shortcut.use' }, what: 'starting a Shortcut' },
  { rule: 'R7', level: 'agent', restriction: { maskContactDetails: true }, action: { type: 'contact.set_detail', contact: mine, field: 'phone', hasValue: true }, what: 'changing a phone number once set' },
  { rule: 'R7', level: 'agent', restriction: { maskContactDetails: true }, action: { type: 'contact.set_detail', contact: mine, field: 'email', hasValue: true }, what: 'changing an email address once set' },
];

describe('R1-R7: each restriction takes away what the spec says, and only when on', () => {
  it.each(TABLE)('$rule: stops a $level from $what', ({ rule, level, restriction, action }) => {
    expect(decide(actor(level), action).allowed).toBe(true);
    const decision = decide(actor(level, restriction), action);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) {
      expect(decision.rule).toBe(rule);
      expect(decision.message).not.toContain(rule);
    }
  });

  it('R5: an agent with team visibility sees their own and their team’s contacts', () => {
    const scoped = actor('agent', { contactVisibility: 'team_and_self' });
    for (const visible of [mine, teammates, contact({ teamId: 'team-a' })]) {
      expect(decide(scoped, { type: 'contact.view', contact: visible }).allowed).toBe(true);
    }
  });

  it('R5: an agent restricted to themselves sees only contacts assigned to them', () => {
    const scoped = actor('agent', { contactVisibility: 'self_only' });
    expect(decide(scoped, { type: 'contact.view', contact: mine }).allowed).toBe(true);
    for (const hidden of [teammates, otherTeams, unassigned, contact({ teamId: 'team-a' })]) {
      expect(decide(scoped, { type: 'contact.view', contact: hidden })).toMatchObject({ allowed: false, code: 'contact_not_visible' });
    }
  });

  it('R5: an agent without a team sees only their own contacts under team visibility', () => {
    const teamless = { ...actor('agent', { contactVisibility: 'team_and_self' }), teamId: null };
    expect(decide(teamless, { type: 'contact.view', contact: mine }).allowed).toBe(true);
    expect(decide(teamless, { type: 'contact.view', contact: contact({ teamId: null, assigneeTeamId: null, assigneeId: 'x' }) }).allowed).toBe(false);
  });

  it('R7: a masked agent may add a missing phone or email', () => {
    const masked = actor('agent', { maskContactDetails: true });
    expect(decide(masked, { type: 'contact.set_detail', contact: mine, field: 'phone', hasValue: false }).allowed).toBe(true);
    expect(decide(masked, { type: 'contact.set_detail', contact: mine, field: 'email', hasValue: false }).allowed).toBe(true);
  });

  it('R7: only binds on the advanced and enterprise plans', () => {
    for (const plan of ['starter', 'growth'] as const) {
      expect(effectiveRestrictions('agent', plan, restrictions({ maskContactDetails: true })).maskContactDetails).toBe(false);
    }
    for (const plan of ['advanced', 'enterprise'] as const) {
      expect(effectiveRestrictions('agent', plan, restrictions({ maskContactDetails: true })).maskContactDetails).toBe(true);
    }
  });

  it('R1-R4 apply to Managers and R5-R7 to Agents; Owners have none', () => {
    expect(restrictionsForLevel('manager').map((each) => each.id)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(restrictionsForLevel('agent').map((each) => each.id)).toEqual(['R5', 'R6', 'R7']);
    expect(restrictionsForLevel('owner')).toEqual([]);
    expect(RESTRICTIONS.filter((each) => each.minimumPlan).map((each) => each.id)).toEqual(['R7']);
  });

  it('a restriction of another level is ignored rather than applied', () => {
    const manager = actor('manager', { workflowsButton: true, contactVisibility: 'self_only' });
    expect(decide(manager, { type: 'shortcut.use' }).allowed).toBe(true);
    expect(decide(manager, { type: 'contact.view', contact: unassigned }).allowed).toBe(true);
  });

  it('lists the restrictions that are on, in spec order', () => {
    expect(activeRestrictionIds(restrictions({ maskContactDetails: true, workspaceSettings: true, contactVisibility: 'self_only' }))).toEqual(['R1', 'R5', 'R7']);
  });

  it('L2: Managers never connect or delete Channels, even with no restriction', () => {
    for (const type of ['channel.connect', 'channel.delete'] as const) {
      expect(decide(actor('manager'), { type })).toMatchObject({ allowed: false, code: 'owners_only', rule: 'L2' });
      expect(decide(actor('owner'), { type }).allowed).toBe(true);
    }
  });

  it('L3: Agents cannot delete contacts nor open the Contacts module', () => {
    expect(decide(actor('agent'), { type: 'contact.delete', contact: mine })).toMatchObject({ allowed: false, rule: 'L3' });
    expect(decide(actor('agent'), { type: 'contact.create' })).toMatchObject({ allowed: false, rule: 'L3' });
  });

  it('U7 is not weakened: restrictions never reach a target, only the actor', () => {
    const revoke = { type: 'member.revoke', target: target('agent'), activeOwnerCount: 1 } as const;
    expect(decide(actor('manager'), revoke).allowed).toBe(true);
    expect(decide(actor('manager', { contactDeletion: true, dataExport: true, integrations: true }), revoke).allowed).toBe(true);
  });
});
