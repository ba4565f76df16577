// Section L: may this member open a module? Read straight off the matrix data,
// with the restrictions behind each ⭕ cell.
import type { BoundActor } from './actor';
import type { Decision } from './decision';
import { allow, deny } from './decision';
import { ACCESS_LEVEL_PLURALS } from './levels';
import type { ModuleId } from './matrix';
import { matrixRow } from './matrix';
import { isRestrictionSet, restrictionById } from './restrictions';

export function decideModule(actor: BoundActor, module: ModuleId): Decision {
  const row = matrixRow(module);
  const cell = row.cells[actor.level];
  const levels = ACCESS_LEVEL_PLURALS[actor.level];
  if (cell.mark === 'none') {
    if (module === 'settings_users') return deny('module_unavailable', 'U1', `${levels} never see the Users page`);
    return deny('module_unavailable', actor.level === 'agent' ? 'L3' : 'L2', `${levels} have no access to ${row.label}`);
  }
  if (cell.mark === 'restrictable') {
    for (const id of cell.restrictedBy) {
      const restriction = restrictionById(id);
      if (isRestrictionSet(actor.restrictions, restriction.key)) {
        return deny(
          'restricted',
          id,
          `${levels} with the “${restriction.label}” restriction cannot open ${row.label}`,
        );
      }
    }
  }
  return allow();
}
