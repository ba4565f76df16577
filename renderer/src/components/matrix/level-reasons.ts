// Why a level's ❌ cell of the matrix is closed, in the policy's own words:
// decide() is asked for a member of that level with nothing restricted, so the
// answer is the level's (section L), not any one member's.
import type { AccessLevel, Denied, MatrixRow, Plan } from '@shared/policy';
import { decide, NO_RESTRICTIONS } from '@shared/policy';

export function levelDenial(row: MatrixRow, level: AccessLevel, plan: Plan): Denied | null {
  if (row.cells[level].mark !== 'none') return null;
  const decision = decide({ memberId: '', level, restrictions: NO_RESTRICTIONS, plan, teamId: null }, { type: 'module.open', module: row.module });
  return decision.allowed ? null : decision;
}
