// D6: a member's column of the matrix, with a reason on every closed cell.
import { describe, expect, it } from 'vitest';
import { effectivePermissions } from './effective-permissions';
import { actor } from './testing/actors';

describe('D6: effective permissions', () => {
  it('D6/R1: a Manager restricted from settings has every settings row closed, citing R1', () => {
    const rows = effectivePermissions(actor('manager', { workspaceSettings: true }));
    const settings = rows.filter((each) => each.row.module === 'workspace_settings' || each.row.parent === 'workspace_settings');
    expect(settings).toHaveLength(10);
    for (const each of settings) {
      expect(each.mark).toBe('restrictable');
      expect(each.decision).toMatchObject({ allowed: false, rule: 'R1' });
    }
    expect(rows.find((each) => each.row.module === 'reports')?.decision.allowed).toBe(true);
  });

  it('D6/R6: an Agent with the workflows restriction loses Shortcut only', () => {
    const closed = effectivePermissions(actor('agent', { workflowsButton: true })).filter((each) => !each.decision.allowed);
    const restricted = closed.filter((each) => each.decision.allowed === false && each.decision.code === 'restricted');
    expect(restricted.map((each) => each.row.module)).toEqual(['shortcut']);
  });
});
