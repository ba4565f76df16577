// An authenticated socket that never subscribes is closed (4008) once the
// subscribe timeout has passed since it opened; one that subscribed stays.
// One timer serves every socket (subscribe-deadline.ts), so each of several
// sockets opened at different times must still get its own full timeout.
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../shared/protocol';
import { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const TIMEOUT_MS = 400;
let hub: TestHub;
afterEach(() => hub.stop());

async function openUnsubscribed(token: string): Promise<{ client: TestClient; openedAt: number }> {
  const client = await TestClient.open(hub.hub.socketUrl, token, hub.workspaceId);
  return { client, openedAt: Date.now() };
}

describe('subscribe deadline', () => {
  it('closes each socket that never subscribes a full timeout after it opened, and keeps the one that did', async () => {
    hub = await startTestHub({ subscribeTimeoutMs: TIMEOUT_MS });
    // Signed in first: a sign-in takes long enough to blur the deadlines.
    const { token } = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const subscribed = await TestClient.open(hub.hub.socketUrl, token, hub.workspaceId);
    await subscribed.subscribe(null);
    const early = await openUnsubscribed(token);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const late = await openUnsubscribed(token);

    expect(await early.client.closed()).toBe(CLOSE_CODES.subscribeTimeout);
    const earlyLived = Date.now() - early.openedAt;
    expect(late.client.closeCode).toBeNull();
    expect(await late.client.closed()).toBe(CLOSE_CODES.subscribeTimeout);
    const lateLived = Date.now() - late.openedAt;

    expect(earlyLived).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(lateLived).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(lateLived).toBeLessThan(TIMEOUT_MS + 1_000);
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS));
    expect(subscribed.closeCode).toBeNull();
    expect(await subscribed.request('activity')).toMatchObject({ ok: true });
  });
});
