// Section L walked row by row against the spec's table, typed out here again on
// purpose: the data in matrix.ts must agree with what docs/rules.md says.
import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import type { AccessLevel } from './levels';
import type { ModuleId } from './matrix';
import { matrixRow, MODULE_IDS, PERMISSION_MATRIX } from './matrix';
import type { Restrictions } from './restrictions';
import { actor } from './testing/actors';

type Mark = '✅' | '⭕' | '❌';
// | Module | Owner | Manager | Agent |   (docs/rules.md, section L)
const SPEC_TABLE: Array<[ModuleId, Mark, Mark, Mark]> = [
  ['dashboard', '✅', '✅', '❌'],
  ['contacts', '✅', '✅', '❌'],
  ['messages', '✅', '✅', '✅'],
  ['shortcut', '✅', '✅', '⭕'],
  ['broadcast', '✅', '✅', '❌'],
  ['reports', '✅', '✅', '❌'],
  ['workspace_settings', '✅', '⭕', '❌'],
  ['settings_general', '✅', '⭕', '❌'],
  ['settings_users', '✅', '⭕', '❌'],
  ['settings_teams', '✅', '⭕', '❌'],
  ['settings_channels', '✅', '⭕', '❌'],
  ['settings_contact_fields', '✅', '⭕', '❌'],
  ['settings_integrations', '✅', '⭕', '❌'],
  ['settings_snippets', '✅', '⭕', '❌'],
  ['settings_files', '✅', '⭕', '❌'],
  ['settings_data_export', '✅', '⭕', '❌'],
  ['user_profile', '✅', '✅', '✅'],
  ['notification_preferences', '✅', '✅', '✅'],
];
const LEVELS: AccessLevel[] = ['owner', 'manager', 'agent'];
const MARK_OF = { full: '✅', restrictable: '⭕', none: '❌' } as const;

/** The restriction that takes a ⭕ cell away, per level (R1 for Managers' settings, R6 for Agents' Shortcut). */
const CLOSING_RESTRICTION: Record<'manager' | 'agent', Partial<Restrictions>> = {
  manager: { workspaceSettings: true },
  agent: { workflowsButton: true },
};

describe('L: the permission matrix matches the spec table', () => {
  it('L: lists every module of the spec, in its order', () => {
    expect(PERMISSION_MATRIX.map((row) => row.module)).toEqual(SPEC_TABLE.map(([module]) => module));
    expect([...MODULE_IDS]).toEqual(SPEC_TABLE.map(([module]) => module));
  });

  const cases = SPEC_TABLE.flatMap(([module, ...marks]) =>
    LEVELS.map((level, index) => ({ module, level, mark: marks[index] as Mark })),
  );

  it.each(cases)('L: $module for $level is $mark', ({ module, level, mark }) => {
    expect(MARK_OF[matrixRow(module).cells[level].mark]).toBe(mark);

    const bare = decide(actor(level), { type: 'module.open', module });
    expect(bare.allowed).toBe(mark !== '❌');
    if (!bare.allowed) {
      expect(bare.code).toBe('module_unavailable');
      expect(bare.rule).toMatch(/^(L3|U1)$/);
      expect(bare.message).not.toContain(bare.rule);
    }

    if (mark === '⭕') {
      const restricted = decide(actor(level, CLOSING_RESTRICTION[level as 'manager' | 'agent']), {
        type: 'module.open',
        module,
      });
      expect(restricted).toMatchObject({ allowed: false, code: 'restricted' });
    }
  });

  it('L1: an Owner opens every module whatever is stored as restrictions', () => {
    const everything = actor('owner', {
      workspaceSettings: true,
      dataExport: true,
      workflowsButton: true,
      contactVisibility: 'self_only',
      maskContactDetails: true,
    });
    for (const module of MODULE_IDS) expect(decide(everything, { type: 'module.open', module }).allowed).toBe(true);
  });

  it('L3: an Agent reaches Messages, Shortcut, User Profile and Notification Preferences only', () => {
    const open = MODULE_IDS.filter((module) => decide(actor('agent'), { type: 'module.open', module }).allowed);
    expect(open).toEqual(['messages', 'shortcut', 'user_profile', 'notification_preferences']);
  });

  it('L3: the reason names the level and the module', () => {
    expect(decide(actor('agent'), { type: 'module.open', module: 'reports' })).toEqual({
      allowed: false,
      code: 'module_unavailable',
      rule: 'L3',
      message: 'Agents have no access to Reports.',
    });
  });
});
