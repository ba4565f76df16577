// Issue 13: the mail of a bulk invitation, with a mailer that answers as a
// real one may (sent, refused, or throwing): each row says whether its link
// went, nothing turns the committed rows into a failed reply, and progress
// stays about a hundred steps whatever the list's length.
import { describe, expect, it } from 'vitest';
import type { BulkInviteResult, RequestProgress } from '../../shared/protocol/bulk-invitations';
import type { InvitationMailer } from './bulk-invitations-delivery';
import { deliverBulkInvitations } from './bulk-invitations-delivery';
import type { InvitationEmail } from './mutation-context';

function list(invited: number, refused: number): { result: BulkInviteResult; outbox: InvitationEmail[] } {
  const rows: BulkInviteResult['rows'] = [];
  const outbox: InvitationEmail[] = [];
  for (let index = 0; index < invited + refused; index += 1) {
    if (index < refused) {
      rows.push({ index, outcome: 'refused', code: 'already_member', message: 'Already a member.' });
      continue;
    }
    const inviteUrl = `http://hub.example/invite/${index}`;
    rows.push({ index, outcome: 'invited', memberId: `m${index}`, inviteUrl, isEmailed: false, expiresAt: 1 });
    outbox.push({ to: `p${index}@example.com`, inviteUrl, workspaceName: 'Support', organizationName: 'Acme', invitedByName: 'Olive', level: 'Agent', expiresAt: 1 });
  }
  return { result: { rows, isEmailed: false }, outbox };
}

const mailer = (send: InvitationMailer['send'], isConfigured = true): InvitationMailer => ({ isConfigured, send });

describe('issue 13: mailing a bulk invitation', () => {
  it('marks each row mailed or not; a mailer that throws leaves that row’s link to pass on, and is reported', async () => {
    const { result, outbox } = list(3, 1);
    const errors: string[] = [];
    const delivered = await deliverBulkInvitations(
      mailer(async ([email]) => {
        if (email?.to === 'p2@example.com') throw new Error('the mail settings cannot be used');
        return email?.to !== 'p3@example.com';
      }),
      outbox,
      result,
      { onProgress: () => undefined, onMailError: (_error, to) => errors.push(to) },
    );
    expect(delivered.rows.map((row) => (row.outcome === 'invited' ? row.isEmailed : row.code))).toEqual(['already_member', true, false, false]);
    expect(delivered.isEmailed).toBe(false);
    expect(errors).toEqual(['p2@example.com']);
  });

  it('reports progress in about a hundred steps, in order, ending at every row', async () => {
    const { result, outbox } = list(995, 5);
    const progress: RequestProgress[] = [];
    const delivered = await deliverBulkInvitations(mailer(async () => true), outbox, result, { onProgress: (step) => progress.push(step), onMailError: () => undefined });
    expect(delivered.isEmailed).toBe(true);
    expect(progress[0]).toEqual({ done: 5, total: 1_000 });
    expect(progress.at(-1)).toEqual({ done: 1_000, total: 1_000 });
    expect(progress.length).toBeLessThanOrEqual(102);
    expect(progress.map((step) => step.done)).toEqual([...progress.map((step) => step.done)].sort((a, b) => a - b));
  });

  it('a hub without mail sends nothing and reports nothing: every link is to be passed on', async () => {
    const { result, outbox } = list(2, 0);
    const progress: RequestProgress[] = [];
    let sent = 0;
    const delivered = await deliverBulkInvitations(
      mailer(async () => {
        sent += 1;
        return true;
      }, false),
      outbox,
      result,
      { onProgress: (step) => progress.push(step), onMailError: () => undefined },
    );
    expect(delivered.rows.every((row) => row.outcome === 'invited' && !row.isEmailed && row.inviteUrl !== null)).toBe(true);
    expect(sent).toBe(0);
    expect(progress).toEqual([]);
  });
});
