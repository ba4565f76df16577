// X1: exporting the audit log is itself recorded in it, once per allowed
// export; a refused export records nothing. Through a raw socket on a real hub.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shared/domain';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;
beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
});
afterEach(() => hub.stop());

const stored = () => hub.hub.store.audit.all(hub.workspaceId);
const exports = async () => (await stored()).filter((entry) => entry.action === 'audit.exported');

/** The whole answer, as a client that sends no `includeEntries` gets it. */
async function exportWhole(client: TestClient): Promise<AuditEntry[]> {
  const answer = await client.call('audit.export', {});
  if (!('entries' in answer)) throw new Error('expected every entry in the answer');
  return answer.entries;
}

describe('X1: audit log exports are audited', () => {
  it('X1: each allowed export adds one entry, with who exported and how many entries they got', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const before = (await stored()).length;

    const first = await exportWhole(owner);
    expect(first).toHaveLength(before);
    expect(first.some((entry) => entry.action === 'audit.exported')).toBe(false);
    expect(await exports()).toHaveLength(1);
    expect((await exports())[0]).toMatchObject({ actorName: 'Olive Owner', targetMemberId: null, after: { count: before } });

    const second = await exportWhole(owner);
    expect(second).toHaveLength(before + 1);
    expect(await exports()).toHaveLength(2);
    expect(await stored()).toHaveLength(before + 2);

    const listed = await owner.call('audit.list', { action: 'audit.exported' });
    expect(listed.entries).toHaveLength(2);
  });

  it('X1: a refused export adds no entry', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const before = (await stored()).length;

    await expect(manager.call('audit.export', {})).rejects.toMatchObject({ error: { code: 'owners_only', rule: 'X1' } });

    expect(await exports()).toEqual([]);
    expect(await stored()).toHaveLength(before);
  });
});
