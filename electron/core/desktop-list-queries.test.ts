// Issue 12: the list queries through the core and the API table, against a
// real hub: windows answered from the replica, lists.changed after each sync
// event, presence counting only while the hub is heard.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestClient, TestHub } from '../../hub/testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../../hub/testing';
import { createApiHandlers } from './api/handlers';
import { dispatchApiCall } from './api/dispatch';
import { TestCore } from './testing/test-core';

let hub: TestHub;
let owner: TestClient;
let desktop: TestCore;

beforeEach(async () => {
  hub = await startTestHub({ port: 0 });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  desktop = await TestCore.start();
});
afterEach(async () => {
  await desktop.stop();
  await hub.stop();
});

describe('issue 12: list queries through the core', () => {
  it('answers windows from the replica and tells the renderer what changed', async () => {
    await hub.addMember(owner, 'desk@example.com', 'manager', {}, 'Desk Manager');
    await desktop.core.signIn(hub.hub.url, 'desk@example.com', MEMBER_PASSWORD);
    await desktop.waitForEvent('workspace.snapshot');
    await desktop.waitForEvent('lists.changed', (event) => event.payload.cause === 'snapshot');
    const handlers = createApiHandlers(desktop.core, { name: 'Gatehouse', version: 'test', runtime: 'node' });
    const window = await dispatchApiCall(handlers, 'members.query', { search: 'desk', sort: { by: 'name', direction: 'asc' } });
    expect(window).toMatchObject({ ok: true, value: { total: 1, rows: [{ email: 'desk@example.com' }] } });
    await hub.addMember(owner, 'agent@example.com', 'agent', {}, 'Agnes Agent');
    await desktop.waitForEvent('lists.changed', (event) => event.payload.cause === 'changes' && event.payload.members !== 'all' && event.payload.members.length > 0);
    const after = await dispatchApiCall(handlers, 'members.query', { search: 'agnes' });
    expect(after).toMatchObject({ ok: true, value: { total: 1 } });
    const summary = await dispatchApiCall(handlers, 'workspace.summary', undefined);
    expect(summary).toMatchObject({ ok: true, value: { counts: { members: 3, activeOwners: 1 } } });
    const online = await dispatchApiCall(handlers, 'members.query', { presence: 'online', limit: 0 });
    expect(online).toMatchObject({ ok: true });
  });
});
