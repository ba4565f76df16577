// Issue 13.2: the sync client reads the hub's temporary-access messages with
// the shared schema: a warning that access ends soon becomes an event the
// core notifies from, and a revoke because the end date came carries that
// reason and moment (the replica is wiped as for any revoke). Against a real
// WebSocket server on 127.0.0.1 that speaks the hub's frames, so these hold
// whatever the hub's own timing; the hub's side has its own raw-socket tests.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { CLOSE_CODES } from '../../../shared/protocol';
import type { SyncHarness } from './testing/sync-harness';
import { startSyncHarness } from './testing/sync-harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A socket that answers the client's subscribe with these frames, then closes as the hub closes a revoked member. */
async function hubSaying(frames: readonly object[], closeCode: number | null): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => {
    socket.once('message', () => {
      for (const frame of frames) socket.send(JSON.stringify(frame));
      if (closeCode !== null) socket.close(closeCode, 'revoked');
    });
  });
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function clientOf(hubUrl: string): Promise<SyncHarness> {
  const harness = await startSyncHarness({ hubUrl, token: 't', personId: 'p', workspaceId: 'w' });
  cleanups.push(() => harness.close());
  harness.client.start();
  return harness;
}

const ADA = { memberId: 'm1', displayName: 'Ada Lovelace', email: 'ada@example.com', accessUntil: Date.UTC(2026, 11, 3, 17), isSelf: false };

describe('issue 13.2: temporary-access messages from the hub', () => {
  it('issue 13.2: a warning that access ends soon reaches the core as an event, and is logged', async () => {
    const sync = await clientOf(await hubSaying([{ type: 'access_ending', notices: [ADA] }], null));
    const event = await sync.waitFor('access_ending');
    expect(event.notices).toEqual([ADA]);
    expect(sync.logLines.some((line) => line.msg === 'the hub warned that access ends soon')).toBe(true);
  });

  it('issue 13.2: a revoke because the end date came says so and when; the replica is wiped as for any revoke', async () => {
    const endedAt = Date.UTC(2026, 11, 3, 17);
    const frames = [{ type: 'revoked', message: 'Your access to this workspace ended.', reason: 'access_ended', accessUntil: endedAt }];
    const sync = await clientOf(await hubSaying(frames, CLOSE_CODES.revoked));
    const event = await sync.waitFor('revoked');
    expect(event).toEqual({ type: 'revoked', message: 'Your access to this workspace ended.', reason: 'access_ended', accessUntil: endedAt });
    expect(sync.events.filter((each) => each.type === 'revoked')).toHaveLength(1);
  });

  it('issue 13.2: a revoke from a hub older than temporary access reads as revoked by an admin', async () => {
    const sync = await clientOf(await hubSaying([{ type: 'revoked', message: 'Your access to this workspace was revoked.' }], CLOSE_CODES.revoked));
    expect(await sync.waitFor('revoked')).toEqual({ type: 'revoked', message: 'Your access to this workspace was revoked.', reason: 'revoked', accessUntil: null });
  });
});
