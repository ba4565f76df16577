// Section L of the spec as data: the modules and, per access level, whether the
// level has them (full), lacks them (none) or has them unless an Owner switched
// on a restriction (restrictable). This table is the single source for the
// permission matrix view and for every module decision the hub makes.
import type { AccessLevel } from './levels';
import type { RestrictionId } from './restrictions';

export const MODULE_IDS = [
  'dashboard',
  'contacts',
  'messages',
  'shortcut',
  'broadcast',
  'reports',
  'workspace_settings',
  'settings_general',
  'settings_users',
  'settings_teams',
  'settings_channels',
  'settings_contact_fields',
  'settings_integrations',
  'settings_snippets',
  'settings_files',
  'settings_data_export',
  'user_profile',
  'notification_preferences',
] as const;
export type ModuleId = (typeof MODULE_IDS)[number];

/** ✅ full · ⭕ restrictable · ❌ none */
export type MatrixMark = 'full' | 'restrictable' | 'none';

export type MatrixCell =
  | { mark: 'full' }
  | { mark: 'none' }
  /** Granted unless one of these restrictions is on for the member. */
  | { mark: 'restrictable'; restrictedBy: readonly RestrictionId[] };

export interface MatrixRow {
  module: ModuleId;
  label: string;
  /** Workspace Settings sub-modules name their parent; the view indents them. */
  parent?: ModuleId;
  cells: Readonly<Record<AccessLevel, MatrixCell>>;
}

const FULL = { mark: 'full' } as const satisfies MatrixCell;
const NONE = { mark: 'none' } as const satisfies MatrixCell;
const unlessRestricted = (...restrictedBy: RestrictionId[]): MatrixCell => ({ mark: 'restrictable', restrictedBy });

const everyone = { owner: FULL, manager: FULL, agent: FULL };
const ownersAndManagers = { owner: FULL, manager: FULL, agent: NONE };

/** A Workspace Settings sub-module: Owners always, Managers unless R1 (plus any extra restriction). */
function settingsRow(module: ModuleId, label: string, ...extra: RestrictionId[]): MatrixRow {
  return {
    module,
    label,
    parent: 'workspace_settings',
    cells: { owner: FULL, manager: unlessRestricted('R1', ...extra), agent: NONE },
  };
}

export const PERMISSION_MATRIX: readonly MatrixRow[] = [
  { module: 'dashboard', label: 'Dashboard', cells: ownersAndManagers },
  { module: 'contacts', label: 'Contacts', cells: ownersAndManagers },
  { module: 'messages', label: 'Messages', cells: everyone },
  {
    module: 'shortcut',
    label: 'Shortcut (workflows button)',
    cells: { owner: FULL, manager: FULL, agent: unlessRestricted('R6') },
  },
  { module: 'broadcast', label: 'Broadcast', cells: ownersAndManagers },
  { module: 'reports', label: 'Reports', cells: ownersAndManagers },
  {
    module: 'workspace_settings',
    label: 'Workspace Settings',
    cells: { owner: FULL, manager: unlessRestricted('R1'), agent: NONE },
  },
  settingsRow('settings_general', 'General Settings'),
  settingsRow('settings_users', 'Users'),
  settingsRow('settings_teams', 'Teams'),
  settingsRow('settings_channels', 'Channels'),
  settingsRow('settings_contact_fields', 'Contact Fields'),
  settingsRow('settings_integrations', 'Integrations'),
  settingsRow('settings_snippets', 'Snippets'),
  settingsRow('settings_files', 'Files'),
  // R3 forbids export "from any module", so it closes the Data Export page too.
  settingsRow('settings_data_export', 'Data Export', 'R3'),
  { module: 'user_profile', label: 'User Profile', cells: everyone },
  { module: 'notification_preferences', label: 'Notification Preferences', cells: everyone },
];

// Looked up on every decision: a Map, not a scan of the table.
const ROWS_BY_MODULE = new Map(PERMISSION_MATRIX.map((row) => [row.module, row]));

export function matrixRow(module: ModuleId): MatrixRow {
  const row = ROWS_BY_MODULE.get(module);
  if (!row) throw new Error(`Module ${module} is missing from the permission matrix`);
  return row;
}

export function moduleLabel(module: ModuleId): string {
  return matrixRow(module).label;
}
