// What each access level reaches, worked out from the policy's permission
// matrix (never typed out again here), for the Add and Edit dialogs and for
// one's own profile. The switches it names are called as the reader sees them
// called beside it: a member's in the dialogs, one's own on the profile.
import type { AccessLevel, MatrixCell, MatrixRow } from '@shared/policy';
import { ACCESS_LEVEL_PLURALS, PERMISSION_MATRIX, matrixRow } from '@shared/policy';
import type { PointOfView } from './permission-words';
import { permissionLabelFor } from './permission-words';

export interface ConditionalReach {
  module: string;
  /** The switches that, turned off, close the module. */
  switches: string[];
}

export interface LevelReach {
  level: AccessLevel;
  always: string[];
  unlessOff: ConditionalReach[];
  never: string[];
}

const and = new Intl.ListFormat('en', { type: 'conjunction' });
const or = new Intl.ListFormat('en', { type: 'disjunction' });

function sameCell(a: MatrixCell, b: MatrixCell): boolean {
  if (a.mark !== b.mark) return false;
  return a.mark !== 'restrictable' || (b.mark === 'restrictable' && a.restrictedBy.join() === b.restrictedBy.join());
}

/** A sub-page is worth naming only where it differs from its parent. */
function isWorthNaming(row: MatrixRow, level: AccessLevel): boolean {
  return !row.parent || !sameCell(row.cells[level], matrixRow(row.parent).cells[level]);
}

function nameOf(row: MatrixRow): string {
  if (row.parent) return `${row.label} (in ${matrixRow(row.parent).label})`;
  return PERMISSION_MATRIX.some((child) => child.parent === row.module) ? `${row.label} and its pages` : row.label;
}

export function levelReach(level: AccessLevel, view: PointOfView = 'member'): LevelReach {
  const reach: LevelReach = { level, always: [], unlessOff: [], never: [] };
  for (const row of PERMISSION_MATRIX) {
    if (!isWorthNaming(row, level)) continue;
    const cell = row.cells[level];
    if (cell.mark === 'full') reach.always.push(nameOf(row));
    else if (cell.mark === 'none') reach.never.push(nameOf(row));
    else reach.unlessOff.push({ module: nameOf(row), switches: cell.restrictedBy.map((id) => permissionLabelFor(id, view)) });
  }
  return reach;
}

export function conditionSentence(item: ConditionalReach): string {
  return `${item.module}, unless ${or.format(item.switches.map((label) => `“${label}”`))} is off`;
}

/** A short explanation of a level, in sentences; the switches named from the reader's point of view. */
export function describeLevel(level: AccessLevel, view: PointOfView = 'member'): string {
  const reach = levelReach(level, view);
  const who = ACCESS_LEVEL_PLURALS[level];
  const sentences = [`${who} reach ${and.format(reach.always)}.`];
  // One sentence a condition: their names hold commas and "or" already.
  sentences.push(...reach.unlessOff.map((item) => `${conditionSentence(item)}.`));
  sentences.push(reach.never.length > 0 ? `No ${or.format(reach.never)}.` : 'Nothing is closed to them.');
  return sentences.join(' ');
}
