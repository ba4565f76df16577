// Issue 9.4: subscribe is limited per socket, not per session: a desktop
// opens a socket per workspace and may subscribe on each, but one socket that
// keeps asking for the workspace again is refused with how long to wait, and
// served again once its window has passed.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from './server/request-limits';
import { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
afterEach(() => hub.stop());

describe('issue 9.4: subscribes per socket', () => {
  it('issue 9.4: the subscribe past the quota on one socket is refused with how long to wait, while another socket of the same session subscribes', async () => {
    hub = await startTestHub();
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const busy = await TestClient.open(hub.hub.socketUrl, session.token, hub.workspaceId);
    for (let index = 0; index < DEFAULT_REQUEST_LIMITS.subscribesPerSocket; index += 1) {
      expect(await busy.request('subscribe', { since: busy.lastSeq })).toMatchObject({ ok: true });
    }
    const refused = await busy.request('subscribe', { since: busy.lastSeq });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const waitMs = refused.ok ? 0 : (refused.error.retryAfterMs ?? 0);
    expect(waitMs).toBeGreaterThan(DEFAULT_REQUEST_LIMITS.subscribeWindowSeconds * 1000 - 10_000);
    expect(waitMs).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.subscribeWindowSeconds * 1000);

    const other = await TestClient.open(hub.hub.socketUrl, session.token, hub.workspaceId);
    expect(await other.request('subscribe', { since: null })).toMatchObject({ ok: true });
  });

  it('issue 9.4: a socket refused a subscribe is served again once its window has passed', async () => {
    hub = await startTestHub({ requestLimits: { ...DEFAULT_REQUEST_LIMITS, subscribesPerSocket: 2, subscribeWindowSeconds: 1 } });
    const client = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    expect(await client.request('subscribe', { since: client.lastSeq })).toMatchObject({ ok: true });
    const refused = await client.request('subscribe', { since: client.lastSeq });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    await new Promise((resolve) => setTimeout(resolve, (refused.ok ? 0 : (refused.error.retryAfterMs ?? 0)) + 50));
    expect(await client.request('subscribe', { since: client.lastSeq })).toMatchObject({ ok: true });
  });
});
