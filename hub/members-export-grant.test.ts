// U8/R3/X1, issue 12: `members.export` with `includeRows: false` (a desktop
// that writes the file from its replica) is decided and recorded as ever, but
// answered with the count the audit entry holds and the seq it was counted
// at, never the members. A request without the field, from a client of any
// protocol version, still gets every member and team. Through raw sockets on
// a real hub.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage, ServerMessageOf } from '../shared/protocol';
import { membersExportGrantSchema, membersExportRowsSchema, requestResultSchemas } from '../shared/protocol';
import type { Restrictions } from '../shared/policy';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;
beforeEach(async () => {
  hub = await startTestHub({ plan: 'enterprise' });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
});
afterEach(() => hub.stop());

const exportEntries = async () => (await hub.hub.store.audit.all(hub.workspaceId)).filter((entry) => entry.action === 'members.exported');
const workspaceSeq = async () => (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq;

/** The reply frame to the last request a client sent, as it crossed the wire. */
const lastReplyFrame = (client: TestClient): string => client.rawFrames.filter((frame) => frame.startsWith('{"type":"reply"')).at(-1) ?? '';

/** A raw socket that states a protocol version, as a desktop of that version opens it. */
class VersionedSocket {
  private readonly messages: ServerMessage[] = [];
  private readonly listeners: Array<() => void> = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString()) as ServerMessage);
      for (const listener of this.listeners.splice(0)) listener();
    });
  }

  static async open(email: string, password: string, version: number): Promise<VersionedSocket> {
    const { token } = await hub.signIn(email, password);
    const socket = new WebSocket(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}&v=${version}`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const client = new VersionedSocket(socket);
    await client.ask({ id: 'sub', type: 'subscribe', since: null });
    return client;
  }

  async ask(request: Record<string, unknown> & { id: string }): Promise<ServerMessageOf<'reply'>> {
    this.socket.send(JSON.stringify(request));
    for (;;) {
      const reply = this.messages.find((message): message is ServerMessageOf<'reply'> => message.type === 'reply' && message.id === request.id);
      if (reply) return reply;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply to ${request.id}`)), 10_000);
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

describe('U8/X1: members.export that only authorizes', () => {
  it('U8/X1: with includeRows false the hub answers the count and the seq, no member crosses the wire, and the audit entry holds that count', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager', {}, 'Mia Manager');
    await hub.addMember(owner, 'agent@example.com', 'agent', { contactVisibility: 'self_only', maskContactDetails: true }, 'Ava Agent');
    await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent' } });

    const granted = await owner.call('members.export', { includeRows: false });

    expect(granted).toEqual({ count: 4, seq: await workspaceSeq() });
    expect(membersExportGrantSchema.strict().safeParse(granted).success).toBe(true);
    expect(requestResultSchemas['members.export'].parse(granted)).toEqual(granted);
    const frame = lastReplyFrame(owner);
    for (const address of ['owner@example.com', 'manager@example.com', 'agent@example.com', 'pending@example.com']) expect(frame).not.toContain(address);
    expect(await exportEntries()).toHaveLength(1);
    expect((await exportEntries())[0]).toMatchObject({ actorName: 'Olive Owner', targetMemberId: null, before: null, after: { count: 4 } });

    // The count is what the full answer carries for the same state.
    const full = membersExportRowsSchema.parse(await owner.call('members.export', {}));
    expect(full.members).toHaveLength(4);
    expect((await exportEntries()).map((entry) => entry.after)).toEqual([{ count: 4 }, { count: 4 }]);
    expect(lastReplyFrame(owner).length).toBeGreaterThan(frame.length * 10);
  });

  it('U8: the seq names the state that was counted: an invitation after one grant is counted by the next, whose seq is past it', async () => {
    const first = membersExportGrantSchema.parse(await owner.call('members.export', { includeRows: false }));
    expect(first).toEqual({ count: 1, seq: await workspaceSeq() });

    await owner.mutate('member.invite', { input: { email: 'later@example.com', level: 'manager' } });
    const second = membersExportGrantSchema.parse(await owner.call('members.export', { includeRows: false }));

    expect(second.count).toBe(2);
    expect(second.seq).toBeGreaterThan(first.seq);
    // A read raises no seq (its audit entry is not a change): the seq is still the one counted at.
    expect(second.seq).toBe(await workspaceSeq());
  });

  const levels: Array<{ rule: string; email: string; level: 'manager' | 'agent'; restrictions: Partial<Restrictions>; refusal: { code: string; rule: string } | null }> = [
    { rule: 'U8', email: 'plain@example.com', level: 'manager', restrictions: {}, refusal: null },
    { rule: 'U8', email: 'other@example.com', level: 'manager', restrictions: { contactDeletion: true, integrations: true }, refusal: null },
    { rule: 'R3', email: 'r3@example.com', level: 'manager', restrictions: { dataExport: true }, refusal: { code: 'restricted', rule: 'R3' } },
    { rule: 'R1', email: 'r1@example.com', level: 'manager', restrictions: { workspaceSettings: true }, refusal: { code: 'restricted', rule: 'R1' } },
    { rule: 'U1', email: 'agent@example.com', level: 'agent', restrictions: {}, refusal: { code: 'module_unavailable', rule: 'U1' } },
  ];

  for (const { rule, email, level, restrictions, refusal } of levels) {
    const who = `${level === 'agent' ? 'an Agent' : 'a Manager'}${Object.keys(restrictions).length > 0 ? ` with ${Object.keys(restrictions).join(', ')}` : ''}`;
    it(`${rule}: ${who} is ${refusal ? 'refused, with the reason, in both forms, and nothing is recorded' : 'allowed in both forms, each recorded with the same count'}`, async () => {
      await hub.addMember(owner, email, level, restrictions);
      const member = await hub.connect(email, MEMBER_PASSWORD);
      const forms = [{ includeRows: false }, {}];
      for (const form of forms) {
        const reply = await member.request('members.export', form);
        if (refusal) {
          expect(reply).toMatchObject({ ok: false, error: refusal });
          expect(reply.ok ? '' : reply.error.message.length).toBeGreaterThan(10);
        } else {
          expect(reply.ok).toBe(true);
        }
      }
      if (refusal) {
        expect(await exportEntries()).toEqual([]);
        return;
      }
      const [grant, full] = member.rawFrames.filter((frame) => frame.includes('"type":"reply"')).slice(-2).map((frame) => (JSON.parse(frame) as { result: unknown }).result);
      expect(membersExportGrantSchema.strict().parse(grant).count).toBe(2);
      expect(membersExportRowsSchema.parse(full).members).toHaveLength(2);
      expect((await exportEntries()).map((entry) => entry.after)).toEqual([{ count: 2 }, { count: 2 }]);
    });
  }

  it('U8: a value that is not a boolean is refused as unreadable, and nothing is recorded', async () => {
    const reply = await owner.request('members.export', { includeRows: 'no' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await exportEntries()).toEqual([]);
  });
});

describe('U8: older desktops get the full answer', () => {
  for (const version of [1, 2]) {
    it(`U8: a protocol version ${version} desktop that leaves the field out gets every member and team, as before, recorded with their count`, async () => {
      await owner.mutate('team.create', { name: 'Night shift' });
      await hub.addMember(owner, 'manager@example.com', 'manager', {}, 'Mia Manager');
      const desktop = await VersionedSocket.open('manager@example.com', MEMBER_PASSWORD, version);
      try {
        const reply = await desktop.ask({ id: 'export', type: 'members.export', mutationId: 'older-export-0001' });
        if (!reply.ok) throw new Error(reply.error.message);
        const answer = membersExportRowsSchema.strict().parse(reply.result);
        expect(answer.members.map((member) => member.email).sort()).toEqual(['manager@example.com', 'owner@example.com']);
        expect(answer.teams.map((team) => team.name)).toEqual(['Night shift']);
        expect((await exportEntries()).map((entry) => entry.after)).toEqual([{ count: 2 }]);

        const explicit = await desktop.ask({ id: 'export-explicit', type: 'members.export', includeRows: true });
        expect(explicit.ok && membersExportRowsSchema.strict().parse(explicit.result).members).toHaveLength(2);
      } finally {
        desktop.close();
      }
    });
  }
});
