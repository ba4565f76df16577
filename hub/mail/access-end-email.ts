// Issue 13.2: the words of the mail the hub sends by itself about temporary
// access: to the member and the admins a number of days before it ends, and
// once it has ended. Dates are written in UTC: the hub does not know the
// reader's time zone (the desktop shows them in the person's own).
import type { NoticeEmail } from './notice-email';

export interface AccessEndParties {
  workspaceName: string;
  organizationName: string;
  member: { displayName: string; email: string };
  accessUntil: number;
}

function when(at: number): string {
  return new Date(at).toUTCString();
}

function who(parties: AccessEndParties): string {
  const { displayName, email } = parties.member;
  return displayName === email ? email : `${displayName} (${email})`;
}

const EXTEND = 'To extend it, an Owner or Manager who may edit them changes or removes the end date in the Users page of Gatehouse.';

export function accessEndingToMember(parties: AccessEndParties, to: string): NoticeEmail {
  return {
    to,
    subject: `Your access to ${parties.workspaceName} ends on ${when(parties.accessUntil)}`,
    paragraphs: [
      `Your access to ${parties.workspaceName} (${parties.organizationName}) on Gatehouse ends on ${when(parties.accessUntil)}, as set when it was given. After that, Gatehouse no longer opens this workspace for you.`,
      'If you still need it then, ask an Owner or Manager of the workspace to extend it.',
    ],
  };
}

export function accessEndingToAdmin(parties: AccessEndParties, heirName: string | null, to: string): NoticeEmail {
  return {
    to,
    subject: `${parties.member.displayName}’s access to ${parties.workspaceName} ends on ${when(parties.accessUntil)}`,
    paragraphs: [
      `${who(parties)} has access to ${parties.workspaceName} until ${when(parties.accessUntil)}; then Gatehouse removes it by itself.`,
      heirName ? `Their contacts will then go to ${heirName}.` : 'Their contacts will then be left unassigned.',
      EXTEND,
    ],
  };
}

export function accessEndedToMember(parties: AccessEndParties, to: string): NoticeEmail {
  return {
    to,
    subject: `Your access to ${parties.workspaceName} has ended`,
    paragraphs: [
      `Your access to ${parties.workspaceName} (${parties.organizationName}) on Gatehouse ended on ${when(parties.accessUntil)}, the end date set when it was given.`,
      'If you still need it, ask an Owner or Manager of the workspace to invite you again.',
    ],
  };
}

/** What became of the contacts of a member whose access ended. */
export interface ContactsOutcome {
  count: number;
  heirName: string | null;
  /** The name of the member chosen to receive them, who left the workspace before the end. */
  heirWhoLeft: string | null;
}

function contactsSentence({ count, heirName, heirWhoLeft }: ContactsOutcome): string {
  if (count === 0) return 'They had no contacts assigned to them.';
  const contacts = count === 1 ? 'Their one contact' : `Their ${count} contacts`;
  const verb = count === 1 ? 'is' : 'are';
  if (heirName) return `${contacts} now ${count === 1 ? 'belongs' : 'belong'} to ${heirName}.`;
  if (heirWhoLeft) return `${contacts} ${verb} left unassigned because ${heirWhoLeft}, who was to receive them, has left the workspace. Assign them to someone in Gatehouse.`;
  return `${contacts} ${verb} left unassigned.`;
}

export function accessEndedToAdmin(parties: AccessEndParties, contacts: ContactsOutcome, to: string): NoticeEmail {
  return {
    to,
    subject: `${parties.member.displayName}’s access to ${parties.workspaceName} has ended`,
    paragraphs: [`${who(parties)} no longer has access to ${parties.workspaceName}: it ended on ${when(parties.accessUntil)}, the end date set for it.`, contactsSentence(contacts)],
  };
}

export function accessEndHeldToOwner(parties: AccessEndParties, to: string): NoticeEmail {
  return {
    to,
    subject: `${parties.member.displayName}’s access to ${parties.workspaceName} was not ended`,
    paragraphs: [
      `${who(parties)}’s access to ${parties.workspaceName} was due to end on ${when(parties.accessUntil)}, but they are its last active Owner, and a workspace always keeps one. Their access stays.`,
      'Make another member Owner, then change or remove their end date.',
    ],
  };
}
