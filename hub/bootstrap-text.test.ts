// Issue 9.3: the names a new hub is bootstrapped with (organization,
// workspace, first Owner) follow the same text rules as every other text the
// hub keeps, whichever caller passes them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BootstrapInput } from './bootstrap';
import { bootstrapWorkspace } from './bootstrap';
import type { HubStore } from './store/hub-store';
import { openHubStore } from './store/hub-store';

let dir: string;
let store: HubStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-bootstrap-'));
  store = openHubStore(join(dir, 'hub.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const input: BootstrapInput = {
  organizationName: 'Acme',
  workspaceName: 'Support',
  plan: 'advanced',
  ownerEmail: 'ada@example.com',
  ownerName: 'Ada',
  ownerPassword: 'a-long-password',
};

describe('issue 9.3: bootstrap names', () => {
  it('issue 9.3: malformed names are refused and nothing is created', async () => {
    for (const names of [{ organizationName: 'Acme\u202E' }, { workspaceName: '\uD800'.repeat(40) }, { ownerName: 'A\u0000da' }]) {
      await expect(bootstrapWorkspace(store, { ...input, ...names })).rejects.toMatchObject({ code: 'invalid_message' });
    }
    expect(await store.workspaces.all()).toEqual([]);
  });

  it('issue 9.3: names are kept normalized (NFC, trimmed) and the email lower-cased', async () => {
    const created = await bootstrapWorkspace(store, { ...input, workspaceName: ' Soporte te\u0301cnico ', ownerName: 'Jose\u0301', ownerEmail: 'Ada@Example.com ' });
    expect((await store.workspaces.byId(created.workspaceId))?.name).toBe('Soporte técnico');
    expect((await store.people.byEmail('ada@example.com'))?.displayName).toBe('José');
  });
});
