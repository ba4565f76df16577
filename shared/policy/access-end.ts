// Issue 13.2, temporary access: which end dates and heirs a member's access
// may be given. Whether the actor may set one at all is the edit's or the
// invitation's own decision (A4, E3, V4 in decide-members.ts); these are the
// checks of the values, in the words the field shows, the same on the hub and
// in the dialogs.

/** The latest end date accepted, counted from now: about ten years. */
export const MAX_ACCESS_DAYS_AHEAD = 3_660;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Why this end date cannot be set at `now`, or null when it can (null itself: no end, always fine). */
export function accessEndRefusal(accessUntil: number | null, now: number): string | null {
  if (accessUntil === null) return null;
  if (accessUntil <= now) return 'The end of access must be a moment in the future.';
  if (accessUntil > now + MAX_ACCESS_DAYS_AHEAD * DAY_MS) {
    return `The end of access can be at most ${MAX_ACCESS_DAYS_AHEAD.toLocaleString('en-US')} days (about ten years) from now.`;
  }
  return null;
}

/** A possible heir as the check needs it. */
export interface HeirCandidate {
  memberId: string;
  workspaceId: string;
  status: 'pending' | 'active';
}

/**
 * V2: contacts go only to another active member of the same workspace (the
 * rule a revoke's reassignment follows). `heir` undefined: no such member.
 */
export function accessHeirRefusal(
  heirId: string | null,
  heir: HeirCandidate | undefined,
  member: { memberId: string | null; workspaceId: string },
): string | null {
  if (heirId === null) return null;
  if (heirId === member.memberId) return 'A member cannot receive their own contacts; choose someone else, or leave them unassigned.';
  if (!heir || heir.workspaceId !== member.workspaceId) return 'The contacts can go only to a member of this workspace.';
  if (heir.status !== 'active') return 'The contacts can go only to a member who has accepted their invitation.';
  return null;
}
