// Issue 13: many invitations in one request. Each row is checked exactly as
// one `member.invite` is (checkInvitation: A4, A5, R7's plan, an address
// already a member or invited), plus what only a list can get wrong: the same
// address twice, and a team the workspace does not have. The preview runs
// those checks and writes nothing; the commit runs them again (the preview is
// only advice: the workspace may have changed since) and applies each row in
// a savepoint of its own, so a refused row rolls back alone and never takes
// the others with it, and no row is ever half applied. The whole request is
// still one transaction, with its idempotency record (hub/server), so a
// retried request is answered again, never applied twice.
import type { RequestResult } from '../../shared/protocol';
import type { BulkCommitRow, BulkInvitationRow, BulkRefusedRow } from '../../shared/protocol/bulk-invitations';
import { HubFailure } from './hub-failure';
import { checkInvitation, createInvitation } from './members';
import type { MutationContext } from './mutation-context';
import { ensureAllowed, inSavepoint } from './mutation-context';

type BulkOnlyCode = 'duplicate_row' | 'unknown_team';

/** A refusal only a list can earn; a row refused by the rules of one invitation is refused with their HubFailure. */
class ListRowRefusal extends Error {
  constructor(
    readonly code: BulkOnlyCode,
    message: string,
  ) {
    super(message);
  }
}

function refused(index: number, error: unknown): BulkRefusedRow {
  if (error instanceof ListRowRefusal) return { index, outcome: 'refused', code: error.code, message: error.message };
  if (error instanceof HubFailure) return { index, outcome: 'refused', code: error.code, message: error.message, ...(error.rule ? { rule: error.rule } : {}) };
  // Anything else is the hub failing, not the row: the whole request fails and its transaction rolls back.
  throw error;
}

/**
 * U1: someone who may not open the Users page (Agents, Managers with the
 * Workspace Settings restriction) is refused the whole list at once, not row
 * by row; what each row may be is the policy's decision per row (A4).
 */
function ensureMayInvite(context: MutationContext): void {
  ensureAllowed(context, { type: 'module.open', module: 'settings_users' });
}

/** Addresses met so far in this list: a second row for one is refused, however the first fared. */
function ensureFirstInList(row: BulkInvitationRow, seen: Set<string>): void {
  if (seen.has(row.email)) {
    throw new ListRowRefusal('duplicate_row', `${row.email} is already earlier in this list; each person is invited once.`);
  }
  seen.add(row.email);
}

/** The team a row names, if any: joining one is managing teams, which the policy decides. */
async function teamIdOf(context: MutationContext, name: string | null): Promise<string | null> {
  if (name === null) return null;
  ensureAllowed(context, { type: 'teams.manage' });
  const team = await context.store.teams.byName(context.workspace.id, name);
  if (!team) {
    throw new ListRowRefusal('unknown_team', `There is no team named “${name}” in this workspace; create it on the Teams page first, or leave the team empty.`);
  }
  return team.id;
}

/** Every check of one row, writing nothing; answers what the commit needs to write it. */
async function checkRow(context: MutationContext, row: BulkInvitationRow, seen: Set<string>) {
  ensureFirstInList(row, seen);
  const person = await checkInvitation(context, row);
  const teamId = await teamIdOf(context, row.team);
  return { person, teamId };
}

export async function previewBulkInvitations(context: MutationContext, rows: readonly BulkInvitationRow[]): Promise<RequestResult<'members.bulk_invite_preview'>> {
  ensureMayInvite(context);
  const seen = new Set<string>();
  // One row after another: `seen` makes each row's answer depend on the rows before it.
  const checked: RequestResult<'members.bulk_invite_preview'>['rows'] = [];
  for (const [index, row] of rows.entries()) {
    try {
      await checkRow(context, row, seen);
      checked.push({ index, outcome: 'ready' });
    } catch (error) {
      checked.push(refused(index, error));
    }
  }
  return { rows: checked, isInvitationEmailed: context.settings.isMailConfigured };
}

async function inviteRow(context: MutationContext, row: BulkInvitationRow, index: number, seen: Set<string>): Promise<BulkCommitRow> {
  const { person, teamId } = await checkRow(context, row, seen);
  const { member, link } = await createInvitation(context, row, person, teamId);
  return { index, outcome: 'invited', memberId: member.id, inviteUrl: link.inviteUrl, isEmailed: false, expiresAt: link.expiresAt };
}

export async function sendBulkInvitations(context: MutationContext, rows: readonly BulkInvitationRow[]): Promise<RequestResult<'members.bulk_invite'>> {
  ensureMayInvite(context);
  const seen = new Set<string>();
  // One row after another, in the list's order: each row's savepoint holds the transaction's connection.
  const results: BulkCommitRow[] = [];
  for (const [index, row] of rows.entries()) {
    try {
      // A savepoint per row (a transaction inside the request's): a refusal rolls back this row only.
      results.push(await inSavepoint(context, (inner) => inviteRow(inner, row, index, seen)));
    } catch (error) {
      results.push(refused(index, error));
    }
  }
  const invited = results.filter((result) => result.outcome === 'invited').length;
  // X1: each invitation has its own entry (createInvitation); this one says the list was sent, and how it went.
  await context.audit.record('members.bulk_invited', null, null, { rows: rows.length, invited, refused: rows.length - invited });
  // The hub mails each link once the transaction has committed, and says per row whether it went (bulk-invitations-delivery.ts).
  return { rows: results, isEmailed: false };
}
