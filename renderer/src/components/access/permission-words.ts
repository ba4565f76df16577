// The one table of words for a member's restrictions, phrased as what the
// member CAN do: a switch on means allowed, everywhere (Add, Edit and the
// permission matrix). The hub stores restrictions (true = taken away), so the
// translation happens here, at the edge of the components, and nowhere else.
// Each entry says it twice: about another member ("Contacts they see"), and
// to the person reading about themselves, on their own profile ("Contacts you
// see"); wordsFor() picks one by the point of view.
import type { ContactVisibilityScope, RestrictionId, RestrictionKey, Restrictions } from '@shared/policy';
import { CONTACT_VISIBILITY_SCOPES, restrictionById } from '@shared/policy';

export type SwitchKey = Exclude<RestrictionKey, 'contactVisibility'>;

/** Whose access the words are about: another member's, or the reader's own. */
export type PointOfView = 'member' | 'self';

export interface PermissionWords {
  /** The switch's label: true when the switch is on, i.e. the member may. */
  label: string;
  /** What switching it off takes away, in a sentence. */
  whenOff: string;
}

interface BothPermissionWords extends PermissionWords {
  /** The same, said to the reader about their own access: "Export data: No. You cannot export ...". */
  yours: PermissionWords;
}

export const PERMISSION_WORDS = {
  workspaceSettings: {
    label: 'Can open workspace settings',
    whenOff: 'Off: no workspace settings, so no Users page, channels or integrations either.',
    yours: { label: 'Open workspace settings', whenOff: 'You have no workspace settings, so no Users page, channels or integrations either.' },
  },
  contactDeletion: {
    label: 'Can delete contacts',
    whenOff: 'Off: cannot delete any contact.',
    yours: { label: 'Delete contacts', whenOff: 'You cannot delete any contact.' },
  },
  dataExport: {
    label: 'Can export data',
    whenOff: 'Off: cannot export from anywhere, the member list included.',
    yours: { label: 'Export data', whenOff: 'You cannot export from anywhere, the member list included.' },
  },
  integrations: {
    label: 'Can connect integrations',
    whenOff: 'Off: cannot connect integrations.',
    yours: { label: 'Connect integrations', whenOff: 'You cannot connect integrations.' },
  },
  workflowsButton: {
    label: 'Sees the workflows button',
    whenOff: 'Off: the workflows button is hidden, so no shortcuts.',
    yours: { label: 'See the workflows button', whenOff: 'It is hidden from you, so no shortcuts.' },
  },
  maskContactDetails: {
    label: 'Sees phone numbers and emails',
    whenOff: 'Off: they appear masked; a missing one can be added, one already set cannot be changed.',
    yours: { label: 'See phone numbers and emails', whenOff: 'They appear masked to you; you can add a missing one but not change one already set.' },
  },
} as const satisfies Record<SwitchKey, BothPermissionWords>;

export interface ContactVisibilityWords {
  label: string;
  /** What a scope narrower than all contacts hides. */
  hint: string;
  scopes: Record<ContactVisibilityScope, string>;
}

export const CONTACT_VISIBILITY_WORDS = {
  label: 'Contacts they see',
  hint: 'Unless it is all contacts, unassigned contacts and other people’s stay hidden, counts included.',
  scopes: {
    all: 'All contacts',
    team_and_self: 'Their team’s and their own',
    self_only: 'Only their own',
  },
  yours: {
    label: 'Contacts you see',
    hint: 'Unassigned contacts and other people’s stay hidden from you, counts included.',
    scopes: {
      all: 'All contacts',
      team_and_self: 'Your team’s and your own',
      self_only: 'Only your own',
    },
  },
} as const satisfies ContactVisibilityWords & { yours: ContactVisibilityWords };

export const CONTACT_VISIBILITY_ITEMS = CONTACT_VISIBILITY_SCOPES.map((value) => ({ value, title: CONTACT_VISIBILITY_WORDS.scopes[value] }));

export function isSwitchKey(key: RestrictionKey): key is SwitchKey {
  return key !== 'contactVisibility';
}

/** A switch's words from a point of view: about a member (the dialogs, the matrix) or to the reader about themselves. */
export function wordsFor(key: SwitchKey, view: PointOfView): PermissionWords {
  return view === 'self' ? PERMISSION_WORDS[key].yours : PERMISSION_WORDS[key];
}

/** The contact visibility words from a point of view. */
export function contactVisibilityWordsFor(view: PointOfView): ContactVisibilityWords {
  return view === 'self' ? CONTACT_VISIBILITY_WORDS.yours : CONTACT_VISIBILITY_WORDS;
}

/** The label a person reads for a restriction, by its rule, from a point of view. */
export function permissionLabelFor(id: RestrictionId, view: PointOfView): string {
  const key = restrictionById(id).key;
  return isSwitchKey(key) ? wordsFor(key, view).label : contactVisibilityWordsFor(view).label;
}

/** The label a person reads for a restriction, by its rule: the switch's name, about a member. */
export function permissionLabel(id: RestrictionId): string {
  return permissionLabelFor(id, 'member');
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
