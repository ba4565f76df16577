// What each access level reaches, worked out from the policy's permission
// matrix (never typed out again here), for the Add and Edit dialogs.
import type { AccessLevel, MatrixCell, MatrixRow } from '@shared/policy';
import { ACCESS_LEVEL_PLURALS, PERMISSION_MATRIX, matrixRow } from '@shared/policy';
import { permissionLabel } from './permission-words';

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

export function levelReach(level: AccessLevel): LevelReach {
  const reach: LevelReach = { level, always: [], unlessOff: [], never: [] };
  for (const row of PERMISSION_MATRIX) {
    if (!isWorthNaming(row, level)) continue;
    const cell = row.cells[level];
    if (cell.mark === 'full') reach.always.push(nameOf(row));
    else if (cell.mark === 'none') reach.never.push(nameOf(row));
    else reach.unlessOff.push({ module: nameOf(row), switches: cell.restrictedBy.map(permissionLabel) });
  }
  return reach;
}

export function conditionSentence(item: ConditionalReach): string {
  return `${item.module}, unless ${or.format(item.switches.map((label) => `“${label}”`))} is off`;
}

/** A short explanation of a level, in sentences. */
export function describeLevel(level: AccessLevel): string {
  const reach = levelReach(level);
  const who = ACCESS_LEVEL_PLURALS[level];
  const sentences = [`${who} reach ${and.format(reach.always)}.`];
  // One sentence a condition: their names hold commas and "or" already.
  sentences.push(...reach.unlessOff.map((item) => `${conditionSentence(item)}.`));
  sentences.push(reach.never.length > 0 ? `No ${or.format(reach.never)}.` : 'Nothing is closed to them.');
  return sentences.join(' ');
}
