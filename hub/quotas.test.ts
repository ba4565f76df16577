// Issue 9.4: quotas. A member (and a session) may send only so many requests
// and so many bytes; over a quota the hub answers rate_limited with how long to
// wait, before reading or writing anything. Avatars are small images of the
// type they declare. An Agent flooding profile updates with the largest avatar
// for 10 seconds grows the hub's files, and what an Owner receives, by under
// 1 MB.
import { randomBytes, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AVATAR_MAX_BYTES } from '../shared/domain';
import type { ServerMessageOf } from '../shared/protocol';
import { HUB_DATABASE_FILE } from './server/hub';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(bytes: number): string {
  const body = Buffer.concat([PNG_SIGNATURE, randomBytes(bytes - PNG_SIGNATURE.length)]);
  return `data:image/png;base64,${body.toString('base64')}`;
}

let hub: TestHub;
let owner: TestClient;
let agent: TestClient;
beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  await hub.addMember(owner, 'agent@example.com', 'agent');
  agent = await hub.connect('agent@example.com', MEMBER_PASSWORD);
});
afterEach(() => hub.stop());

function fileBytes(): number {
  const database = join(hub.dataDir, HUB_DATABASE_FILE);
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return size(database) + size(`${database}-wal`);
}

const MB = 1024 * 1024;

describe('issue 9.4: quotas', () => {
  it('issue 9.4: an Agent sending the largest avatar as fast as it can for 10 s grows the store by under 1 MB and an Owner receives under 1 MB', async () => {
    const avatar = png(AVATAR_MAX_BYTES);
    const storedBefore = fileBytes();
    const ownerFramesBefore = owner.rawFrames.length;
    const replies: Array<ServerMessageOf<'reply'>> = [];
    const inFlight = new Set<Promise<void>>();
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const sent = agent
        .request('profile.update', { mutationId: randomUUID(), displayName: 'Flood', avatarDataUrl: avatar })
        .then((reply) => void replies.push(reply));
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);

    const accepted = replies.filter((reply) => reply.ok);
    const limited = replies.filter((reply) => !reply.ok && reply.error.code === 'rate_limited');
    expect(accepted.length).toBeGreaterThan(0);
    expect(limited.length).toBeGreaterThan(0);
    expect(accepted.length + limited.length).toBe(replies.length);
    for (const reply of limited) expect(reply.ok ? 0 : reply.error.retryAfterMs).toBeGreaterThan(0);

    await sleep(200);
    const ownerBytes = owner.rawFrames.slice(ownerFramesBefore).reduce((total, frame) => total + Buffer.byteLength(frame), 0);
    expect(fileBytes() - storedBefore).toBeLessThan(MB);
    expect(ownerBytes).toBeLessThan(MB);
    expect(ownerBytes).toBeGreaterThan(0);
  }, 30_000);

  it('issue 9.4: a session over its request quota is told how long to wait, and is served again after waiting', async () => {
    const replies = await Promise.all(Array.from({ length: 400 }, () => agent.request('activity')));
    const limited = replies.find((reply) => !reply.ok);
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    expect(limited?.ok === false ? limited.error.message : '').not.toMatch(/[A-Z]\d|retryAfter/);
    await sleep(limited?.ok === false ? (limited.error.retryAfterMs ?? 0) + 50 : 0);
    expect(await agent.request('activity')).toMatchObject({ ok: true });
  });

  it('issue 9.4: an avatar over 64 KB, or whose bytes are not the declared image type, is refused', async () => {
    const update = (avatarDataUrl: string) => agent.request('profile.update', { mutationId: randomUUID(), displayName: 'Agent', avatarDataUrl });
    expect(await update(png(AVATAR_MAX_BYTES + 1))).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await update(png(AVATAR_MAX_BYTES).replace('image/png', 'image/jpeg'))).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    const text = `data:image/gif;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`;
    expect(await update(text)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    const jpeg = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).toString('base64')}`;
    expect(await update(jpeg)).toMatchObject({ ok: true });
  });
});
