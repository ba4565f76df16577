// The per-member restrictions R1-R7: which access level each applies to, what
// it is called on screen, and the plan it needs. A restriction is a switch
// that only ever takes something away from the bare access level.
import type { AccessLevel, Plan } from './levels';
import { isPlanAtLeast } from './levels';

/** R5's three settings: no restriction, or one of the two narrowed views. */
export const CONTACT_VISIBILITY_SCOPES = ['all', 'team_and_self', 'self_only'] as const;
export type ContactVisibilityScope = (typeof CONTACT_VISIBILITY_SCOPES)[number];

export const CONTACT_VISIBILITY_LABELS = {
  all: 'All contacts',
  team_and_self: 'Contacts assigned to their team and themselves',
  self_only: 'Contacts assigned to themselves only',
} as const satisfies Record<ContactVisibilityScope, string>;

/**
 * A member's restrictions. `true` means the restriction is on (the member may
 * NOT do the thing); every switch is off by default.
 */
export interface Restrictions {
  /** R1 Access to Workspace Settings (Managers). */
  workspaceSettings: boolean;
  /** R2 Contact Deletion (Managers). */
  contactDeletion: boolean;
  /** R3 Data Export (Managers). */
  dataExport: boolean;
  /** R4 Integration (Managers). */
  integrations: boolean;
  /** R5 Restrict Contact Visibility (Agents). */
  contactVisibility: ContactVisibilityScope;
  /** R6 Restrict Workflows Button (Agents). */
  workflowsButton: boolean;
  /** R7 Mask Phone Number and Email Address (Agents, advanced plans). */
  maskContactDetails: boolean;
}

export type RestrictionKey = keyof Restrictions;
export type RestrictionId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7';

export const NO_RESTRICTIONS: Readonly<Restrictions> = Object.freeze({
  workspaceSettings: false,
  contactDeletion: false,
  dataExport: false,
  integrations: false,
  contactVisibility: 'all',
  workflowsButton: false,
  maskContactDetails: false,
});

export interface RestrictionDefinition {
  id: RestrictionId;
  key: RestrictionKey;
  level: Exclude<AccessLevel, 'owner'>;
  label: string;
  description: string;
  /** The cheapest plan on which the restriction exists; absent when every plan has it. */
  minimumPlan?: Plan;
}

export const RESTRICTIONS: readonly RestrictionDefinition[] = [
  {
    id: 'R1',
    key: 'workspaceSettings',
    level: 'manager',
    label: 'Access to Workspace Settings',
    description: 'Cannot open Workspace Settings, so not the Users page, channels or integrations either.',
  },
  {
    id: 'R2',
    key: 'contactDeletion',
    level: 'manager',
    label: 'Contact Deletion',
    description: 'Cannot delete contacts.',
  },
  {
    id: 'R3',
    key: 'dataExport',
    level: 'manager',
    label: 'Data Export',
    description: 'Cannot export data from any module, the member list included.',
  },
  {
    id: 'R4',
    key: 'integrations',
    level: 'manager',
    label: 'Integration',
    description: 'Cannot connect integrations.',
  },
  {
    id: 'R5',
    key: 'contactVisibility',
    level: 'agent',
    label: 'Restrict Contact Visibility',
    description: 'Sees only contacts assigned to their team and themselves, or to themselves only; never unassigned ones.',
  },
  {
    id: 'R6',
    key: 'workflowsButton',
    level: 'agent',
    label: 'Restrict Workflows Button',
    description: 'Does not see the Workflows button, so cannot start a Shortcut.',
  },
  {
    id: 'R7',
    key: 'maskContactDetails',
    level: 'agent',
    label: 'Mask Phone Number and Email Address',
    description: 'Sees phone numbers and email addresses masked; may add a missing one but not change one once set.',
    minimumPlan: 'advanced',
  },
];

const RESTRICTIONS_BY_ID = new Map(RESTRICTIONS.map((definition) => [definition.id, definition]));

export function restrictionById(id: RestrictionId): RestrictionDefinition {
  const definition = RESTRICTIONS_BY_ID.get(id);
  if (!definition) throw new Error(`Unknown restriction ${id}`);
  return definition;
}

export function isRestrictionSet(restrictions: Restrictions, key: RestrictionKey): boolean {
  return key === 'contactVisibility'
    ? restrictions.contactVisibility !== 'all'
    : restrictions[key];
}

export function restrictionsForLevel(level: AccessLevel): RestrictionDefinition[] {
  return RESTRICTIONS.filter((definition) => definition.level === level);
}

export function isRestrictionAvailableOnPlan(definition: RestrictionDefinition, plan: Plan): boolean {
  return definition.minimumPlan === undefined || isPlanAtLeast(plan, definition.minimumPlan);
}

/** The IDs of the restrictions that are switched on, in spec order. */
export function activeRestrictionIds(restrictions: Restrictions): RestrictionId[] {
  return RESTRICTIONS.filter((definition) => isRestrictionSet(restrictions, definition.key)).map(
    (definition) => definition.id,
  );
}

/**
 * The restrictions that actually bind a member: those of their level that the
 * plan offers. Anything else stored for them (left over from a former level,
 * or R7 after a downgrade) is dropped, so it can neither deny nor confuse.
 */
export function effectiveRestrictions(level: AccessLevel, plan: Plan, restrictions: Restrictions): Restrictions {
  const effective: Restrictions = { ...NO_RESTRICTIONS };
  for (const definition of RESTRICTIONS) {
    if (definition.level !== level || !isRestrictionAvailableOnPlan(definition, plan)) continue;
    copyRestriction(effective, restrictions, definition.key);
  }
  return effective;
}

function copyRestriction<K extends RestrictionKey>(target: Restrictions, source: Restrictions, key: K): void {
  target[key] = source[key];
}
