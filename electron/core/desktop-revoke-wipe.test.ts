// Issue 9, item 9 (V2), end to end: a person in two workspaces of one hub is
// revoked from one. The desktop's replica (one file for that person on that
// hub) then holds nothing of the revoked workspace, byte for byte, in its
// .sqlite, -wal and -shm files, and keeps the other workspace for offline use.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestHub } from '../../hub/testing';
import { addOtherOrganization, MEMBER_PASSWORD, OTHER_OWNER, OWNER_PASSWORD, startTestHub } from '../../hub/testing';
import { TestCore } from './testing/test-core';

let hub: TestHub;
let desktop: TestCore;

beforeEach(async () => {
  hub = await startTestHub({ port: 0 });
  desktop = await TestCore.start();
});
afterEach(async () => {
  await desktop.stop();
  await hub.stop();
});

function replicaBytes(file: string): string {
  return ['', '-wal', '-shm'].map((suffix) => readFileSync(`${file}${suffix}`, { flag: 'a+' }).toString('latin1')).join('\n');
}

describe('revoke on the desktop', () => {
  it('issue 9.9: the revoked workspace leaves no contact email in the replica files; the other workspace stays', async () => {
    const acmeOwner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const globex = await addOtherOrganization(hub);
    const globexOwner = await hub.connect(OTHER_OWNER.email, OTHER_OWNER.password, { workspaceId: globex.workspaceId });
    await hub.addMember(acmeOwner, 'desk@example.com', 'manager');
    const revokedMemberId = await hub.addMember(globexOwner, 'desk@example.com', 'manager');
    for (let index = 0; index < 30; index += 1) {
      await acmeOwner.mutate('contact.create', { name: `Acme customer ${index}`, phone: null, email: `buyer${index}@acme-customer.example`, assigneeId: null, teamId: null });
      await globexOwner.mutate('contact.create', { name: `Globex customer ${index}`, phone: null, email: `buyer${index}@globex-customer.example`, assigneeId: null, teamId: null });
    }

    await desktop.core.signIn(hub.hub.url, 'desk@example.com', MEMBER_PASSWORD);
    await desktop.core.selectWorkspace(hub.workspaceId);
    await desktop.waitForEvent('workspace.snapshot', (event) => event.payload.workspaceId === hub.workspaceId);
    await desktop.core.selectWorkspace(globex.workspaceId);
    await desktop.waitForEvent('workspace.snapshot', (event) => event.payload.workspaceId === globex.workspaceId);
    const file = desktop.core.replicaFile() ?? '';
    expect(replicaBytes(file)).toContain('globex-customer.example');

    await globexOwner.mutate('member.revoke', { input: { memberId: revokedMemberId, reassignContactsTo: null } });
    await desktop.waitForEvent('session.changed', (event) => event.payload.workspaces.every((workspace) => workspace.workspaceId !== globex.workspaceId));

    expect(replicaBytes(file)).not.toContain('globex-customer.example');
    expect(replicaBytes(file)).toContain('acme-customer.example');
  });
});
