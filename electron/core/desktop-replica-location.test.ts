// Issue 9, item 12: when a folder sits where the person's replica file should
// be, signing in answers with a sentence the app can show, not a crash.
import { mkdirSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestHub } from '../../hub/testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../../hub/testing';
import { ApiFailure } from './api-failure';
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

describe('replica location', () => {
  it('issue 9.12: a folder where the replica file should be makes sign-in fail with a plain sentence', async () => {
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.addMember(owner, 'desk@example.com', 'manager');
    await desktop.core.signIn(hub.hub.url, 'desk@example.com', MEMBER_PASSWORD);
    const file = desktop.core.replicaFile() ?? '';
    await desktop.core.signOut();
    mkdirSync(file, { recursive: true });

    const signingIn = desktop.core.signIn(hub.hub.url, 'desk@example.com', MEMBER_PASSWORD);
    await expect(signingIn).rejects.toBeInstanceOf(ApiFailure);
    await expect(signingIn).rejects.toMatchObject({
      code: 'replica_unavailable',
      message: `Gatehouse cannot keep its offline copy at ${file}: there is a folder where the file should be. Move what is there away, or free the folder, and try again.`,
    });
  });

  it('issue 9.12: the app still starts, signed in, when a folder sits where the replica file should be', async () => {
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.addMember(owner, 'start@example.com', 'manager');
    await desktop.core.signIn(hub.hub.url, 'start@example.com', MEMBER_PASSWORD);
    const file = desktop.core.replicaFile() ?? '';
    await desktop.core.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    mkdirSync(file, { recursive: true });

    desktop = await desktop.reopen();
    expect((await desktop.core.sessionState()).phase).toBe('signed_in');
    expect(desktop.core.workspaceView()).toBeNull();
  });
});
