// D6: a member's column of the permission matrix, worked out by the same
// decision function the hub enforces, with the reason for every closed cell.
import type { Actor } from './actor';
import type { Decision } from './decision';
import { decide } from './decide';
import type { MatrixMark, MatrixRow } from './matrix';
import { PERMISSION_MATRIX } from './matrix';

export interface EffectivePermission {
  row: MatrixRow;
  /** The mark the member's level has in the spec's table. */
  mark: MatrixMark;
  decision: Decision;
}

export function effectivePermissions(actor: Actor): EffectivePermission[] {
  return PERMISSION_MATRIX.map((row) => ({
    row,
    mark: row.cells[actor.level].mark,
    decision: decide(actor, { type: 'module.open', module: row.module }),
  }));
}
