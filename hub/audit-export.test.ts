// X1: exporting the audit log is itself recorded in it, once per allowed
// export; a refused export records nothing. Through a raw socket on a real hub.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
const exports = () => stored().filter((entry) => entry.action === 'audit.exported');

describe('X1: audit log exports are audited', () => {
  it('X1: each allowed export adds one entry, with who exported and how many entries they got', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const before = stored().length;

    const first = await owner.call('audit.export', {});
    expect(first.entries).toHaveLength(before);
    expect(first.entries.some((entry) => entry.action === 'audit.exported')).toBe(false);
    expect(exports()).toHaveLength(1);
    expect(exports()[0]).toMatchObject({ actorName: 'Olive Owner', targetMemberId: null, after: { count: before } });

    const second = await owner.call('audit.export', {});
    expect(second.entries).toHaveLength(before + 1);
    expect(exports()).toHaveLength(2);
    expect(stored()).toHaveLength(before + 2);

    const listed = await owner.call('audit.list', { action: 'audit.exported' });
    expect(listed.entries).toHaveLength(2);
  });

  it('X1: a refused export adds no entry', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const before = stored().length;

    await expect(manager.call('audit.export', {})).rejects.toMatchObject({ error: { code: 'owners_only', rule: 'X1' } });

    expect(exports()).toEqual([]);
    expect(stored()).toHaveLength(before);
  });
});
