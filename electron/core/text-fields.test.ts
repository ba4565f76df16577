// Issue 9.3: whatever text an authenticated client puts in any text field, the
// hub either refuses it with invalid_message and changes nothing, or keeps it
// normalized (NFC, trimmed; emails lower-cased) and every other member
// receives exactly that value in frames their desktop's shared schemas accept.
// fast-check's own string generators never produce lone surrogates, so the
// arbitrary below mixes them in, with controls, bidirectional overrides,
// combining sequences, decomposed (NFD) forms and emoji.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient, TestHub } from '../../hub/testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../../hub/testing';
import type { ServerMessageOf } from '../../shared/protocol';
import { serverMessageSchema } from '../../shared/protocol';
import { TestCore } from './testing/test-core';

const fromCodes = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCharCode(code));

/** Text that must be refused wherever it appears: lone surrogates, controls, bidirectional overrides. */
const forbidden = fc.oneof(
  fromCodes(0xd800, 0xdbff),
  fromCodes(0xdc00, 0xdfff),
  fromCodes(0x00, 0x1f),
  fromCodes(0x7f, 0x9f),
  fc.constantFrom('\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'),
);
/** Unusual but valid text: combining and decomposed forms, emoji, right-to-left scripts, odd blanks. */
const unusual = fc.oneof(
  fc.constantFrom('e\u0301', 'A\u030a', '\u0301', 'n\u0303', '\u1100\u1161\u11a8', 'ﬁ', 'Å'.normalize('NFD')),
  fc.constantFrom('😀', '👩‍👩‍👧', '🇫🇷', '漢字', 'עברית', '\u200f', '\u200e', '\ufffd'),
  fc.constantFrom(' ', '  ', '\u00a0', '\u3000'),
  fc.constantFrom('+', '5', '55', '(', ')', '-', '0123', '@', '.', 'example', '.com', 'Name', 'o'),
  fc.string({ maxLength: 8, unit: 'grapheme' }),
);
/** One piece of a test string: mostly unusual, sometimes forbidden, so both answers are exercised. */
const piece = fc.oneof({ weight: 1, arbitrary: forbidden }, { weight: 12, arbitrary: unusual });
const hostileText = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('é', 'e\u0301', '😀', 'a'), fc.integer({ min: 55, max: 130 })).map(([unit, count]) => unit.repeat(count)) },
);
/** Emails with noise in the local part, the domain or around, so some are valid. */
const hostileEmail = fc
  .tuple(fc.array(piece, { maxLength: 2 }), fc.constantFrom('Ada', 'b.c', 'x'), fc.array(fc.oneof(forbidden, fc.constantFrom(' ', 'é', '\u0301')), { maxLength: 1 }), fc.constantFrom('@Example.com', '@x.org', '@'))
  .map(([before, local, noise, domain]) => `${before.join('')}${local}${noise.join('')}${domain}`);
const hostilePhone = fc.array(fc.oneof(fc.constantFrom('+1 555 0100', '(555) 0100', ' ', '12'), piece), { maxLength: 4 }).map((pieces) => pieces.join(''));

type Field = 'profile.displayName' | 'team.create' | 'team.rename' | 'contact.name' | 'contact.phone' | 'contact.email' | 'contact.set_phone' | 'contact.set_email' | 'member.invite';
const FIELDS: Field[] = ['profile.displayName', 'team.create', 'team.rename', 'contact.name', 'contact.phone', 'contact.email', 'contact.set_phone', 'contact.set_email', 'member.invite'];
const isEmailField = (field: Field) => field === 'contact.email' || field === 'contact.set_email' || field === 'member.invite';
const isPhoneField = (field: Field) => field === 'contact.phone' || field === 'contact.set_phone';

const textFor = (field: Field) => (isEmailField(field) ? hostileEmail : isPhoneField(field) ? hostilePhone : hostileText);
const fieldAndText = fc.constantFrom(...FIELDS).chain((field) => fc.tuple(fc.constant(field), fc.oneof(textFor(field), hostileText)));

let hub: TestHub;
let sender: TestClient;
let watcher: TestClient;
/** The watcher's real desktop core too: its replica must take every change. */
let desktop: TestCore;
let senderMemberId: string;
let baseTeamId: string;
let baseContactId: string;

beforeAll(async () => {
  hub = await startTestHub();
  sender = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  senderMemberId = (await sender.waitFor('snapshot')).snapshot.selfMemberId;
  await hub.addMember(sender, 'watcher@example.com', 'owner');
  watcher = await hub.connect('watcher@example.com', MEMBER_PASSWORD);
  desktop = await TestCore.start();
  await desktop.core.signIn(hub.hub.url, 'watcher@example.com', MEMBER_PASSWORD);
  await desktop.waitForEvent('workspace.snapshot');
  baseTeamId = (await sender.mutate('team.create', { name: 'Base team' })).team.id;
  baseContactId = (await sender.mutate('contact.create', { name: 'Base contact', phone: null, email: null, assigneeId: null, teamId: null })).contact.id;
});
afterAll(async () => {
  await desktop.stop();
  await hub.stop();
});

const seq = async () => (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq ?? -1;

/** Sends a mutation as a well-behaved client would: waits and sends again when the hub says to slow down. */
async function send(type: string, body: Record<string, unknown>): Promise<ServerMessageOf<'reply'>> {
  const mutationId = randomUUID();
  for (;;) {
    const reply = await sender.request(type as 'team.create', { mutationId, ...body });
    if (reply.ok || reply.error.code !== 'rate_limited') return reply;
    await sleep(reply.error.retryAfterMs ?? 100);
  }
}

function requestFor(field: Field, text: string): [string, Record<string, unknown>] {
  const contact = { name: 'Contact', phone: null, email: null, assigneeId: null, teamId: null };
  switch (field) {
    case 'profile.displayName':
      return ['profile.update', { displayName: text, avatarDataUrl: null }];
    case 'team.create':
      return ['team.create', { name: text }];
    case 'team.rename':
      return ['team.rename', { teamId: baseTeamId, name: text }];
    case 'contact.name':
      return ['contact.create', { ...contact, name: text }];
    case 'contact.phone':
      return ['contact.create', { ...contact, phone: text }];
    case 'contact.email':
      return ['contact.create', { ...contact, email: text }];
    case 'contact.set_phone':
      return ['contact.set_detail', { contactId: baseContactId, field: 'phone', value: text }];
    case 'contact.set_email':
      return ['contact.set_detail', { contactId: baseContactId, field: 'email', value: text }];
    case 'member.invite':
      return ['member.invite', { input: { email: text, level: 'agent' } }];
  }
}

/** The value the request set, as the hub answered it, as it stored it, and the entity it belongs to. */
interface AnyResult {
  member: { id: string; displayName: string; email: string };
  team: { id: string; name: string };
  contact: { id: string; name: string; phone: string | null; email: string | null };
}

async function accepted(field: Field, result: AnyResult): Promise<{ entity: 'member' | 'team' | 'contact'; id: string; replied: string | null; stored: string | null | undefined }> {
  const store = hub.hub.store;
  if (field === 'profile.displayName') return { entity: 'member', id: senderMemberId, replied: result.member.displayName, stored: (await store.members.byId(senderMemberId))?.displayName };
  if (field === 'member.invite') return { entity: 'member', id: result.member.id, replied: result.member.email, stored: (await store.members.byId(result.member.id))?.email };
  if (field === 'team.create' || field === 'team.rename') return { entity: 'team', id: result.team.id, replied: result.team.name, stored: (await store.teams.byId(result.team.id))?.name };
  const key = field === 'contact.name' ? 'name' : isPhoneField(field) ? 'phone' : 'email';
  return { entity: 'contact', id: result.contact.id, replied: result.contact[key], stored: (await store.contacts.byId(result.contact.id))?.[key] };
}

/** The value as the watcher received it, in a frame its shared schema accepts. */
async function receivedByWatcher(entity: 'member' | 'team' | 'contact', id: string, field: Field, expected: string): Promise<string | null | undefined> {
  const valueOf = (changes: ServerMessageOf<'changes'>['changes']) => {
    if (entity === 'member') return changes.members.upserted.find((member) => member.id === id)?.[field === 'member.invite' ? 'email' : 'displayName'];
    if (entity === 'team') return changes.teams.upserted.find((team) => team.id === id)?.name;
    const contact = changes.contacts.upserted.find((candidate) => candidate.id === id);
    return contact?.[field === 'contact.name' ? 'name' : isPhoneField(field) ? 'phone' : 'email'];
  };
  const message = await watcher.waitFor('changes', (candidate) => valueOf(candidate.changes) === expected);
  const parsed = serverMessageSchema.parse(message);
  return parsed.type === 'changes' ? valueOf(parsed.changes) : undefined;
}

async function cleanUp(field: Field, id: string): Promise<void> {
  // Team names are unique and an email can be invited once: make room for the next run.
  if (field === 'team.create') expect((await send('team.delete', { teamId: id })).ok).toBe(true);
  if (field === 'member.invite') expect((await send('invitation.cancel', { memberId: id })).ok).toBe(true);
}

describe('issue 9.3: text fields at the hub boundary', () => {
  it('issue 9.3: every text is refused with invalid_message, or stored, answered and received by another member normalized', async () => {
    await fc.assert(
      fc.asyncProperty(fieldAndText, async ([field, text]) => {
        const before = await seq();
        const [type, body] = requestFor(field, text);
        const reply = await send(type, body);
        if (!reply.ok) {
          expect(reply.error.code).toBe('invalid_message');
          expect(reply.error.message).not.toMatch(/\([A-Z]\d\)/);
          expect(await seq()).toBe(before);
          return;
        }
        const normalized = text.normalize('NFC').trim();
        const expected = isEmailField(field) ? normalized.toLowerCase() : normalized;
        const { entity, id, replied, stored } = await accepted(field, reply.result as AnyResult);
        expect(replied).toBe(expected);
        expect(stored).toBe(expected);
        expect(await receivedByWatcher(entity, id, field, expected)).toBe(expected);
        await cleanUp(field, id);
      }),
      { numRuns: 200 },
    );
    // Everything the other member received, from the first snapshot on, is accepted by the shared schemas.
    for (const frame of watcher.rawFrames) expect(serverMessageSchema.safeParse(JSON.parse(frame)).success).toBe(true);
    // And the real desktop's replica caught up with all of it, holding exactly what the hub stores.
    await expect.poll(() => desktop.core.workspaceView()?.seq, { timeout: 10_000 }).toBe(await seq());
    const replica = desktop.core.workspaceView()?.snapshot;
    const store = hub.hub.store;
    expect(replica?.members.map((member) => [member.id, member.displayName, member.email]).sort()).toEqual(
      (await store.members.inWorkspace(hub.workspaceId)).map((member) => [member.id, member.displayName, member.email]).sort(),
    );
    expect(replica?.teams.map((team) => [team.id, team.name]).sort()).toEqual((await store.teams.inWorkspace(hub.workspaceId)).map((team) => [team.id, team.name]).sort());
    expect(replica?.contacts.map((contact) => [contact.id, contact.name, contact.phone, contact.email]).sort()).toEqual(
      (await store.contacts.inWorkspace(hub.workspaceId)).map((contact) => [contact.id, contact.name, contact.phone, contact.email]).sort(),
    );
  }, 60_000);
});
