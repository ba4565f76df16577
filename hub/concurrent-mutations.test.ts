// D4 with the store asynchronous (issue 14.1): two desktops send their
// changes to the same workspace back to back, neither waiting for its
// replies, so the hub has many requests in flight whose transactions commit
// one after the other. Each desktop must still see every change once, in seq
// order with no gap (its replica refuses a gap and would rebuild), and a
// request's reply after the change it made.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerMessageOf } from '../shared/protocol';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const PER_DESKTOP = 40;

let hub: TestHub;
let owner: TestClient;
let manager: TestClient;

async function storedSeq(): Promise<number> {
  return (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq ?? -1;
}

async function caughtUp(client: TestClient, seq: number): Promise<void> {
  if (client.lastSeq < seq) await client.waitFor('changes', (message) => message.seq >= seq, 10_000);
}

beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  await owner.waitFor('snapshot');
  await hub.addMember(owner, 'manager@example.com', 'manager');
  manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
  await manager.waitFor('snapshot');
  const seq = await storedSeq();
  await Promise.all([caughtUp(owner, seq), caughtUp(manager, seq)]);
});
afterEach(() => hub.stop());

/** The changes a desktop received after `fromSeq`, in the order they arrived. */
function changesAfter(client: TestClient, fromSeq: number): Array<ServerMessageOf<'changes'>> {
  return client.received.filter((message): message is ServerMessageOf<'changes'> => message.type === 'changes' && message.seq > fromSeq);
}

describe('D4: changes from two desktops committed back to back', () => {
  it('D4: each desktop sees every change once, in seq order with no gap, and each reply after its change', async () => {
    const startSeq = await storedSeq();
    const sent: Array<Promise<{ team: { id: string; name: string } }>> = [];
    // Interleaved on the two sockets, none awaited before the next is sent.
    for (let index = 0; index < PER_DESKTOP; index += 1) {
      sent.push(owner.mutate('team.create', { name: `Owner team ${index}` }));
      sent.push(manager.mutate('team.create', { name: `Manager team ${index}` }));
    }
    const created = await Promise.all(sent);
    const finalSeq = await storedSeq();
    expect(finalSeq - startSeq).toBe(2 * PER_DESKTOP);

    for (const client of [owner, manager]) {
      await caughtUp(client, finalSeq);
      const changes = changesAfter(client, startSeq);
      let expectedFrom = startSeq;
      for (const message of changes) {
        expect(message.fromSeq).toBe(expectedFrom);
        expect(message.seq).toBeGreaterThan(message.fromSeq);
        expectedFrom = message.seq;
      }
      expect(expectedFrom).toBe(finalSeq);

      const upserted = changes.flatMap((message) => message.changes.teams.upserted.map((team) => team.id));
      expect(upserted.toSorted()).toEqual(created.map((result) => result.team.id).toSorted());
    }

    // On the desktop that asked, the change arrives before the reply that says it is done.
    for (const client of [owner, manager]) {
      const arrivedAt = (teamId: string) =>
        client.received.findIndex((message) => message.type === 'changes' && message.changes.teams.upserted.some((team) => team.id === teamId));
      const replies = client.received.flatMap((message, index) =>
        message.type === 'reply' && message.ok && typeof message.result === 'object' && message.result !== null && 'team' in message.result
          ? [{ index, teamId: (message.result as { team: { id: string } }).team.id }]
          : [],
      );
      expect(replies).toHaveLength(PER_DESKTOP);
      for (const reply of replies) {
        const changeIndex = arrivedAt(reply.teamId);
        expect(changeIndex).toBeGreaterThanOrEqual(0);
        expect(changeIndex).toBeLessThan(reply.index);
      }
    }
  });
});
