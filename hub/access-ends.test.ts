// Issue 13.2 through raw sockets, real SQLite files and a real SMTP sink: the
// hub acts on stored access end dates by itself, once. A warning some days
// before (once per date, also across a restart, again after the date
// changes); the end revokes as member.revoke does (V1, V2: contacts to the
// heir, or unassigned when the heir has left, and the admins told why); the
// revoked desktop is told the reason, at once and when it reconnects; a hub
// that was down at the moment revokes on start; two hubs on one store revoke
// once; V4 holds the last active Owner. The clock is the hub's injected one.
import pino from 'pino';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { endAccess } from './domain/access-ends';
import type { AccessWorkDone } from './domain/access-ends';
import { startHub } from './server/hub';
import type { RunningHub } from './server/hub';
import { openHubStore } from './store/hub-store';
import { join } from 'node:path';
import { HUB_DATABASE_FILE } from './server/hub';
import type { SmtpSink } from './testing/smtp-sink';
import { startSmtpSink } from './testing/smtp-sink';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2030, 5, 1, 12);
let clock = START;
let smtp: SmtpSink;
let hub: TestHub;
let owner: TestClient;
let ownerId: string;
const cleanups: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  clock = START;
  smtp = await startSmtpSink();
  hub = await startTestHub({ now: () => clock, mail: { smtpUrl: smtp.url, from: 'Gatehouse <hub@example.com>' } });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  ownerId = (await owner.waitFor('snapshot')).snapshot.selfMemberId;
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  await hub.stop();
  await smtp.close();
});

const stored = (memberId: string) => hub.hub.store.members.byId(memberId);

async function auditOf(action: string, on: TestHub = hub) {
  return (await on.hub.store.audit
    .all(on.workspaceId))
    .filter((entry) => entry.action === action)
    .sort((a, b) => a.id - b.id);
}

async function setEnd(memberId: string, accessUntil: number | null, accessHeirId: string | null = null): Promise<void> {
  const current = await stored(memberId);
  if (!current) throw new Error('no such member');
  await owner.mutate('member.edit', { input: { memberId, level: current.level, baseVersion: current.version, accessUntil, accessHeirId } });
}

async function contactFor(assigneeId: string, name: string): Promise<string> {
  return (await owner.mutate('contact.create', { name, phone: null, email: null, assigneeId, teamId: null })).contact.id;
}

/** The hub's own notices (the invitations that made the members are left out). */
const notices = () => smtp.mails.filter((mail) => !mail.subject.includes('invited you'));

/** Waits until the sink holds at least `count` notices (sending happens after the pass, off its path). */
async function mailsArrived(count: number): Promise<void> {
  for (let tries = 0; notices().length < count; tries += 1) {
    if (tries > 300) throw new Error(`only ${notices().length} of ${count} notices arrived`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A mail sent after everything before it: once it arrives, the mails of
 * earlier passes have had their turn, so counting them says what was sent.
 */
async function sentinelMail(): Promise<void> {
  const before = smtp.mails.length;
  await owner.mutate('member.invite', { input: { email: `sentinel-${before}@example.com`, level: 'agent', restrictions: NO_RESTRICTIONS } });
  for (let tries = 0; !smtp.mails.some((mail) => mail.to === `sentinel-${before}@example.com`); tries += 1) {
    if (tries > 300) throw new Error('the sentinel mail never arrived');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const mailsTo = (address: string) => notices().filter((mail) => mail.to === address);

/** Opens a socket the hub refuses, and reads its answer. */
function refusalOf(socketUrl: string, token: string, workspaceId: string): Promise<{ status: number; body: { error: Record<string, unknown> } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${socketUrl}?workspace=${encodeURIComponent(workspaceId)}`, { headers: { authorization: `Bearer ${token}` } });
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as { error: Record<string, unknown> } }));
    });
    socket.once('open', () => reject(new Error('the socket was accepted')));
    socket.once('error', () => undefined);
  });
}

describe('issue 13.2: the warning before an end', () => {
  it('warns the member and the admins once per end date, across a restart, and again after the date changes', async () => {
    const agent = await hub.addMember(owner, 'temp@example.com', 'agent', {}, 'Tia Temp');
    const agentClient = await hub.connect('temp@example.com', MEMBER_PASSWORD);
    await setEnd(agent, START + 5 * DAY);

    // Three days ahead (the default): not yet a millisecond before.
    clock = START + 2 * DAY - 1;
    await hub.hub.runDueAccessWork();
    expect(await auditOf('member.access_ending_warned')).toHaveLength(0);

    clock = START + 2 * DAY;
    await hub.hub.runDueAccessWork();
    await mailsArrived(2);
    const self = await agentClient.waitFor('access_ending');
    expect(self.notices).toEqual([{ memberId: agent, displayName: 'Tia Temp', email: 'temp@example.com', accessUntil: START + 5 * DAY, isSelf: true }]);
    const toAdmin = await owner.waitFor('access_ending');
    expect(toAdmin.notices).toEqual([expect.objectContaining({ memberId: agent, isSelf: false, accessUntil: START + 5 * DAY })]);
    expect(mailsTo('temp@example.com')[0]?.subject).toContain('Your access to Support ends on');
    expect(mailsTo(hub.ownerEmail)[0]?.text).toContain('Tia Temp (temp@example.com) has access to Support until');
    expect((await auditOf('member.access_ending_warned')).map((entry) => [entry.actorMemberId, entry.actorName, entry.targetMemberId])).toEqual([[null, 'Gatehouse', agent]]);

    // Again, and after a restart on the same files: nothing more.
    await hub.hub.runDueAccessWork();
    hub = await hub.restart();
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.hub.runDueAccessWork();
    await sentinelMail();
    expect(await auditOf('member.access_ending_warned')).toHaveLength(1);
    expect(mailsTo('temp@example.com')).toHaveLength(1);

    // Extended: the new date warns again, once.
    await setEnd(agent, START + 20 * DAY);
    clock = START + 17 * DAY;
    await hub.hub.runDueAccessWork();
    await hub.hub.runDueAccessWork();
    await mailsArrived(4);
    await sentinelMail();
    expect((await auditOf('member.access_ending_warned')).map((entry) => entry.after?.['accessUntil'])).toEqual([START + 5 * DAY, START + 20 * DAY]);
    expect(mailsTo('temp@example.com')).toHaveLength(2);
  });

  it('E3: a Manager is warned about the Agents they manage, not about a Manager; 0 days warns nobody', async () => {
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    const otherManager = await hub.addMember(owner, 'manager2@example.com', 'manager');
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await setEnd(agent, START + 2 * DAY);
    await setEnd(otherManager, START + 2 * DAY);
    clock = START + DAY;
    await hub.hub.runDueAccessWork();
    await mailsArrived(5);
    await sentinelMail();
    expect(mailsTo('manager@example.com').map((mail) => mail.subject)).toEqual([expect.stringContaining('agent’s access to Support ends')]);
    expect(mailsTo(hub.ownerEmail)).toHaveLength(2);

    await owner.mutate('workspace.set_access_warning', { days: 0 });
    const later = await hub.addMember(owner, 'later@example.com', 'agent');
    await setEnd(later, START + DAY + 1000);
    await hub.hub.runDueAccessWork();
    expect((await auditOf('member.access_ending_warned')).map((entry) => entry.targetMemberId).sort()).toEqual([agent, otherManager].sort());
  });
});

describe('issue 13.2: the end, at its moment', () => {
  it('V1, V2: revokes at the moment, contacts to the heir; the desktop is told why, and told again when it reconnects', async () => {
    const agent = await hub.addMember(owner, 'temp@example.com', 'agent', {}, 'Tia Temp');
    const heir = await hub.addMember(owner, 'heir@example.com', 'agent', {}, 'Hal Heir');
    const contacts = [await contactFor(agent, 'Ann'), await contactFor(agent, 'Ben')];
    await setEnd(agent, START + 10 * DAY, heir);
    const agentClient = await hub.connect('temp@example.com', MEMBER_PASSWORD);

    clock = START + 10 * DAY - 1;
    await hub.hub.runDueAccessWork();
    expect(await stored(agent)).toBeDefined();

    clock = START + 10 * DAY;
    await hub.hub.runDueAccessWork();
    expect(await stored(agent)).toBeUndefined();
    for (const contactId of contacts) expect((await hub.hub.store.contacts.byId(contactId))?.assigneeId).toBe(heir);
    const revoked = await agentClient.waitFor('revoked');
    expect(revoked).toMatchObject({ reason: 'access_ended', accessUntil: START + 10 * DAY });
    expect(revoked.message).toMatch(/has ended/);
    expect(await agentClient.closed()).toBe(4003);
    await owner.waitFor('changes', (message) => message.changes.members.deleted.includes(agent));

    const [ended] = await auditOf('member.access_ended');
    expect(ended).toMatchObject({ actorMemberId: null, targetMemberId: agent, after: { contactsAffected: 2, contactsMovedTo: 'Hal Heir', heirWhoLeft: null } });
    expect(await hub.hub.store.people.byEmail('temp@example.com')).toBeDefined();

    // The warning three days before (2 notices), then the end (2 more).
    await mailsArrived(4);
    expect(mailsTo('temp@example.com').at(-1)?.subject).toBe('Your access to Support has ended');
    expect(mailsTo(hub.ownerEmail).at(-1)?.text).toContain('Their 2 contacts now belong to Hal Heir.');

    const session = await hub.signIn('temp@example.com', MEMBER_PASSWORD);
    const refusal = await refusalOf(hub.hub.socketUrl, session.token, hub.workspaceId);
    expect(refusal).toEqual({ status: 403, body: { error: { code: 'access_ended', message: revoked.message, accessUntil: START + 10 * DAY } } });
  });

  it('V2: an heir who left meanwhile: the contacts are left unassigned and the admins told why', async () => {
    const agent = await hub.addMember(owner, 'temp@example.com', 'agent');
    const heir = await hub.addMember(owner, 'heir@example.com', 'agent', {}, 'Hal Heir');
    const contactId = await contactFor(agent, 'Ann');
    // No warning: only the end's notices are counted here.
    await owner.mutate('workspace.set_access_warning', { days: 0 });
    await setEnd(agent, START + DAY, heir);
    await owner.mutate('member.revoke', { input: { memberId: heir, reassignContactsTo: null } });

    clock = START + DAY;
    await hub.hub.runDueAccessWork();
    expect(await stored(agent)).toBeUndefined();
    expect((await hub.hub.store.contacts.byId(contactId))?.assigneeId).toBeNull();
    expect((await auditOf('member.access_ended'))[0]?.after).toEqual({ contactsAffected: 1, contactsMovedTo: null, heirWhoLeft: 'Hal Heir' });
    await mailsArrived(2);
    expect(mailsTo(hub.ownerEmail).map((mail) => mail.text).join('\n')).toContain(
      'Their one contact is left unassigned because Hal Heir, who was to receive them, has left the workspace.',
    );
  });

  it('V1: an invitation not accepted by its end date lapses with it, and its link with it', async () => {
    const invited = await owner.mutate('member.invite', {
      input: { email: 'late@example.com', level: 'agent', restrictions: NO_RESTRICTIONS, accessUntil: START + 4 * DAY },
    });
    clock = START + 4 * DAY;
    await hub.hub.runDueAccessWork();
    expect(await stored(invited.member.id)).toBeUndefined();
    expect(await hub.hub.store.invitations.liveFor(invited.member.id)).toBeUndefined();
    expect((await auditOf('member.access_ended')).map((entry) => entry.targetMemberId)).toEqual([invited.member.id]);
  });

  it('a hub that was down at the moment revokes on start, before anyone asks', async () => {
    const agent = await hub.addMember(owner, 'temp@example.com', 'agent');
    await setEnd(agent, START + DAY);
    hub = await hub.restart({}, async () => {
      clock = START + 3 * DAY;
    });
    expect(await hub.hub.store.members.byId(agent)).toBeUndefined();
    expect(await auditOf('member.access_ended')).toHaveLength(1);
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });

  it('the timer of a running hub acts at the stored moment by itself', async () => {
    const agent = await hub.addMember(owner, 'temp@example.com', 'agent');
    // The hub's own timer is what acts: the end 300 ms ahead by the hub's clock, set through a real edit that re-arms it; the
    // clock is then moved on, and the timer fires after 300 real milliseconds.
    await setEnd(agent, clock + 300);
    clock += 300;
    for (let tries = 0; await stored(agent) !== undefined; tries += 1) {
      if (tries > 300) throw new Error('the hub did not act at the moment');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await auditOf('member.access_ended')).toHaveLength(1);
  });
});

describe('issue 13.2: once, whoever runs it', () => {
  it('two hubs on the same store, both due at the same moment, revoke once', async () => {
    const agent = await hub.addMember(owner, 'temp@example.com', 'agent');
    const contactId = await contactFor(agent, 'Ann');
    await owner.mutate('workspace.set_access_warning', { days: 0 });
    await setEnd(agent, START + DAY, ownerId);
    const second: RunningHub = await startHub({ dataDir: hub.dataDir, port: 0, logger: pino({ level: 'silent' }), now: () => clock, mail: { smtpUrl: smtp.url, from: 'hub2@example.com' } });
    cleanups.push(() => second.close());
    clock = START + DAY;
    await Promise.all([hub.hub.runDueAccessWork(), second.runDueAccessWork(), hub.hub.runDueAccessWork()]);
    expect(await auditOf('member.access_ended')).toHaveLength(1);
    expect((await hub.hub.store.contacts.byId(contactId))?.assigneeId).toBe(ownerId);
    await mailsArrived(2);
    await sentinelMail();
    expect(mailsTo('temp@example.com').filter((mail) => mail.subject.includes('has ended'))).toHaveLength(1);
  });

  it('the end’s claim, made twice from two connections to the store with the same due row, acts once', async () => {
    const agent = await hub.addMember(owner, 'temp@example.com', 'agent');
    await setEnd(agent, START + DAY);
    const other = openHubStore(join(hub.dataDir, HUB_DATABASE_FILE));
    cleanups.push(async () => other.close());
    clock = START + DAY;
    const [due, ...more] = (await other.members.dueAccess(clock)).ends;
    expect(due?.id).toBe(agent);
    expect(more).toEqual([]);
    if (!due) return;
    const work = (): AccessWorkDone => ({ touched: new Map(), warnings: [], emails: [], ended: [], held: [] });
    expect(await endAccess(hub.hub.store, due, clock, work())).toBe(true);
    expect(await endAccess(other, due, clock, work())).toBe(false);
    expect(await auditOf('member.access_ended')).toHaveLength(1);
  });
});

describe('V4: the end never removes the last active Owner', () => {
  it('V4: an end date on the only Owner (written around the policy) is held, and the Owners told once', async () => {
    // The policy refuses such a date; a store changed by other means must still keep its Owner.
    await hub.hub.store.members.update(ownerId, { accessUntil: START + DAY });
    clock = START + DAY;
    await hub.hub.runDueAccessWork();
    await hub.hub.runDueAccessWork();
    expect(await stored(ownerId)).toMatchObject({ level: 'owner', status: 'active' });
    expect(await auditOf('member.access_end_held')).toHaveLength(1);
    expect(await auditOf('member.access_ended')).toHaveLength(0);
    await mailsArrived(1);
    expect(mailsTo(hub.ownerEmail)[0]?.subject).toBe('Olive Owner’s access to Support was not ended');
  });
});
