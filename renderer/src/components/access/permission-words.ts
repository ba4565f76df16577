// The one table of words for a member's restrictions, phrased as what the
// member CAN do: a switch on means allowed, everywhere (Add, Edit and the
// permission matrix). The hub stores restrictions (true = taken away), so the
// translation happens here, at the edge of the components, and nowhere else.
import type { ContactVisibilityScope, RestrictionId, RestrictionKey, Restrictions } from '@shared/policy';
import { CONTACT_VISIBILITY_SCOPES, restrictionById } from '@shared/policy';

export type SwitchKey = Exclude<RestrictionKey, 'contactVisibility'>;

export interface PermissionWords {
  /** The switch's label: true when the switch is on, i.e. the member may. */
  label: string;
  /** What switching it off takes away, in a sentence. */
  whenOff: string;
}

export const PERMISSION_WORDS = {
  workspaceSettings: {
    label: 'Can open workspace settings',
    whenOff: 'Off: no workspace settings, so no Users page, channels or integrations either.',
  },
  contactDeletion: { label: 'Can delete contacts', whenOff: 'Off: cannot delete any contact.' },
  dataExport: { label: 'Can export data', whenOff: 'Off: cannot export from anywhere, the member list included.' },
  integrations: { label: 'Can connect integrations', whenOff: 'Off: cannot connect integrations.' },
  workflowsButton: { label: 'Sees the workflows button', whenOff: 'Off: the workflows button is hidden, so no shortcuts.' },
  maskContactDetails: {
    label: 'Sees phone numbers and emails',
    whenOff: 'Off: they appear masked; a missing one can be added, one already set cannot be changed.',
  },
} as const satisfies Record<SwitchKey, PermissionWords>;

export const CONTACT_VISIBILITY_WORDS = {
  label: 'Contacts they see',
  hint: 'Unless it is all contacts, unassigned contacts and other people’s stay hidden, counts included.',
  scopes: {
    all: 'All contacts',
    team_and_self: 'Their team’s and their own',
    self_only: 'Only their own',
  },
} as const satisfies { label: string; hint: string; scopes: Record<ContactVisibilityScope, string> };

export const CONTACT_VISIBILITY_ITEMS = CONTACT_VISIBILITY_SCOPES.map((value) => ({ value, title: CONTACT_VISIBILITY_WORDS.scopes[value] }));

export function isSwitchKey(key: RestrictionKey): key is SwitchKey {
  return key !== 'contactVisibility';
}

/** The label a person reads for a restriction, by its rule. */
export function permissionLabel(id: RestrictionId): string {
  const key = restrictionById(id).key;
  return isSwitchKey(key) ? PERMISSION_WORDS[key].label : CONTACT_VISIBILITY_WORDS.label;
}

/** Whether the member may do what the restriction would take away. */
export function isPermitted(restrictions: Restrictions, key: SwitchKey): boolean {
  return !restrictions[key];
}

/** The stored restrictions after the person set a permission on (allowed) or off. */
export function withPermission(restrictions: Restrictions, key: RestrictionKey, isOn: boolean): Restrictions {
  if (key === 'contactVisibility') return { ...restrictions, contactVisibility: isOn ? 'all' : 'self_only' };
  return { ...restrictions, [key]: !isOn };
}
