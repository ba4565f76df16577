// Issue 13 through raw sockets and a real SMTP sink: each invited row of a
// bulk invitation is mailed on its own and says so; a mail the server refuses
// leaves that row's link to pass on; the hub tells the client how far it has
// got (progress frames for the request, before its reply).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../shared/protocol';
import type { BulkInvitationRowInput } from '../shared/protocol/bulk-invitations';
import { sendBulkRequest } from './testing/bulk-invitation-requests';
import type { SmtpSink } from './testing/smtp-sink';
import { startSmtpSink } from './testing/smtp-sink';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function hubMailingTo(smtpUrl: string): Promise<TestHub> {
  const hub = await startTestHub({ mail: { smtpUrl, from: 'Gatehouse <hub@example.com>' } });
  cleanups.push(() => hub.stop());
  return hub;
}

async function sink(): Promise<SmtpSink> {
  const started = await startSmtpSink();
  cleanups.push(() => started.close());
  return started;
}

const agents = (count: number, prefix = 'mailed'): BulkInvitationRowInput[] =>
  Array.from({ length: count }, (_, index) => ({ email: `${prefix}.${index}@example.com`, level: 'agent' }));

type Progress = Extract<ServerMessage, { type: 'progress' }>;

describe('bulk invitations through SMTP', () => {
  it('A2: each invited row is mailed its own link, says so, and the link in the mail is the row’s', async () => {
    const smtp = await sink();
    const hub = await hubMailingTo(smtp.url);
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const preview = await owner.call('members.bulk_invite_preview', { rows: agents(3) });
    expect(preview.isInvitationEmailed).toBe(true);
    expect(smtp.mails).toHaveLength(0);

    const result = await owner.mutate('members.bulk_invite', { rows: [...agents(3), { email: hub.ownerEmail, level: 'agent' }] });
    expect(result.isEmailed).toBe(true);
    expect(result.rows.map((row) => (row.outcome === 'invited' ? row.isEmailed : row.code))).toEqual([true, true, true, 'already_member']);
    expect(smtp.mails.map((mail) => mail.to).sort()).toEqual(['mailed.0@example.com', 'mailed.1@example.com', 'mailed.2@example.com']);
    for (const row of result.rows) {
      if (row.outcome !== 'invited') continue;
      const email = (await hub.hub.store.members.byId(row.memberId))?.email;
      const mail = smtp.mails.find((each) => each.to === email);
      expect(mail?.text).toContain(row.inviteUrl ?? 'no link');
    }
  });

  it('issue 13: the hub reports its progress for the request, ending at every row, before the reply', async () => {
    const smtp = await sink();
    const hub = await hubMailingTo(smtp.url);
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const rows = [{ email: hub.ownerEmail, level: 'agent' as const }, ...agents(250, 'progress')];
    const reply = await sendBulkRequest(owner, 'members.bulk_invite', rows);
    expect(reply.ok).toBe(true);
    const frames = owner.received.filter((message): message is Progress => message.type === 'progress' && message.id === reply.id);
    // One refused row is decided at once; then each mailed row counts, in about a hundred steps at most.
    expect(frames[0]).toMatchObject({ done: 1, total: 251 });
    expect(frames.at(-1)).toMatchObject({ done: 251, total: 251 });
    expect(frames.length).toBeGreaterThan(10);
    expect(frames.length).toBeLessThanOrEqual(102);
    expect(frames.map((frame) => frame.done)).toEqual([...frames.map((frame) => frame.done)].sort((a, b) => a - b));
    const replyAt = owner.received.indexOf(reply);
    expect(owner.received.indexOf(frames.at(-1) as Progress)).toBeLessThan(replyAt);
    expect(smtp.mails).toHaveLength(250);
  });

  it('issue 13: a mail the server refuses leaves that row a link to pass on, and the others mailed', async () => {
    // A real SMTP server that refuses one recipient.
    const accepted: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address === 'bounce.1@example.com') return callback(new Error('550 No such mailbox'));
        accepted.push(address.address);
        callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve(undefined))));
    const hub = await hubMailingTo(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`);
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);

    const result = await owner.mutate('members.bulk_invite', { rows: agents(3, 'bounce') });
    expect(result.rows.map((row) => row.outcome === 'invited' && row.isEmailed)).toEqual([true, false, true]);
    expect(result.rows[1]).toMatchObject({ outcome: 'invited', inviteUrl: expect.stringContaining('/invite/') });
    expect(result.isEmailed).toBe(false);
    expect(accepted.sort()).toEqual(['bounce.0@example.com', 'bounce.2@example.com']);
  });

  it('issue 13: a retried list sends no second email', async () => {
    const smtp = await sink();
    const hub = await hubMailingTo(smtp.url);
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const first = await owner.mutate('members.bulk_invite', { rows: agents(2, 'retry') }, 'bulk-mail-retry');
    const again = await owner.mutate('members.bulk_invite', { rows: agents(2, 'retry') }, 'bulk-mail-retry');
    expect(again.rows.map((row) => row.outcome === 'invited' && row.isEmailed)).toEqual([true, true]);
    expect(again.rows.map((row) => row.outcome === 'invited' && row.memberId)).toEqual(first.rows.map((row) => row.outcome === 'invited' && row.memberId));
    expect(smtp.mails).toHaveLength(2);
  });
});
