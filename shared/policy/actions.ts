// Everything a member can try to do that a rule of the spec gates. The hub asks
// the policy about each of these before it changes anything; the renderer asks
// the same questions to decide what to show.
import type { AccessLevel } from './levels';
import type { ModuleId } from './matrix';
import type { Restrictions } from './restrictions';

export type MemberStatus = 'pending' | 'active';

/** The member an action is aimed at. */
export interface MemberTarget {
  memberId: string;
  level: AccessLevel;
  status: MemberStatus;
  /** Issue 13.2: when the target's access ends (UTC ms); left out or null: it does not end. */
  accessUntil?: number | null;
}

/** A contact as far as visibility and masking rules need to know it. */
export interface ContactTarget {
  assigneeId: string | null;
  /** The team the contact itself is assigned to, if any. */
  teamId: string | null;
  /** The team of the member it is assigned to, if any. */
  assigneeTeamId: string | null;
}

export type ContactDetailField = 'phone' | 'email';

export type Action =
  | { type: 'module.open'; module: ModuleId }
  | { type: 'member.invite'; level: AccessLevel; restrictions: Restrictions }
  | { type: 'invitation.resend'; target: MemberTarget }
  | { type: 'invitation.cancel'; target: MemberTarget }
  | {
      type: 'member.edit';
      target: MemberTarget;
      level: AccessLevel;
      restrictions: Restrictions;
      /** Active Owners of the workspace, the target included if they are one (V4). */
      activeOwnerCount: number;
      /** Issue 13.2: the end date after the edit (null: none); left out: the target's, unchanged. */
      accessUntil?: number | null;
      /**
       * V4 with issue 13.2: active Owners whose access has no end date, the
       * target included if they are one. Left out: every active Owner (a
       * caller that knows of no end dates).
       */
      openEndedOwnerCount?: number;
    }
  | {
      type: 'member.revoke';
      target: MemberTarget;
      activeOwnerCount: number;
      /** V4 with issue 13.2: as for member.edit. */
      openEndedOwnerCount?: number;
    }
  | { type: 'members.export' }
  | { type: 'audit.view' }
  | { type: 'audit.export' }
  | { type: 'organization.view' }
  | { type: 'teams.manage' }
  | { type: 'workspace.update_settings' }
  /** Issue 13.2: how many days before an access end the hub warns, for the whole workspace. */
  | { type: 'workspace.set_access_warning' }
  | { type: 'channel.connect' }
  | { type: 'channel.delete' }
  | { type: 'integration.connect' }
  | { type: 'shortcut.use' }
  | { type: 'contact.view'; contact: ContactTarget }
  | { type: 'contact.create' }
  | { type: 'contact.assign'; contact: ContactTarget }
  | { type: 'contact.delete'; contact: ContactTarget }
  | { type: 'contact.set_detail'; contact: ContactTarget; field: ContactDetailField; hasValue: boolean }
  | { type: 'profile.update'; targetMemberId: string }
  | { type: 'notification_preferences.update'; targetMemberId: string };

export type ActionType = Action['type'];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;
