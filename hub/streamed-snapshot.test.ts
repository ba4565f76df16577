// Issue 12.3: a large snapshot leaves the hub in frames of at most 1 MB, read
// from cursors inside one read transaction (so it is as of one seq) with the
// socket's backpressure respected; what is committed while it streams comes
// after it, once; a version 1 client still gets the one `snapshot` message it
// expects, with the same records. Real hub, real sockets, real SQLite file.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, Member } from '../shared/domain';
import { NO_RESTRICTIONS } from '../shared/policy';
import type { ServerMessage, ServerMessageOf } from '../shared/protocol';
import { MAX_SNAPSHOT_FRAME_BYTES, PROTOCOL_VERSION } from '../shared/protocol';
import { HUB_DATABASE_FILE } from './server/hub';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

/** About 550 bytes each on the wire: 40,000 are some 22 MB, more than the sockets' buffers hold. */
const SEEDED_MEMBERS = 40_000;
const LONG_NAME = 'Bartholomew Fitzgerald-Montgomery Oyelaran-Vasquez de la Fuente y Castellanos';

let hub: TestHub;
let owner: TestClient;

interface Received {
  message: ServerMessage;
  bytes: number;
}

/** A raw client stating this build's protocol version, keeping every frame with its size in bytes. */
class StreamClient {
  readonly frames: Received[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.frames.push({ message: JSON.parse(data.toString()) as ServerMessage, bytes: data.length });
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  }

  static async open(email: string, password: string, version = PROTOCOL_VERSION): Promise<StreamClient> {
    const token = await tokenOf(email, password);
    const socket = new WebSocket(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}&v=${version}`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new StreamClient(socket);
  }

  subscribe(): void {
    this.socket.send(JSON.stringify({ id: 'sub', type: 'subscribe', since: null }));
  }

  async until(predicate: (frame: Received) => boolean, timeoutMs = 30_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no such frame in time');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  reply(): Promise<Received> {
    return this.until(({ message }) => message.type === 'reply' && message.id === 'sub');
  }

  of<T extends ServerMessage['type']>(type: T): Array<ServerMessageOf<T>> {
    return this.frames.map(({ message }) => message).filter((message): message is ServerMessageOf<T> => message.type === type);
  }

  membersInParts(): Member[] {
    return this.of('snapshot.part').flatMap((part) => (part.kind === 'members' ? (part.records as Member[]) : []));
  }

  close(): void {
    this.socket.terminate();
  }
}

/** One session per person: signing in again and again would meet the password limits. */
const tokens = new Map<string, Promise<string>>();
function tokenOf(email: string, password: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, hub.signIn(email, password).then((session) => session.token));
  return tokens.get(email) as Promise<string>;
}

function hubFile(): Database.Database {
  return new Database(join(hub.dataDir, HUB_DATABASE_FILE));
}

beforeAll(async () => {
  // This process parses tens of megabytes at a time here, which can keep it from answering a 1-second heartbeat.
  hub = await startTestHub({ heartbeatMs: 60_000 });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  const sqlite = hubFile();
  const person = sqlite.prepare('INSERT INTO people (id, email, display_name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
  const member = sqlite.prepare(
    "INSERT INTO members (id, workspace_id, person_id, level, restrictions, status, invited_at, joined_at, version) VALUES (?, ?, ?, 'agent', ?, 'active', 0, 1, 1)",
  );
  sqlite.transaction(() => {
    for (let index = 0; index < SEEDED_MEMBERS; index += 1) {
      person.run(`p-bulk${index}`, `bulk.member.${index}@example.com`, `${LONG_NAME} ${index}`);
      member.run(`bulk${index}`, hub.workspaceId, `p-bulk${index}`, JSON.stringify(NO_RESTRICTIONS));
    }
  })();
  sqlite.close();
}, 60_000);

afterAll(() => hub.stop());

describe('issue 12.3: the first sync streamed', () => {
  it('issue 12.3: a large snapshot comes as snapshot.begin, parts of at most 1 MB and snapshot.end, with right totals and the records the store holds', async () => {
    const client = await StreamClient.open(hub.ownerEmail, OWNER_PASSWORD);
    client.subscribe();
    await client.reply();
    client.close();

    const types = client.frames.map(({ message }) => message.type);
    const end = types.indexOf('snapshot.end');
    expect(types[0]).toBe('snapshot.begin');
    expect(types.slice(1, end).every((type) => type === 'snapshot.part')).toBe(true);
    expect(types[end + 1]).toBe('reply');
    const parts = client.of('snapshot.part');
    expect(parts.length).toBeGreaterThan(10);
    for (const { bytes } of client.frames.slice(0, end + 1)) expect(bytes).toBeLessThanOrEqual(MAX_SNAPSHOT_FRAME_BYTES);

    const [begin] = client.of('snapshot.begin');
    const members = client.membersInParts();
    const sqlite = hubFile();
    const stored = sqlite.prepare('SELECT m.id, p.email, p.display_name AS displayName FROM members m JOIN people p ON p.id = m.person_id WHERE m.workspace_id = ?').all(hub.workspaceId) as Array<{ id: string; email: string; displayName: string }>;
    const storedSeq = (sqlite.prepare('SELECT seq FROM workspaces WHERE id = ?').get(hub.workspaceId) as { seq: number }).seq;
    sqlite.close();
    expect(begin?.seq).toBe(storedSeq);
    expect(begin?.totals).toEqual({ members: stored.length, teams: 0, contacts: 0 });
    expect(members).toHaveLength(stored.length);
    expect(new Set(members.map((member) => member.id)).size).toBe(stored.length);
    const byId = new Map(members.map((member) => [member.id, member]));
    for (const row of stored) expect(byId.get(row.id)).toMatchObject({ email: row.email, displayName: row.displayName });
    expect(client.of('snapshot.end')[0]?.seq).toBe(begin?.seq);
  }, 60_000);

  it('issue 12.3: a version 1 client gets the same records as one snapshot message', async () => {
    const streamed = await StreamClient.open(hub.ownerEmail, OWNER_PASSWORD);
    const whole = await StreamClient.open(hub.ownerEmail, OWNER_PASSWORD, 1);
    streamed.subscribe();
    whole.subscribe();
    await Promise.all([streamed.reply(), whole.reply()]);
    streamed.close();
    whole.close();
    const [snapshot] = whole.of('snapshot');
    expect(whole.of('snapshot.part')).toEqual([]);
    expect(snapshot?.seq).toBe(streamed.of('snapshot.begin')[0]?.seq);
    const byId = (members: Member[]) => [...members].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(snapshot?.snapshot.members ?? [])).toEqual(byId(streamed.membersInParts()));
  }, 60_000);

  it('issue 12.3: a change committed while the snapshot streams comes after it, exactly once, and the snapshot is as of its own seq', async () => {
    const client = await StreamClient.open(hub.ownerEmail, OWNER_PASSWORD);
    client.subscribe();
    const begin = (await client.until(({ message }) => message.type === 'snapshot.begin')).message as ServerMessageOf<'snapshot.begin'>;
    // The desktop stops reading: the sockets' buffers fill and the hub waits with its read transaction open.
    client.socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const team = (await owner.mutate('team.create', { name: 'Committed meanwhile' })).team;
    await owner.mutate('member.set_team', { memberId: `bulk${SEEDED_MEMBERS - 1}`, teamId: team.id });
    client.socket.resume();
    const reply = (await client.reply()).message as ServerMessageOf<'reply'>;
    await client.until(({ message }) => message.type === 'presence');
    client.close();

    const types = client.frames.map(({ message }) => message.type);
    const end = types.indexOf('snapshot.end');
    const changes = client.of('changes');
    // Caught up from the snapshot's seq before the reply: the hub was still streaming when the change was committed.
    expect(types.slice(end + 1)).toEqual(['changes', 'reply', 'presence']);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.fromSeq).toBe(begin.seq);
    expect(reply.ok && (reply.result as { seq: number }).seq).toBe(changes[0]?.seq);
    // As of its seq: the member's part has them without the team, the change brings it; the team once, in the change.
    expect(client.membersInParts().find((member) => member.id === `bulk${SEEDED_MEMBERS - 1}`)?.teamId).toBeNull();
    expect(changes[0]?.changes.members.upserted.find((member) => member.id === `bulk${SEEDED_MEMBERS - 1}`)?.teamId).toBe(team.id);
    expect(changes[0]?.changes.teams.upserted).toEqual([{ id: team.id, workspaceId: hub.workspaceId, name: team.name }]);
    expect(client.of('snapshot.part').some((part) => part.kind === 'teams')).toBe(false);
    await owner.mutate('member.set_team', { memberId: `bulk${SEEDED_MEMBERS - 1}`, teamId: null });
    await owner.mutate('team.delete', { teamId: team.id });
  }, 60_000);

  it('issue 12.3 / R5: an agent is told how many contacts they will get, and gets just those, with only their own member record', async () => {
    const team = (await owner.mutate('team.create', { name: 'Visible team' })).team;
    const agentId = await hub.addMember(owner, 'counted.agent@example.com', 'agent', { contactVisibility: 'team_and_self' });
    await owner.mutate('member.set_team', { memberId: agentId, teamId: team.id });
    const names = ['Mine', 'Team', 'Unassigned', 'Someone else'];
    const assignees = [agentId, 'bulk1', null, 'bulk2'];
    for (const [index, name] of names.entries()) {
      await owner.mutate('contact.create', { name, phone: null, email: null, assigneeId: assignees[index] ?? null, teamId: name === 'Team' ? team.id : null });
    }
    const client = await StreamClient.open('counted.agent@example.com', MEMBER_PASSWORD);
    client.subscribe();
    await client.reply();
    client.close();
    const [begin] = client.of('snapshot.begin');
    const contacts = client.of('snapshot.part').flatMap((part) => (part.kind === 'contacts' ? (part.records as Contact[]) : []));
    expect(begin?.totals.contacts).toBe(2);
    expect(contacts.map((contact) => contact.name).sort()).toEqual(['Mine', 'Team']);
    expect(begin?.totals.members).toBe(1);
    expect(client.membersInParts().map((member) => member.id)).toEqual([agentId]);
  }, 60_000);

  it('issue 12.3: desktops that leave in the middle of a snapshot give back the read connections they held; the next gets a whole one', async () => {
    const leaving = await Promise.all(Array.from({ length: 6 }, () => StreamClient.open(hub.ownerEmail, OWNER_PASSWORD)));
    for (const client of leaving) client.subscribe();
    await Promise.all(leaving.map((client) => client.until(({ message }) => message.type === 'snapshot.part')));
    for (const client of leaving) client.socket.pause();
    expect(hub.hub.store.reads.busyCount).toBeGreaterThan(0);
    for (const client of leaving) client.close();
    await expect.poll(() => hub.hub.store.reads.busyCount, { timeout: 10_000 }).toBe(0);
    const next = await StreamClient.open(hub.ownerEmail, OWNER_PASSWORD);
    next.subscribe();
    await next.reply();
    next.close();
    const [begin] = next.of('snapshot.begin');
    expect(next.membersInParts()).toHaveLength(begin?.totals.members ?? -1);
  }, 60_000);
});
