// Issue 11.3, words: nothing a person reads names a rule ("(A4)", "R7") or a
// name from the code ("maskContactDetails", "invalid_message",
// "input.level"). Collected here: every refusal sentence the policy can make,
// with the labels it shows; refusals from a real hub, over a raw socket and
// over HTTP; and the text of the hub's own pages. The rule stays in each
// refusal's `rule` field, for programs and the matrix's "Why?".
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Denied } from '../shared/policy';
import {
  ACCESS_LEVEL_LABELS,
  ACCESS_LEVELS,
  CONTACT_VISIBILITY_LABELS,
  decide,
  PERMISSION_MATRIX,
  PLAN_LABELS,
  PLANS,
  RESTRICTIONS,
} from '../shared/policy';
import { decideRestrictionOffered } from '../shared/policy/decide-members';
import { actionArb, actorArb } from '../shared/policy/testing/arbitraries';
import type { HubError } from '../shared/protocol';
import { DEFAULT_REQUEST_LIMITS } from './server/request-limits';
import { bearer, postJson, signInFrom } from './testing/account-requests';
import { addOtherOrganization, OTHER_OWNER } from './testing/other-organization';
import type { SmtpSink } from './testing/smtp-sink';
import { startSmtpSink } from './testing/smtp-sink';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const RULE_ID = /\((?:[AULRVEDOX]\d)\)|\b[AULRVEDOX]\d\b/;
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/;
const SNAKE_CASE = /\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b/;
/** A field path such as "input.level" or a request type such as "member.invite". */
const DOTTED_NAME = /\b[a-z]+\.[a-z][A-Za-z]*\b/;
/** zod's own English, which speaks of types ("expected string, received undefined"). */
const SCHEMA_WORDS = /\bexpected \w+, received\b|^Invalid input\b|^Unrecognized key/;
const PATTERNS = [RULE_ID, CAMEL_CASE, SNAKE_CASE, DOTTED_NAME, SCHEMA_WORDS];

/** Every piece of `texts` a person should not have to read, with where it was found. */
function unreadable(texts: Iterable<string>): string[] {
  const found: string[] = [];
  for (const text of texts) {
    // Addresses a person typed or a link they follow are theirs, not the code's.
    const words = text.replace(/\b[a-z]+:\/\/\S+/gi, '').replace(/\S+@\S+/g, '');
    for (const pattern of PATTERNS) {
      const match = pattern.exec(words);
      if (match) found.push(`${JSON.stringify(text)} has ${JSON.stringify(match[0])}`);
    }
  }
  return found;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** What a person reads on a page: its text, and the attributes a browser shows (title, alt, labels, placeholders). */
function readableText(html: string): string[] {
  const shown = [...html.matchAll(/\s(?:title|alt|aria-label|placeholder)="([^"]*)"/g)].map((match) => match[1] ?? '');
  const text = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, '\n');
  const decode = (value: string) =>
    value.replace(/&(#\d+|[a-z]+);/g, (entity, name: string) =>
      name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : (ENTITIES[name] ?? entity),
    );
  return [...text.split('\n'), ...shown].map((line) => decode(line).trim()).filter((line) => line.length > 0);
}

describe('issue 11.3: the policy speaks plainly', () => {
  it('issue 11.3: no refusal the policy can make names a rule or a field, and each still carries its rule', () => {
    const refusals = new Map<string, Denied>();
    const note = (decision: ReturnType<typeof decide>) => {
      if (!decision.allowed) refusals.set(decision.message, decision);
    };
    for (const [actor, action] of fc.sample(fc.tuple(actorArb, actionArb), { numRuns: 40_000, seed: 113 })) note(decide(actor, action));
    // The restriction-fit sentences interpolate labels: every restriction, on every level and plan.
    for (const definition of RESTRICTIONS) {
      for (const level of ACCESS_LEVELS) for (const plan of PLANS) note(decideRestrictionOffered(definition, level, plan));
    }
    expect(refusals.size).toBeGreaterThan(30);
    expect(unreadable(refusals.keys())).toEqual([]);
    for (const refusal of refusals.values()) {
      expect(refusal.rule).toMatch(/^[AULRVEDOX]\d$/);
      expect(refusal.message).toMatch(/^[A-Z“].*[.]$/);
    }
  });

  it('issue 11.3: the labels the policy hands the screens (levels, plans, restrictions, matrix rows) are words', () => {
    const labels = [
      ...Object.values(ACCESS_LEVEL_LABELS),
      ...Object.values(PLAN_LABELS),
      ...Object.values(CONTACT_VISIBILITY_LABELS),
      ...RESTRICTIONS.flatMap((definition) => [definition.label, definition.description]),
      ...PERMISSION_MATRIX.map((row) => row.label),
    ];
    expect(unreadable(labels)).toEqual([]);
  });
});

describe('issue 11.3: the hub speaks plainly', () => {
  let clock = Date.now();
  let hub: TestHub;
  let sink: SmtpSink;
  let owner: TestClient;
  let manager: TestClient;
  let agent: TestClient;
  let agentId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // Growth: the mask restriction (R7) is not on the plan, so its refusal can be asked for.
    hub = await startTestHub({ plan: 'growth', now: () => clock, mail: { smtpUrl: sink.url, from: 'Gatehouse <hub@example.com>' } });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.addMember(owner, 'manager@example.com', 'manager');
    agentId = await hub.addMember(owner, 'agent@example.com', 'agent');
    manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    agent = await hub.connect('agent@example.com', MEMBER_PASSWORD);
  });
  afterAll(async () => {
    // issue 11.3: the mails the hub sent (invitations, password reset) are words too.
    expect(sink.mails.length).toBeGreaterThan(3);
    expect(unreadable(sink.mails.flatMap((mail) => [mail.subject, ...mail.text.split('\n')]))).toEqual([]);
    await hub.stop();
    await sink.close();
  });

  /** The reset mail; the invitations mailed before it are read at the end. */
  async function resetMail() {
    for (;;) {
      const mail = await sink.next();
      if (mail.subject === 'Choose a new Gatehouse password') return mail;
    }
  }
  const invitationToken = (inviteUrl: string | null) => new URL(inviteUrl ?? '').pathname.split('/').pop() ?? '';
  const page = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${hub.hub.url}${path}`, { ...init, headers: { connection: 'close', ...init.headers } });
    return { status: response.status, html: await response.text() };
  };
  const form = (path: string, fields: Record<string, string>) =>
    page(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  it('issue 11.3: refusals over the socket (malformed fields, policy, conflicts, not found, duplicates) are plain sentences', async () => {
    const errors: HubError[] = [];
    const refused = async (client: TestClient, type: string, body: Record<string, unknown>) => {
      const reply = await client.request(type as never, body);
      expect(reply.ok, `${type} ${JSON.stringify(body)} was refused`).toBe(false);
      if (!reply.ok) errors.push(reply.error);
    };
    const mutation = () => randomUUID();
    const pending = await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent', restrictions: {} } });

    // Malformed fields, each at a different depth of the request.
    await refused(owner, 'member.invite', { mutationId: mutation(), input: { email: 'x@example.com', level: 'boss', restrictions: {} } });
    await refused(owner, 'member.invite', { mutationId: mutation(), input: { email: 'not an address', level: 'agent', restrictions: {} } });
    await refused(owner, 'member.invite', { mutationId: mutation(), input: { email: 'x@example.com', level: 'agent', restrictions: { maskContactDetailz: true } } });
    await refused(owner, 'member.invite', { mutationId: mutation(), input: { email: 'x@example.com', level: 'agent', restrictions: { dataExport: 'yes' } } });
    await refused(owner, 'member.invite', { mutationId: mutation() });
    await refused(owner, 'member.edit', { mutationId: mutation(), input: { memberId: agentId, level: 'agent', baseVersion: 'latest' } });
    await refused(owner, 'member.revoke', { mutationId: mutation(), input: { memberId: 'has spaces', reassignContactsTo: null } });
    await refused(owner, 'team.create', { mutationId: 'short', name: 'Team' });
    await refused(owner, 'team.create', { mutationId: mutation(), name: 'Team', isAdmin: true });
    await refused(owner, 'audit.list', { limit: 9_999 });
    await refused(owner, 'preferences.update', { mutationId: mutation(), preferences: { scope: 'some', memberIds: [], notifyOnline: true, notifyOffline: true } });
    await refused(owner, 'member.delete_everything', {});
    // Policy refusals, one of each kind.
    await refused(manager, 'member.invite', { mutationId: mutation(), input: { email: 'm2@example.com', level: 'manager', restrictions: {} } });
    await refused(manager, 'member.invite', { mutationId: mutation(), input: { email: 'a2@example.com', level: 'agent', restrictions: { maskContactDetails: true } } });
    await refused(owner, 'member.invite', { mutationId: mutation(), input: { email: 'a3@example.com', level: 'agent', restrictions: { dataExport: true } } });
    await refused(agent, 'members.export', {});
    await refused(manager, 'audit.list', {});
    await refused(agent, 'contact.create', { mutationId: mutation(), name: 'Zed', phone: null, email: null, assigneeId: null, teamId: null });
    const self = (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === hub.ownerEmail);
    await refused(owner, 'member.revoke', { mutationId: mutation(), input: { memberId: self?.id, reassignContactsTo: null } });
    // Conflicts, things not found, duplicates.
    await refused(owner, 'member.edit', { mutationId: mutation(), input: { memberId: agentId, level: 'agent', baseVersion: 99 } });
    await refused(owner, 'member.revoke', { mutationId: mutation(), input: { memberId: 'nobody-here', reassignContactsTo: null } });
    await refused(owner, 'member.revoke', { mutationId: mutation(), input: { memberId: agentId, reassignContactsTo: pending.member.id } });
    await refused(owner, 'member.invite', { mutationId: mutation(), input: { email: 'agent@example.com', level: 'agent', restrictions: {} } });
    await refused(owner, 'member.invite', { mutationId: mutation(), input: { email: 'pending@example.com', level: 'agent', restrictions: {} } });
    await refused(owner, 'invitation.resend', { mutationId: mutation(), memberId: agentId });
    await owner.mutate('team.create', { name: 'Billing' });
    await refused(owner, 'team.create', { mutationId: mutation(), name: 'Billing' });
    const reused = mutation();
    await owner.mutate('team.create', { name: 'Shipping' }, reused);
    await refused(owner, 'team.create', { mutationId: reused, name: 'Returns' });

    expect(new Set(errors.map((error) => error.code))).toEqual(
      new Set([
        'invalid_message',
        'unknown_type',
        'cannot_invite_level',
        'restriction_needs_plan',
        'restriction_not_applicable',
        'module_unavailable',
        'owners_only',
        'self_protected',
        'conflict',
        'not_found',
        'invalid_reassignment',
        'already_member',
        'already_invited',
        'not_pending',
        'duplicate_name',
        'idempotency_key_reused',
      ]),
    );
    expect(errors.filter((error) => error.code === 'cannot_invite_level')[0]?.rule).toBe('A4');
    expect(unreadable(errors.map((error) => error.message))).toEqual([]);
  });

  it('issue 11.3: a malformed field is named by its label, not its path', async () => {
    const reply = await owner.request('member.invite', { mutationId: randomUUID(), input: { email: 'x@example.com', level: 'boss', restrictions: {} } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message', message: 'Choose an access level: Owner, Manager or Agent.' } });
    const unknownSwitch = await owner.request('member.edit', { mutationId: randomUUID(), input: { memberId: agentId, level: 'agent', restrictions: { dataExport: 1 }, baseVersion: 1 } });
    expect(unknownSwitch).toMatchObject({ ok: false, error: { message: 'The “Data Export” restriction: it holds the wrong kind of value.' } });
  });

  it('issue 11.3: a refused socket upgrade explains itself in words', async () => {
    const refusedUpgrade = (query: string, headers: Record<string, string>) =>
      new Promise<string>((resolve, reject) => {
        const socket = new WebSocket(`${hub.hub.socketUrl}?workspace=${encodeURIComponent(hub.workspaceId)}${query}`, { headers });
        socket.once('open', () => reject(new Error('the upgrade was accepted')));
        socket.once('error', () => undefined);
        socket.once('unexpected-response', (_request, response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve((JSON.parse(body) as { error: HubError }).error.message));
        });
      });
    const messages = [
      await refusedUpgrade('', {}),
      await refusedUpgrade('', bearer(randomBytes(32).toString('base64url'))),
      await refusedUpgrade('&v=99', {}),
    ];
    expect(unreadable(messages)).toEqual([]);
  });

  it('issue 11.3: the invitation pages (live, with an error, used, cancelled, expired, sign in to accept) show no rule or code name', async () => {
    const pages: string[] = [];
    const live = await owner.mutate('member.invite', { input: { email: 'page@example.com', level: 'agent', restrictions: {} } });
    const liveToken = invitationToken(live.inviteUrl);
    pages.push((await page(`/invite/${liveToken}`)).html);
    pages.push((await form(`/invite/${liveToken}`, { displayName: '', password: 'short' })).html);
    const accepted = await form(`/invite/${liveToken}`, { displayName: 'Page Reader', password: MEMBER_PASSWORD });
    expect(accepted.status).toBe(200);
    pages.push(accepted.html);
    pages.push((await page(`/invite/${liveToken}`)).html);
    pages.push((await page(`/invite/${randomBytes(32).toString('base64url')}`)).html);
    await addOtherOrganization(hub);
    const hasAccount = await owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'agent', restrictions: {} } });
    const signInToAccept = await form(`/invite/${invitationToken(hasAccount.inviteUrl)}`, { displayName: 'Gil', password: MEMBER_PASSWORD });
    expect(signInToAccept.status).toBe(409);
    pages.push(signInToAccept.html);
    const expiring = await owner.mutate('member.invite', { input: { email: 'late@example.com', level: 'agent', restrictions: {} } });
    clock += 60 * 24 * 60 * 60 * 1000;
    try {
      const expired = await page(`/invite/${invitationToken(expiring.inviteUrl)}`);
      expect(expired.status).toBe(410);
      pages.push(expired.html);
    } finally {
      clock = Date.now();
    }
    const texts = pages.flatMap(readableText);
    expect(texts.join(' ')).toContain('Join Support');
    expect(unreadable(texts)).toEqual([]);
  });

  it('issue 11.3: the password reset pages (choose, mismatch, done, link used) show no rule or code name', async () => {
    const pages: string[] = [];
    expect((await postJson(`${hub.hub.url}/api/password-reset`, { email: 'agent@example.com' })).status).toBe(202);
    const mail = await resetMail();
    const link = new URL(/(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '');
    pages.push((await page(link.pathname)).html);
    pages.push((await form(link.pathname, { password: 'one-long-password', confirm: 'another-long-password' })).html);
    pages.push((await form(link.pathname, { password: 'x', confirm: 'x' })).html);
    const done = await form(link.pathname, { password: MEMBER_PASSWORD, confirm: MEMBER_PASSWORD });
    expect(done.status).toBe(200);
    pages.push(done.html);
    const used = await page(link.pathname);
    expect(used.status).toBe(410);
    pages.push(used.html);
    const texts = pages.flatMap(readableText);
    expect(texts.join(' ')).toContain('Choose a new password');
    expect(unreadable(texts)).toEqual([]);
  });
  it('issue 11.3: refusals over HTTP (sign-in, bearer token, invitations, password reset) are plain sentences', async () => {
    const messages: string[] = [];
    const refusal = (answer: { status: number; body: { error?: { message: string } } }) => {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      messages.push(answer.body.error?.message ?? '');
    };
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${hub.hub.url}${path}`, { headers: { connection: 'close', ...headers } });
      return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
    };

    refusal(await signInFrom(hub.hub.url, hub.ownerEmail, 'not-the-password'));
    refusal(await postJson(`${hub.hub.url}/api/sign-in`, { email: 'owner@example.com', password: '' }));
    refusal(await get('/api/me'));
    refusal(await get('/api/me', { authorization: 'Bearer not a token' }));
    refusal(await get('/api/me', bearer(randomBytes(32).toString('base64url'))));
    const session = await hub.signIn('manager@example.com', MEMBER_PASSWORD);
    refusal(await postJson(`${hub.hub.url}/api/account/password`, { currentPassword: 'wrong-password-here', newPassword: 'a-new-long-password' }, bearer(session.token)));
    refusal(await postJson(`${hub.hub.url}/api/account/password`, { currentPassword: MEMBER_PASSWORD, newPassword: 'short' }, bearer(session.token)));
    refusal(await postJson(`${hub.hub.url}/api/me/invitations/nobody-here/accept`, {}, bearer(session.token)));
    refusal(await get(`/api/invitations/${randomBytes(32).toString('base64url')}`));
    refusal(await postJson(`${hub.hub.url}/api/invitations/accept`, { token: randomBytes(32).toString('base64url'), displayName: 'Nobody', password: MEMBER_PASSWORD }));
    const cancelled = await owner.mutate('member.invite', { input: { email: 'cancelled@example.com', level: 'agent', restrictions: {} } });
    await owner.mutate('invitation.cancel', { memberId: cancelled.member.id });
    refusal(await get(`/api/invitations/${invitationToken(cancelled.inviteUrl)}`));
    refusal(await postJson(`${hub.hub.url}/api/password-reset/complete`, { token: randomBytes(32).toString('base64url'), newPassword: 'a-new-long-password' }));
    refusal(await postJson(`${hub.hub.url}/api/password-reset`, { email: 'not an address' }));
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const answer = await signInFrom(hub.hub.url, 'agent@example.com', 'not-the-password');
      if (answer.status === 429) refusal(answer);
    }
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const answer = await postJson(`${hub.hub.url}/api/password-reset`, { email: 'nobody@example.com' });
      if (answer.status === 429) refusal(answer);
    }
    expect(messages.filter((message) => message.startsWith('Too many')).length).toBeGreaterThanOrEqual(2);
    expect(unreadable(messages)).toEqual([]);
  });

  // Waits for hub/server/routes/parse-body.ts to word its issues with issueInWords, as
  // the socket does: today an HTTP body without a field answers with zod's
  // "Invalid input: expected string, received undefined".
  it('issue 11.3: an HTTP body with a missing field is refused in words', async () => {
    const answers = [
      await postJson(`${hub.hub.url}/api/sign-in`, { email: 'owner@example.com' }),
      await postJson(`${hub.hub.url}/api/invitations/accept`, { displayName: 'Nobody', password: MEMBER_PASSWORD }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400]);
    expect(unreadable(answers.map((answer) => answer.body.error?.message ?? ''))).toEqual([]);
  });
});

describe('issue 11.3: the hub says when to slow down in words', () => {
  it('issue 11.3: a rate-limited request over the socket says how long to wait, in words', async () => {
    const hub = await startTestHub({
      requestLimits: { ...DEFAULT_REQUEST_LIMITS, sessionPerSecond: 1, sessionBurst: 3, burstWindowSeconds: 60 },
    });
    try {
      const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
      const replies = await Promise.all(Array.from({ length: 20 }, () => owner.request('activity', {})));
      const limited = replies.flatMap((reply) => (reply.ok ? [] : [reply.error]));
      expect(limited.map((error) => error.code)).toContain('rate_limited');
      expect(unreadable(limited.map((error) => error.message))).toEqual([]);
    } finally {
      await hub.stop();
    }
  });
});
