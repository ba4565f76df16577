// Issue 13: the invitation emails of a bulk invitation, sent once its
// transaction has committed (never from inside it: SMTP is slow, and a mail
// must not go out for a row that was rolled back). Each email is sent on its
// own, so each row says whether its link was mailed or is to be passed on;
// a few at a time, since the mailer opens a connection per message; and the
// client hears how far it has got ("Inviting 420 of 1,000") through progress
// frames for its request, before the reply.
import type { BulkInviteResult, RequestProgress } from '../../shared/protocol/bulk-invitations';
import type { InvitationEmail } from './mutation-context';

/** What delivery needs of the hub's mailer (hub/mail/mailer.ts). */
export interface InvitationMailer {
  isConfigured: boolean;
  /** True when every message was handed to the SMTP server. */
  send(emails: InvitationEmail[]): Promise<boolean>;
}

/** Messages in flight at once: enough to hide a slow server's round trips, few enough not to look like a flood to it. */
const PARALLEL_MAILS = 4;

/** At most about a hundred progress frames per request, and always the last. */
function progressReporter(total: number, onProgress: (progress: RequestProgress) => void): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 100));
  let reported: number | null = null;
  return (done) => {
    const isDue = reported === null || done === total || done - reported >= step;
    if (!isDue || done === reported) return;
    reported = done;
    onProgress({ done, total });
  };
}

export interface DeliveryListeners {
  onProgress: (progress: RequestProgress) => void;
  /** A mailer that threw instead of answering false (its settings could not be used, say): that row's link is to be passed on. */
  onMailError: (error: unknown, to: string) => void;
}

/**
 * Mails each invited row's link and answers the result with `isEmailed` set
 * per row (and overall: true when every invited row's link was mailed).
 * `outbox` holds the emails the commit queued, one per invited row. The rows
 * are committed by now: nothing here may turn the reply into a failure.
 */
export async function deliverBulkInvitations(
  mailer: InvitationMailer,
  outbox: readonly InvitationEmail[],
  result: BulkInviteResult,
  { onProgress, onMailError }: DeliveryListeners,
): Promise<BulkInviteResult> {
  const invited = result.rows.filter((row) => row.outcome === 'invited').length;
  if (!mailer.isConfigured || outbox.length === 0) return { ...result, isEmailed: false };
  const total = result.rows.length;
  const report = progressReporter(total, onProgress);
  let done = total - outbox.length;
  report(done);
  const mailed = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < outbox.length) {
      const email = outbox[next];
      next += 1;
      if (!email) continue;
      // The mailer logs a message it could not send; the row then says to pass its link on.
      const isSent = await mailer.send([email]).catch((error: unknown) => {
        onMailError(error, email.to);
        return false;
      });
      if (isSent) mailed.add(email.inviteUrl);
      done += 1;
      report(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_MAILS, outbox.length) }, worker));
  const rows = result.rows.map((row) => (row.outcome === 'invited' ? { ...row, isEmailed: row.inviteUrl !== null && mailed.has(row.inviteUrl) } : row));
  return { rows, isEmailed: invited > 0 && rows.every((row) => row.outcome !== 'invited' || row.isEmailed) };
}
